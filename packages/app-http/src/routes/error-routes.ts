import { createRoute, z } from '@hono/zod-openapi';
import {
  causeKey,
  type AccountId,
  type CauseGroupView,
  type DocumentId,
  type ErrorFilter,
  type ErrorHistoryEntryView,
  type ErrorHistoryStore,
  type Language,
  type Resynced,
  type StoreError,
} from '@ogustine-qbo/domain';
import type { Outcome } from '../http/outcome.js';
import type { Journeys } from '../composition/journeys.js';
import { answer, createRouter, outcomeOf, problemReply } from '../http/router.js';
import { problemOf } from '../problems/domain-problems.js';
import type { ApiProblem } from '../problems/problem.js';
import {
  bearer,
  commonProblems,
  CursorQuery,
  conflictProblem,
  iso,
  json,
  jsonBody,
  notFoundProblem,
  OgustineId,
} from '../schemas/common.js';

const ErrorEntry = z
  .object({
    id: z.string(),
    documentId: z.string(),
    documentKind: z.enum(['invoice', 'credit_note']).nullable(),
    attempt: z.number().int(),
    occurredAt: z.string(),
    state: z.enum(['open', 'retrying', 'resolved']),
    resolvedAt: z.string().nullable(),
    greyed: z.boolean().openapi({ description: 'Resolved: shown greyed, kept as an audit trail.' }),
    handled: z.boolean().openapi({ description: 'Resolved by the user (marked as handled), not by a success.' }),
    canResync: z.boolean(),
    causeKey: z.string(),
    title: z.string(),
    message: z.string(),
    fix: z.string(),
    quickbooksDetail: z.string().nullable(),
    quickbooksCode: z.string().nullable(),
    intuitTid: z.string().nullable(),
  })
  .openapi('ErrorEntry');

const Group = z
  .object({
    key: z.string(),
    label: z.string(),
    count: z.number().int(),
    state: z.enum(['open', 'retrying', 'resolved']),
  })
  .openapi('ErrorGroup');

const HistoryQuery = CursorQuery.extend({
  state: z
    .enum(['open', 'resolved', 'all'])
    .default('all')
    .openapi({ param: { name: 'state', in: 'query' }, description: '`open` includes errors being retried.' }),
  cause: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cause', in: 'query' }, description: 'A group key.' }),
});

/** The most documents one relaunch takes. */
const MAX_RESYNC = 500;

const Selection = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('all-open') }).strict(),
    z.object({ kind: z.literal('cause'), key: z.string().min(1).max(200) }).strict(),
    z.object({ kind: z.literal('documents'), documentIds: z.array(OgustineId).min(1).max(MAX_RESYNC) }).strict(),
  ])
  .openapi('ResyncSelection');

const ResyncedSchema = z
  .object({
    queued: z.array(z.string()),
    skipped: z.array(z.string()).openapi({ description: 'Already in QuickBooks, or unknown to this account.' }),
    cannotSucceed: z.array(z.string()).openapi({
      description: 'Relaunch all only: documents whose errors no retry can fix as they stand; left open, to be marked handled.',
    }),
  })
  .openapi('Resynced');

const history = createRoute({
  method: 'get',
  path: '/errors',
  tags: ['Error history'],
  summary: 'Historique des erreurs de synchronisation: every error (resolved ones greyed), filtered and paged, with the groups by cause',
  security: bearer,
  request: { query: HistoryQuery },
  responses: {
    200: json(
      z
        .object({
          entries: z.array(ErrorEntry),
          next: z.string().nullable(),
          groups: z.object({ open: z.array(Group), resolved: z.array(Group) }),
        })
        .openapi('ErrorHistory'),
      'Newest first.',
    ),
    ...commonProblems,
  },
});

const resyncMany = createRoute({
  method: 'post',
  path: '/errors/resync',
  tags: ['Error history'],
  summary: 'Relaunch many: every open error, one cause group, or a list of documents',
  security: bearer,
  request: jsonBody(z.object({ selection: Selection }).strict().openapi('ResyncMany')),
  responses: { 202: json(ResyncedSchema, 'Queued.'), 404: notFoundProblem, 409: conflictProblem, ...commonProblems },
});

const resyncOne = createRoute({
  method: 'post',
  path: '/documents/{documentId}/resync',
  tags: ['Error history'],
  summary: 'Resynchroniser cet élément',
  security: bearer,
  request: { params: z.object({ documentId: OgustineId.openapi({ param: { name: 'documentId', in: 'path' } }) }) },
  responses: {
    202: json(ResyncedSchema, 'Queued, or skipped if already in QuickBooks or unknown.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const handled = createRoute({
  method: 'post',
  path: '/documents/{documentId}/handled',
  tags: ['Error history'],
  summary: 'Marquer comme traitée: the document’s errors that cannot succeed were dealt with outside the module (kept, greyed)',
  security: bearer,
  request: { params: z.object({ documentId: OgustineId.openapi({ param: { name: 'documentId', in: 'path' } }) }) },
  responses: {
    200: json(
      z.object({ documentId: z.string(), handled: z.literal(true) }).openapi('Handled'),
      'Its unresolved errors are resolved, flagged handled.',
    ),
    404: notFoundProblem,
    409: conflictProblem,
    ...commonProblems,
  },
});

const noErrorProblem = (): ApiProblem => ({
  slug: 'no-error-for-document',
  status: 404,
  title: { fr: 'Aucune erreur pour ce document', en: 'No error for this document' },
  detail: {
    fr: "Ce document n'a aucune erreur dans l'historique de ce compte.",
    en: 'This document has no error in this account’s history.',
  },
  fields: [{ field: 'path.documentId', message: { fr: 'aucune erreur', en: 'no error' } }],
});

const alreadyResolvedProblem = (): ApiProblem => ({
  slug: 'errors-already-resolved',
  status: 409,
  title: { fr: 'Erreurs déjà résolues', en: 'Errors already resolved' },
  detail: { fr: 'Toutes les erreurs de ce document sont déjà résolues.', en: 'Every error of this document is already resolved.' },
});

const entryView = (e: ErrorHistoryEntryView, language: Language) => ({
  id: e.record.id,
  documentId: e.record.documentId,
  documentKind: e.record.documentKind ?? null,
  attempt: e.record.attempt,
  occurredAt: iso(e.record.occurredAt),
  state: e.record.state,
  resolvedAt: e.record.resolvedAt === undefined ? null : iso(e.record.resolvedAt),
  greyed: e.greyed,
  canResync: e.canResync,
  handled: e.record.handled === true,
  causeKey: causeKey(e.record.cause),
  title: e.explanation.title[language],
  message: e.explanation.message[language],
  fix: e.explanation.fix[language],
  quickbooksDetail: e.explanation.qboDetail ?? null,
  quickbooksCode: e.explanation.qboCode ?? null,
  intuitTid: e.explanation.intuitTid ?? null,
});

const groupView = (g: CauseGroupView, language: Language) => ({ key: g.key, label: g.label[language], count: g.count, state: g.state });

/** The documents of a cause group's unresolved errors, a page at a time, up to what one relaunch takes. */
const documentsOfCause = async (
  store: ErrorHistoryStore,
  accountId: AccountId,
  key: string,
): Promise<Outcome<DocumentId[], StoreError>> => {
  const ids = new Set<DocumentId>();
  let cursor: string | null | undefined;
  do {
    const page = await outcomeOf(
      store.page(accountId, { states: ['open', 'retrying'], causeKey: key }, cursor === undefined || cursor === null ? {} : { cursor }),
    );
    if (!page.ok) return page;
    for (const record of page.value.items) ids.add(record.documentId);
    cursor = page.value.next;
  } while (cursor !== null && ids.size < MAX_RESYNC);
  return { ok: true, value: [...ids].slice(0, MAX_RESYNC) };
};

const resyncedView = (r: Resynced) => ({ queued: [...r.queued], skipped: [...r.skipped], cannotSucceed: [...r.cannotSucceed] });

const unknownGroupProblem = (): ApiProblem => ({
  slug: 'error-group-not-found',
  status: 404,
  title: { fr: "Groupe d'erreurs inconnu", en: 'Unknown error group' },
  detail: { fr: "Aucune erreur ouverte n'a cette cause.", en: 'No open error has this cause.' },
  fields: [{ field: 'body.selection.key', message: { fr: 'inconnu', en: 'unknown' } }],
});

export const errorRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(history, (c) => {
      const { cursor, limit, state, cause } = c.req.valid('query');
      const language = c.get('language');
      const filter: ErrorFilter = {
        ...(state === 'open' ? { states: ['open', 'retrying'] as const } : state === 'resolved' ? { states: ['resolved'] as const } : {}),
        ...(cause === undefined ? {} : { causeKey: cause }),
      };
      const page = { ...(cursor === undefined ? {} : { cursor }), limit };
      return answer(c, journeys.listErrorHistory.run(c.get('accountId'), { filter, page }), (screen) =>
        c.json(
          {
            entries: screen.entries.map((e) => entryView(e, language)),
            next: screen.next,
            groups: {
              open: screen.openGroups.map((g) => groupView(g, language)),
              resolved: screen.resolvedGroups.map((g) => groupView(g, language)),
            },
          },
          200,
        ),
      );
    })
    .openapi(resyncMany, async (c) => {
      const { selection } = c.req.valid('json');
      const accountId = c.get('accountId');
      if (selection.kind !== 'cause') return answer(c, journeys.resyncMany.run(accountId, selection), (r) => c.json(resyncedView(r), 202));
      // A cause group is the documents of its unresolved errors, as the history screen groups them.
      const documents = await documentsOfCause(journeys.ports.errorStore, accountId, selection.key);
      if (!documents.ok) return problemReply<never>(c, problemOf(documents.error));
      if (documents.value.length === 0) return problemReply<never>(c, unknownGroupProblem());
      return answer(c, journeys.resyncMany.run(accountId, { kind: 'documents', documentIds: documents.value }), (r) =>
        c.json(resyncedView(r), 202),
      );
    })
    .openapi(resyncOne, (c) =>
      answer(c, journeys.resyncDocument.run(c.get('accountId'), c.req.valid('param').documentId), (r) => c.json(resyncedView(r), 202)),
    )
    .openapi(handled, async (c) => {
      const { documentId } = c.req.valid('param');
      const marked = await outcomeOf(journeys.markErrorHandled.run(c.get('accountId'), documentId));
      if (marked.ok) return c.json({ documentId, handled: true as const }, 200);
      // Here these two are about the caller's document, not a race: said as such.
      if (marked.error.kind === 'error-history.unknown-record') return problemReply<never>(c, noErrorProblem());
      if (marked.error.kind === 'error-history.invalid-transition') return problemReply<never>(c, alreadyResolvedProblem());
      return problemReply<never>(c, problemOf(marked.error));
    });
