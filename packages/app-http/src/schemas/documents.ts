import { z } from '@hono/zod-openapi';
import type { OgustineDocument } from '@ogustine-qbo/domain';
import { iso } from './common.js';

/** A document as the lists show it; amounts in integer cents of its currency. */
export const DocumentSummary = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string(),
    customerName: z.string(),
    createdAt: z.string(),
    issuedOn: z.string(),
    currency: z.string(),
    netCents: z.number().int(),
    vatCents: z.number().int(),
    grossCents: z.number().int(),
  })
  .openapi('DocumentSummary');

export const documentSummary = (doc: OgustineDocument): z.infer<typeof DocumentSummary> => ({
  id: doc.id,
  kind: doc.kind,
  number: doc.number,
  customerName: doc.customer.name,
  createdAt: iso(doc.createdAt),
  issuedOn: doc.issuedOn,
  currency: doc.currency,
  netCents: doc.totals.net,
  vatCents: doc.totals.vat.reduce((sum, v) => sum + v.amount, 0),
  grossCents: doc.totals.gross,
});

export const Run = z
  .object({
    id: z.string().openapi({ example: 'initial-sync' }),
    kind: z.enum(['initial-sync', 'catch-up', 'resync']),
    status: z.enum(['running', 'done']),
    total: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    held: z.number().int(),
    remaining: z.number().int(),
    secondsLeftWithinBudget: z.number().int().openapi({ description: 'The shortest time left within Intuit’s 500 requests per minute.' }),
  })
  .openapi('Run');
