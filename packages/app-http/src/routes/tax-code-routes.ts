import { createRoute, z } from '@hono/zod-openapi';
import {
  parseDecimal,
  vatRateKey,
  type AccountId,
  type ChooseTaxCodeError,
  type Language,
  type TaxCodeChoiceView,
  type VatRate,
} from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import type { Outcome } from '../http/outcome.js';
import { answer, createRouter, outcomeOf, problemReply } from '../http/router.js';
import { problemOf } from '../problems/domain-problems.js';
import { internalProblem, validationProblem } from '../problems/http-problems.js';
import { ratesInUse } from '../queries/tax-codes-by-rate.js';
import { bearer, commonProblems, conflictProblem, json, jsonBody, OgustineId } from '../schemas/common.js';

const TaxCodeRef = z.object({ id: z.string(), name: z.string() }).openapi('TaxCodeRef');

const RateTaxCode = z
  .object({
    rate: z.string().openapi({ example: '5.5' }),
    rateLabel: z.string().openapi({ example: '5,5 %' }),
    taxCode: TaxCodeRef.nullable().openapi({
      description: 'The code lines at this rate go under; null when the company has none (a failing prerequisite).',
    }),
    chosen: z.boolean().openapi({ description: 'Chosen by the account; otherwise pre-filled by the default rule.' }),
    candidates: z.array(TaxCodeRef).openapi({ description: 'Active codes of the company carrying exactly this rate.' }),
  })
  .openapi('RateTaxCode');

const RateParam = z.object({
  rate: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,3})?$/)
    .openapi({ param: { name: 'rate', in: 'path' }, example: '5.5' }),
});

const list = createRoute({
  method: 'get',
  path: '/tax-codes',
  tags: ['Tax codes'],
  summary: 'The QuickBooks tax code used for each VAT rate of the account’s documents',
  security: bearer,
  responses: {
    200: json(z.object({ rates: z.array(RateTaxCode) }).openapi('TaxCodesByRate'), 'One row per rate, highest first.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const change = createRoute({
  method: 'put',
  path: '/tax-codes/{rate}',
  tags: ['Tax codes'],
  summary:
    'Choose the tax code for a VAT rate (e.g. the exempt code for 0 % services à la personne); applies to documents sent from now on',
  security: bearer,
  request: { params: RateParam, ...jsonBody(z.object({ taxCodeId: OgustineId }).strict().openapi('TaxCodeChoice')) },
  responses: { 200: json(RateTaxCode, 'The rate with its code.'), 409: conflictProblem, ...commonProblems },
});

const view = (row: TaxCodeChoiceView, language: Language) => ({
  rate: vatRateKey(row.rate),
  rateLabel: row.label[language],
  taxCode: row.inUse,
  chosen: row.chosen,
  candidates: row.options.map((o) => ({ id: o.id, name: o.name })),
});

export const taxCodeRoutes = (journeys: Journeys) => {
  const show = async (
    accountId: AccountId,
    rates?: readonly VatRate[],
  ): Promise<Outcome<readonly TaxCodeChoiceView[], ChooseTaxCodeError>> => {
    const shown = rates === undefined ? await ratesInUse(journeys.ports, accountId) : { ok: true as const, value: rates };
    return shown.ok ? outcomeOf(journeys.chooseTaxCodes.show(accountId, shown.value)) : shown;
  };

  return createRouter()
    .openapi(list, (c) =>
      answer(c, show(c.get('accountId')), (rows) => c.json({ rates: rows.map((r) => view(r, c.get('language'))) }, 200)),
    )
    .openapi(change, async (c) => {
      const accountId = c.get('accountId');
      const parsed = parseDecimal(c.req.valid('param').rate);
      if (parsed.isErr()) {
        return problemReply<never>(c, validationProblem([{ field: 'path.rate', message: { fr: 'taux invalide', en: 'invalid rate' } }]));
      }
      const rate = parsed.value;
      const chosen = await outcomeOf(journeys.chooseTaxCodes.choose(accountId, rate, c.req.valid('json').taxCodeId));
      if (!chosen.ok) return problemReply<never>(c, problemOf(chosen.error));
      return answer(c, show(accountId, [rate]), ([row]) =>
        row === undefined ? problemReply<never>(c, internalProblem()) : c.json(view(row, c.get('language')), 200),
      );
    });
};
