import { createRoute, z } from '@hono/zod-openapi';
import {
  CUSTOM_TRANSACTION_NUMBERS,
  DISCOUNTS_SETTING,
  INCOME_ACCOUNT,
  TAX_CODE,
  VAT_SETUP_HELP_URL,
  type Language,
  type Localized,
  type PrerequisitesState,
  type UnmetPrerequisite,
} from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import type { HttpConfig } from '../config/config.js';
import { answer, createRouter } from '../http/router.js';
import { readAccountOverview } from '../queries/account-overview.js';
import { bearer, commonProblems, conflictProblem, json } from '../schemas/common.js';

/** The checks the prerequisite screen lists, in its order; each unmet prerequisite belongs to one. */
const CHECKS = ['company-country', 'vat', 'tax-codes', 'custom-transaction-numbers', 'discounts', 'income-account', 'currency'] as const;
type CheckId = (typeof CHECKS)[number];

const checkOf = (unmet: UnmetPrerequisite): CheckId => {
  switch (unmet.kind) {
    case 'prerequisite.us-company-unsupported':
      return 'company-country';
    case 'prerequisite.vat-not-set-up':
      return 'vat';
    case 'prerequisite.tax-code-missing':
      return 'tax-codes';
    case 'prerequisite.custom-transaction-numbers-off':
      return 'custom-transaction-numbers';
    case 'prerequisite.discounts-not-allowed':
      return 'discounts';
    case 'prerequisite.no-income-account':
      return 'income-account';
    case 'prerequisite.currency-not-enabled':
      return 'currency';
  }
};

/** Capitalised for a heading: the catalogue's terms are written to sit inside a sentence. */
const heading = ({ fr, en }: Localized): Localized => ({
  fr: fr.charAt(0).toUpperCase() + fr.slice(1),
  en: en.charAt(0).toUpperCase() + en.slice(1),
});

/** Each check's heading, in the catalogue's words (`terms.ts`): the same word as QBO's French interface and the help article. */
const LABELS: Record<CheckId, Localized> = {
  'company-country': { fr: 'Édition de QuickBooks prise en charge', en: 'Supported QuickBooks edition' },
  vat: { fr: 'TVA configurée dans QuickBooks', en: 'VAT set up in QuickBooks' },
  'tax-codes': { fr: `Un ${TAX_CODE.fr} pour chaque taux utilisé`, en: `A ${TAX_CODE.en} for every rate in use` },
  'custom-transaction-numbers': CUSTOM_TRANSACTION_NUMBERS,
  discounts: heading(DISCOUNTS_SETTING),
  'income-account': heading(INCOME_ACCOUNT),
  currency: { fr: 'Devises des documents', en: 'Document currencies' },
};

const Problem = z.object({
  message: z.string(),
  fix: z.string().openapi({ description: 'What to change in QuickBooks, then Retry.' }),
  helpUrl: z.url().nullable(),
  documentIds: z.array(z.string()).openapi({
    description: 'The first documents it blocks, at most 50 (the message says how many in all); empty when it blocks them all.',
  }),
});

const Check = z
  .object({
    id: z.enum(CHECKS),
    label: z.string(),
    status: z.enum(['ok', 'failing', 'unknown']),
    problems: z.array(Problem),
  })
  .openapi('PrerequisiteCheck');

const Prerequisites = z.object({ state: z.enum(['unknown', 'met', 'failing']), checks: z.array(Check) }).openapi('Prerequisites');

const Rechecked = Prerequisites.extend({
  queued: z.number().int().openapi({ description: 'Documents queued because the check now passes after the initial sync was launched.' }),
}).openapi('PrerequisitesRechecked');

/** The screen's view of a prerequisite state, in one language. */
const viewOf = (state: PrerequisitesState, language: Language, helpArticleUrl: string | undefined) => {
  const unmet = state.kind === 'failing' ? state.unmet : [];
  const helpUrl = (check: CheckId): string | null =>
    check === 'vat' || check === 'tax-codes' ? VAT_SETUP_HELP_URL : (helpArticleUrl ?? null);
  return {
    state: state.kind,
    checks: CHECKS.map((id) => {
      const problems = unmet.filter((u) => checkOf(u) === id);
      return {
        id,
        label: LABELS[id][language],
        status: state.kind === 'unknown' ? ('unknown' as const) : problems.length > 0 ? ('failing' as const) : ('ok' as const),
        problems: problems.map((p) => ({
          message: p.message[language],
          fix: p.fix[language],
          helpUrl: helpUrl(id),
          documentIds: [...p.documentIds],
        })),
      };
    }),
  };
};

const read = createRoute({
  method: 'get',
  path: '/prerequisites',
  tags: ['Prerequisites'],
  summary: 'The last check of the connected company: each prerequisite ok or failing, with how to fix it in QuickBooks',
  security: bearer,
  responses: { 200: json(Prerequisites, 'The last check (state `unknown` before the first).'), ...commonProblems },
});

const retry = createRoute({
  method: 'post',
  path: '/prerequisites/check',
  tags: ['Prerequisites'],
  summary: 'Réessayer: read the company again and check it now',
  security: bearer,
  responses: { 200: json(Rechecked, 'The new result.'), 409: conflictProblem, ...commonProblems },
});

export const prerequisiteRoutes = (journeys: Journeys, config: HttpConfig) =>
  createRouter()
    .openapi(read, (c) =>
      answer(c, readAccountOverview(journeys.ports, c.get('accountId')), ({ settings }) =>
        c.json(viewOf(settings.moduleState.prerequisites, c.get('language'), config.helpArticleUrl), 200),
      ),
    )
    .openapi(retry, (c) =>
      answer(c, journeys.checkPrerequisites.run(c.get('accountId')), ({ unmet, queued }) => {
        const state: PrerequisitesState = unmet.length === 0 ? { kind: 'met' } : { kind: 'failing', unmet };
        return c.json({ ...viewOf(state, c.get('language'), config.helpArticleUrl), queued }, 200);
      }),
    );
