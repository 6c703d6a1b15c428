import { createRoute, z } from '@hono/zod-openapi';
import {
  describeScheduleStatus,
  formatCalendarDate,
  parseCalendarDate,
  catchUpSending,
  syncSchedule,
  unsentCoveredBy,
  scheduleOf,
  scheduleStatus,
  type AccountId,
  type Localized,
  type OgustineDocument,
  type StoreError,
} from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import type { Outcome } from '../http/outcome.js';
import { answer, createRouter, outcomeOf } from '../http/router.js';
import { readAccountOverview } from '../queries/account-overview.js';
import { bearer, commonProblems, json, jsonBody } from '../schemas/common.js';
import { DocumentSummary, documentSummary } from '../schemas/documents.js';

const SyncFrom = z
  .string()
  .refine((text) => parseCalendarDate(text).isOk(), { message: 'YYYY-MM-DD' })
  .openapi({ example: '2027-03-12', description: 'Synchroniser les factures créées depuis le: a calendar day, YYYY-MM-DD.' });

const Reschedule = z.object({ syncFrom: SyncFrom }).strict().openapi('Reschedule');

const Schedule = z
  .object({
    syncFrom: z.string(),
    timeZone: z.string(),
    chosen: z.boolean().openapi({ description: 'False while the default (1 January of this year) applies.' }),
    status: z.enum(['active', 'suspended']),
    until: z.string().nullable(),
    description: z.string(),
  })
  .openapi('Schedule');

const CATCH_UP_SHOWN = 50;

const ReschedulePreview = z
  .object({
    outcome: z.enum(['suspended', 'resumed']),
    until: z.string().nullable(),
    catchUp: z.object({
      count: z.number().int(),
      documents: z.array(DocumentSummary).openapi({ description: `The first ${CATCH_UP_SHOWN}, in sending order.` }),
    }),
    sentNow: z
      .boolean()
      .openapi({ description: 'Whether confirming sends the catch-up now (a company is connected and the initial sync launched).' }),
    message: z.string(),
  })
  .openapi('ReschedulePreview');

const Rescheduled = z
  .object({ outcome: z.enum(['suspended', 'resumed']), until: z.string().nullable(), queued: z.number().int(), confirmation: z.string() })
  .openapi('Rescheduled');

const read = createRoute({
  method: 'get',
  path: '/schedule',
  tags: ['Schedule'],
  summary: 'The sync-from day and whether automatic synchronisation is suspended',
  security: bearer,
  responses: { 200: json(Schedule, 'The schedule in force.'), ...commonProblems },
});

const preview = createRoute({
  method: 'post',
  path: '/schedule/preview',
  tags: ['Schedule'],
  summary: 'What rescheduling to this day would do, before confirming: suspended until, or the catch-up it would send',
  security: bearer,
  request: jsonBody(Reschedule),
  responses: { 200: json(ReschedulePreview, 'Nothing is changed.'), ...commonProblems },
});

const change = createRoute({
  method: 'put',
  path: '/schedule',
  tags: ['Schedule'],
  summary: 'Reprogrammer: a future day suspends automatic sync until then; a past day resumes it and sends the catch-up',
  security: bearer,
  request: jsonBody(Reschedule),
  responses: { 200: json(Rescheduled, 'The new schedule is in force.'), ...commonProblems },
});

interface PreviewFacts {
  readonly outcome:
    | { readonly kind: 'suspended'; readonly until: string }
    | { readonly kind: 'resumed'; readonly count: number; readonly first: readonly OgustineDocument[] };
  readonly sentNow: boolean;
}

/** What rescheduling would do, read from the stores without saving anything: the catch-up the user would confirm. */
const previewReschedule = async (
  journeys: Journeys,
  accountId: AccountId,
  syncFrom: string,
): Promise<Outcome<PreviewFacts, StoreError>> => {
  const overview = await readAccountOverview(journeys.ports, accountId);
  if (!overview.ok) return overview;
  const { settings } = overview.value;
  const now = journeys.ports.clock.now();
  const schedule = syncSchedule(syncFrom, scheduleOf(settings, now).timeZone);
  const status = scheduleStatus(schedule, now);
  const sentNow = catchUpSending(settings.moduleState) === 'now';
  if (status.kind === 'suspended') return { ok: true, value: { outcome: { kind: 'suspended', until: status.until }, sentNow } };
  const filter = unsentCoveredBy(schedule);
  const summary = await outcomeOf(journeys.ports.documents.summarize(accountId, filter));
  if (!summary.ok) return summary;
  const first = await outcomeOf(journeys.ports.documents.page(accountId, filter, { limit: CATCH_UP_SHOWN }));
  if (!first.ok) return first;
  return { ok: true, value: { outcome: { kind: 'resumed', count: summary.value.count, first: first.value.items }, sentNow } };
};

const previewMessage = (outcome: PreviewFacts['outcome'], sentNow: boolean, syncFrom: string): Localized => {
  if (outcome.kind === 'suspended') {
    const until = formatCalendarDate(outcome.until);
    return {
      fr: `La synchronisation automatique sera suspendue jusqu'au ${until.fr}. Les documents créés avant cette date ne seront pas envoyés.`,
      en: `Automatic synchronisation will be suspended until ${until.en}. Documents created before that day will not be sent.`,
    };
  }
  const from = formatCalendarDate(syncFrom);
  const n = outcome.count;
  const when = sentNow
    ? { fr: 'envoyés dès la confirmation', en: 'sent as soon as you confirm' }
    : { fr: 'envoyés au lancement de la synchronisation initiale', en: 'sent when the initial synchronisation is launched' };
  return {
    fr: `La synchronisation automatique reprendra. ${n} document${n > 1 ? 's' : ''} créé${n > 1 ? 's' : ''} depuis le ${from.fr} et absent${n > 1 ? 's' : ''} de QuickBooks ${n > 1 ? 'seront' : 'sera'} ${when.fr}.`,
    en: `Automatic synchronisation will resume. ${n} document${n === 1 ? '' : 's'} created since ${from.en} and not in QuickBooks will be ${when.en}.`,
  };
};

export const scheduleRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(read, (c) =>
      answer(c, readAccountOverview(journeys.ports, c.get('accountId')), ({ settings }) => {
        const schedule = scheduleOf(settings, journeys.ports.clock.now());
        const status = scheduleStatus(schedule, journeys.ports.clock.now());
        return c.json(
          {
            syncFrom: schedule.syncFrom,
            timeZone: schedule.timeZone,
            chosen: settings.schedule !== undefined,
            status: status.kind,
            until: status.kind === 'suspended' ? status.until : null,
            description: describeScheduleStatus(status, schedule)[c.get('language')],
          },
          200,
        );
      }),
    )
    .openapi(preview, (c) => {
      const { syncFrom } = c.req.valid('json');
      return answer(c, previewReschedule(journeys, c.get('accountId'), syncFrom), ({ outcome, sentNow }) =>
        c.json(
          {
            outcome: outcome.kind,
            until: outcome.kind === 'suspended' ? outcome.until : null,
            catchUp:
              outcome.kind === 'resumed'
                ? { count: outcome.count, documents: outcome.first.map(documentSummary) }
                : { count: 0, documents: [] },
            sentNow: outcome.kind === 'resumed' && sentNow,
            message: previewMessage(outcome, sentNow, syncFrom)[c.get('language')],
          },
          200,
        ),
      );
    })
    .openapi(change, (c) =>
      answer(c, journeys.rescheduleSync.run(c.get('accountId'), c.req.valid('json').syncFrom), (r) =>
        c.json(
          {
            outcome: r.outcome.kind,
            until: r.outcome.kind === 'suspended' ? r.outcome.until : null,
            queued: r.queued,
            confirmation: r.confirmation[c.get('language')],
          },
          200,
        ),
      ),
    );
