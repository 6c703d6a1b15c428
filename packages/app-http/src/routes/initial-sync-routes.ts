import { createRoute, z } from '@hono/zod-openapi';
import {
  explainBlockedReason,
  plannedDocuments,
  type HistoryImportProgress,
  type InitialSyncPreview,
  type Language,
} from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import { answer, createRouter } from '../http/router.js';
import { progressOf, secondsLeftWithinBudget } from '../queries/runs.js';
import { bearer, commonProblems, conflictProblem, CursorQuery, iso, json, jsonBody } from '../schemas/common.js';
import { DocumentSummary, documentSummary, Run } from '../schemas/documents.js';
import { API_PREFIX } from './api-prefix.js';

const Blocked = DocumentSummary.extend({ reason: z.object({ kind: z.string(), message: z.string() }) }).openapi('BlockedDocument');

const Preview = z
  .object({
    asOf: z.string().openapi({ description: 'Give it to the launch: it sends this set, not documents recorded later.' }),
    counts: z.object({
      documents: z.number().int(),
      invoices: z.number().int(),
      creditNotes: z.number().int(),
      customers: z.number().int(),
      alreadyInQuickBooks: z.number().int(),
      beforeSyncFrom: z.number().int(),
    }),
    totals: z
      .array(z.object({ currency: z.string(), grossCents: z.number().int() }))
      .openapi({ description: 'What will be sent, per currency.' }),
    documents: z.array(DocumentSummary).openapi({ description: 'This page of the documents to send, in sending order.' }),
    blocked: z.array(Blocked).openapi({ description: 'This page’s documents that cannot be sent yet, and why.' }),
    next: z.string().nullable(),
    history: z
      .object({
        state: z.enum(['not-started', 'importing', 'done']),
        imported: z.number().int(),
        unreadable: z.number().int(),
      })
      .openapi({
        description:
          'The import of the account’s history from Ogustine: until it is `done`, the counts are partial and the launch is refused (409 history-import-in-progress).',
      }),
  })
  .openapi('InitialSyncPreview');

const LeftOut = z
  .object({
    documents: z.array(Blocked),
    next: z.string().nullable(),
    alreadyInQuickBooks: z.number().int(),
    beforeSyncFrom: z.number().int(),
  })
  .openapi('InitialSyncLeftOut');

const preview = createRoute({
  method: 'get',
  path: '/initial-sync/preview',
  tags: ['Initial synchronisation'],
  summary: 'What the first synchronisation will send: counts, totals and the documents (paged by cursor)',
  security: bearer,
  request: { query: CursorQuery },
  responses: { 200: json(Preview, 'The preview.'), ...commonProblems },
});

const leftOut = createRoute({
  method: 'get',
  path: '/initial-sync/preview/left-out',
  tags: ['Initial synchronisation'],
  summary: 'The documents the first synchronisation will not send, and why (a page, by cursor)',
  security: bearer,
  request: { query: CursorQuery },
  responses: {
    200: json(
      LeftOut,
      'Blocked documents of the page with their reason; counts of those already in QuickBooks or before the sync-from day.',
    ),
    ...commonProblems,
  },
});

const launch = createRoute({
  method: 'post',
  path: '/initial-sync',
  tags: ['Initial synchronisation'],
  summary: 'Launch the first synchronisation. It cannot be cancelled.',
  description:
    'The body must acknowledge that the launch is irrevocable; `asOf` (from the preview) makes it send exactly the previewed set. A second launch is a 409.',
  security: bearer,
  request: jsonBody(
    z
      .object({ acknowledgeIrrevocable: z.literal(true), asOf: z.iso.datetime().optional() })
      .strict()
      .openapi('InitialSyncLaunch'),
  ),
  responses: {
    202: json(z.object({ run: Run }).openapi('InitialSyncLaunched'), 'Launched; follow the run.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const historyOf = (h: HistoryImportProgress) =>
  h.kind === 'not-started'
    ? { state: h.kind, imported: 0, unreadable: 0 }
    : { state: h.kind, imported: h.imported, unreadable: h.unreadable };

const blockedOf = (p: InitialSyncPreview, language: Language) =>
  p.page.blocked.map((b) => ({
    ...documentSummary(b.document),
    reason: { kind: b.reason.kind, message: explainBlockedReason(b.reason)[language] },
  }));

export const initialSyncRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(preview, (c) => {
      const { cursor, limit } = c.req.valid('query');
      return answer(c, journeys.previewInitialSync.run(c.get('accountId'), { ...(cursor === undefined ? {} : { cursor }), limit }), (p) =>
        c.json(
          {
            asOf: iso(p.asOf),
            counts: {
              documents: p.toSend.count,
              invoices: p.toSend.invoices,
              creditNotes: p.toSend.creditNotes,
              customers: p.toSend.customers,
              alreadyInQuickBooks: p.alreadyInQuickBooks,
              beforeSyncFrom: p.beforeSyncFrom,
            },
            totals: p.toSend.gross.map((g) => ({ currency: g.currency, grossCents: g.cents })),
            documents: plannedDocuments(p.page).map(documentSummary),
            blocked: blockedOf(p, c.get('language')),
            next: p.next,
            history: historyOf(p.history),
          },
          200,
        ),
      );
    })
    .openapi(leftOut, (c) => {
      const { cursor, limit } = c.req.valid('query');
      return answer(c, journeys.previewInitialSync.run(c.get('accountId'), { ...(cursor === undefined ? {} : { cursor }), limit }), (p) =>
        c.json(
          {
            documents: blockedOf(p, c.get('language')),
            next: p.next,
            alreadyInQuickBooks: p.alreadyInQuickBooks,
            beforeSyncFrom: p.beforeSyncFrom,
          },
          200,
        ),
      );
    })
    .openapi(launch, (c) => {
      const { asOf } = c.req.valid('json');
      return answer(c, journeys.launchInitialSync.run(c.get('accountId'), asOf === undefined ? undefined : Date.parse(asOf)), ({ run }) => {
        const progress = progressOf(run);
        c.header('location', `${API_PREFIX}/runs/${progress.id}`);
        return c.json({ run: { ...progress, secondsLeftWithinBudget: secondsLeftWithinBudget(progress.remaining) } }, 202);
      });
    });
