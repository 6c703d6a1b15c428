import { createRoute, z } from '@hono/zod-openapi';
import { explainBlockedReason, plannedDocuments, type InitialSyncPlan, type OgustineDocument } from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import { answer, createRouter } from '../http/router.js';
import { INITIAL_SYNC_RUN, secondsLeftWithinBudget } from '../queries/runs.js';
import { bearer, commonProblems, conflictProblem, json, jsonBody, PageInfo, PageQuery } from '../schemas/common.js';
import { DocumentSummary, documentSummary, Run } from '../schemas/documents.js';
import { API_PREFIX } from './api-prefix.js';

const Amounts = z.object({ count: z.number().int(), netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() });

const Preview = z
  .object({
    counts: z.object({
      invoices: z.number().int(),
      creditNotes: z.number().int(),
      customers: z.number().int(),
      services: z.number().int(),
      blocked: z.number().int(),
      alreadyInQuickBooks: z.number().int(),
      beforeSyncFrom: z.number().int(),
    }),
    totals: z
      .array(z.object({ currency: z.string(), invoices: Amounts, creditNotes: Amounts }))
      .openapi({ description: 'What will be sent, per currency.' }),
    documents: z.array(DocumentSummary).openapi({ description: 'This page of the documents to send, in sending order.' }),
    page: PageInfo,
  })
  .openapi('InitialSyncPreview');

const LeftOut = z
  .object({
    documents: z.array(DocumentSummary.extend({ reason: z.object({ kind: z.string(), message: z.string() }) })),
    page: PageInfo,
    alreadyInQuickBooks: z.number().int(),
    beforeSyncFrom: z.number().int(),
  })
  .openapi('InitialSyncLeftOut');

const preview = createRoute({
  method: 'get',
  path: '/initial-sync/preview',
  tags: ['Initial synchronisation'],
  summary: 'What the first synchronisation will send: counts, totals and the documents (paged)',
  security: bearer,
  request: { query: PageQuery },
  responses: { 200: json(Preview, 'The preview.'), ...commonProblems },
});

const leftOut = createRoute({
  method: 'get',
  path: '/initial-sync/preview/left-out',
  tags: ['Initial synchronisation'],
  summary: 'The documents the first synchronisation will not send, and why (paged)',
  security: bearer,
  request: { query: PageQuery },
  responses: {
    200: json(LeftOut, 'Blocked documents with their reason; counts of those already in QuickBooks or before the sync-from day.'),
    ...commonProblems,
  },
});

const launch = createRoute({
  method: 'post',
  path: '/initial-sync',
  tags: ['Initial synchronisation'],
  summary: 'Launch the first synchronisation. It cannot be cancelled.',
  description: 'The body must acknowledge that the launch is irrevocable. A second launch is a 409.',
  security: bearer,
  request: jsonBody(
    z
      .object({ acknowledgeIrrevocable: z.literal(true) })
      .strict()
      .openapi('InitialSyncLaunch'),
  ),
  responses: {
    202: json(z.object({ run: Run }).openapi('InitialSyncLaunched'), 'Launched; follow the run.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const sum = (docs: readonly OgustineDocument[]) => {
  const rows = docs.map(documentSummary);
  return {
    count: rows.length,
    netCents: rows.reduce((s, d) => s + d.netCents, 0),
    vatCents: rows.reduce((s, d) => s + d.vatCents, 0),
    grossCents: rows.reduce((s, d) => s + d.grossCents, 0),
  };
};

const totalsOf = (plan: InitialSyncPlan) => {
  const documents = plannedDocuments(plan);
  const currencies = [...new Set(documents.map((d) => d.currency))].sort();
  return currencies.map((currency) => {
    const inCurrency = documents.filter((d) => d.currency === currency);
    return {
      currency,
      invoices: sum(inCurrency.filter((d) => d.kind === 'invoice')),
      creditNotes: sum(inCurrency.filter((d) => d.kind === 'credit_note')),
    };
  });
};

export const initialSyncRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(preview, (c) => {
      const { offset, limit } = c.req.valid('query');
      return answer(c, journeys.previewInitialSync.run(c.get('accountId')), (plan) => {
        const documents = plannedDocuments(plan);
        return c.json(
          {
            counts: { ...plan.counts },
            totals: totalsOf(plan),
            documents: documents.slice(offset, offset + limit).map(documentSummary),
            page: { offset, limit, total: documents.length },
          },
          200,
        );
      });
    })
    .openapi(leftOut, (c) => {
      const { offset, limit } = c.req.valid('query');
      const language = c.get('language');
      return answer(c, journeys.previewInitialSync.run(c.get('accountId')), (plan) =>
        c.json(
          {
            documents: plan.blocked.slice(offset, offset + limit).map((b) => ({
              ...documentSummary(b.document),
              reason: { kind: b.reason.kind, message: explainBlockedReason(b.reason)[language] },
            })),
            page: { offset, limit, total: plan.blocked.length },
            alreadyInQuickBooks: plan.counts.alreadyInQuickBooks,
            beforeSyncFrom: plan.counts.beforeSyncFrom,
          },
          200,
        ),
      );
    })
    .openapi(launch, (c) =>
      answer(c, journeys.launchInitialSync.run(c.get('accountId')), ({ plan }) => {
        const total = plannedDocuments(plan).length;
        c.header('location', `${API_PREFIX}/runs/${INITIAL_SYNC_RUN}`);
        return c.json(
          {
            run: {
              id: INITIAL_SYNC_RUN,
              kind: 'initial-sync' as const,
              status: total === 0 ? ('done' as const) : ('running' as const),
              total,
              sent: 0,
              failed: 0,
              remaining: total,
              secondsLeftWithinBudget: secondsLeftWithinBudget(total),
            },
          },
          202,
        );
      }),
    );
