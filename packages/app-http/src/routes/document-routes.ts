import { createRoute, z } from '@hono/zod-openapi';
import type { AccountId, DocumentId, DocumentKind, DocumentStatusError, DocumentSyncStatus, Language } from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import type { HttpConfig } from '../config/config.js';
import type { Outcome } from '../http/outcome.js';
import { answer, createRouter, outcomeOf, problemReply } from '../http/router.js';
import { problemOf } from '../problems/domain-problems.js';
import { bearer, commonProblems, json, jsonBody, notFoundProblem, OgustineId } from '../schemas/common.js';

const Status = z
  .object({
    documentId: z.string(),
    state: z.enum(['sent', 'sending', 'checking', 'waiting', 'held', 'blocked', 'refused', 'failed']),
    label: z.string(),
    explanation: z.string(),
    quickbooks: z
      .object({ id: z.string(), docNumber: z.string(), pdfPending: z.boolean(), url: z.url() })
      .nullable()
      .openapi({ description: 'The transaction in QuickBooks and a link to it, once sent.' }),
  })
  .openapi('DocumentStatus');

const DocumentParam = z.object({ documentId: OgustineId.openapi({ param: { name: 'documentId', in: 'path' } }) });

const one = createRoute({
  method: 'get',
  path: '/documents/{documentId}/status',
  tags: ['Documents'],
  summary: 'Is this document in QuickBooks, and if not, why?',
  security: bearer,
  request: { params: DocumentParam },
  responses: { 200: json(Status, 'Its status and, once sent, its QuickBooks link.'), 404: notFoundProblem, ...commonProblems },
});

const MAX_STATUSES = 100;

const many = createRoute({
  method: 'post',
  path: '/documents/statuses',
  tags: ['Documents'],
  summary: `The statuses of up to ${MAX_STATUSES} documents at once (lists and reporting)`,
  security: bearer,
  request: jsonBody(
    z
      .object({ documentIds: z.array(OgustineId).min(1).max(MAX_STATUSES) })
      .strict()
      .openapi('StatusesRequest'),
  ),
  responses: {
    200: json(
      z
        .object({ statuses: z.array(Status), unknown: z.array(z.string()).openapi({ description: 'Never received for this account.' }) })
        .openapi('Statuses'),
      'In the order asked.',
    ),
    ...commonProblems,
  },
});

/** QuickBooks' page of a transaction. */
const quickbooksUrl = (appUrl: string, kind: DocumentKind, qboId: string): string =>
  `${appUrl}/app/${kind === 'invoice' ? 'invoice' : 'creditmemo'}?txnId=${encodeURIComponent(qboId)}`;

interface Located {
  readonly status: DocumentSyncStatus;
  readonly kind: DocumentKind;
}

export const documentRoutes = (journeys: Journeys, config: HttpConfig) => {
  const locate = async (accountId: AccountId, documentId: DocumentId): Promise<Outcome<Located, DocumentStatusError>> => {
    const status = await outcomeOf(journeys.getDocumentSyncStatus.run(accountId, documentId));
    if (!status.ok) return status;
    const doc = await outcomeOf(journeys.ports.documents.get(accountId, documentId));
    if (!doc.ok) return doc;
    if (doc.value === null) return { ok: false, error: { kind: 'status.unknown-document', documentId } };
    return { ok: true, value: { status: status.value, kind: doc.value.kind } };
  };

  const view = ({ status, kind }: Located, language: Language) => ({
    documentId: status.documentId,
    state: status.kind.replace(/^status\./, '') as z.infer<typeof Status>['state'],
    label: status.label[language],
    explanation: status.explanation[language],
    quickbooks:
      status.kind === 'status.sent'
        ? {
            id: status.qboId,
            docNumber: status.docNumber,
            pdfPending: status.pdfPending,
            url: quickbooksUrl(config.qboAppUrl, kind, status.qboId),
          }
        : null,
  });

  return createRouter()
    .openapi(one, (c) =>
      answer(c, locate(c.get('accountId'), c.req.valid('param').documentId), (located) => c.json(view(located, c.get('language')), 200)),
    )
    .openapi(many, async (c) => {
      const accountId = c.get('accountId');
      const ids = [...new Set(c.req.valid('json').documentIds)];
      const statuses: ReturnType<typeof view>[] = [];
      const unknown: string[] = [];
      for (const documentId of ids) {
        const located = await locate(accountId, documentId);
        if (located.ok) statuses.push(view(located.value, c.get('language')));
        else if (located.error.kind === 'status.unknown-document') unknown.push(documentId);
        else return problemReply<never>(c, problemOf(located.error));
      }
      return c.json({ statuses, unknown }, 200);
    });
};
