// Documents validated "now", on demand: what a test or a demo needs to see the module react.
import { buildCreditNote, buildInvoice } from '../documents/document-builder.js';
import type { WireDocument } from '../documents/wire-document.js';
import type { AccountHistory } from '../history/account-history.js';
import { clientCount, seededClient } from '../seed/clients.js';
import { Random } from '../seed/random.js';

export const EMIT_KINDS = ['invoice', 'credit_note', 'discounted_invoice', 'malformed'] as const;
export type EmitKind = (typeof EMIT_KINDS)[number];

export const isEmitKind = (value: unknown): value is EmitKind =>
  typeof value === 'string' && (EMIT_KINDS as readonly string[]).includes(value);

const isInvoice = (body: unknown): body is WireDocument =>
  typeof body === 'object' &&
  body !== null &&
  (body as { kind?: unknown }).kind === 'invoice' &&
  Array.isArray((body as { lines?: unknown }).lines);

/** The account's most recently validated invoice, or undefined. */
const latestInvoice = (history: AccountHistory, emitted: readonly unknown[]): WireDocument | undefined => {
  for (let i = emitted.length - 1; i >= 0; i--) if (isInvoice(emitted[i])) return emitted[i] as WireDocument;
  for (let n = history.seeded.count - 1; n >= 0; n--) {
    const doc = history.seeded.document(n);
    if (doc.kind === 'invoice') return doc;
  }
  return undefined;
};

/**
 * A new document of the account, created a few minutes before `now` and validated at `now`.
 * `malformed` is an invoice that breaks `docs/document-message.md` twice (a decimal with a comma,
 * a wrong gross total): the module must refuse it with both issues, never send it.
 * @returns the document, or undefined for a credit note when the account has no invoice to correct
 */
export const newDocument = (
  seed: number,
  history: AccountHistory,
  emitted: readonly unknown[],
  kind: EmitKind,
  now: Date,
): WireDocument | Record<string, unknown> | undefined => {
  const account = history.spec;
  const n = emitted.length + 1;
  const r = new Random(seed, account.accountId, 'emitted', n);
  const year = now.getUTCFullYear();
  const sequence = String(n).padStart(5, '0');
  const identity = { id: `${account.accountId}-E${n}`, createdAt: now.getTime() - r.int(1, 30) * 60_000, validatedAt: now.getTime() };
  if (kind === 'credit_note') {
    const invoice = latestInvoice(history, emitted);
    return invoice === undefined ? undefined : buildCreditNote(r, account, { ...identity, number: `AE${year}-${sequence}` }, invoice);
  }
  const customer = seededClient(seed, account.accountId, r.int(0, clientCount(account.documents) - 1));
  const invoice = buildInvoice(
    r,
    account,
    { ...identity, number: `E${year}-${sequence}` },
    customer,
    kind === 'discounted_invoice' ? 'always' : 'never',
  );
  if (kind !== 'malformed') return invoice;
  const [first, ...rest] = invoice.lines;
  const withComma = (rate: string): string => (rate.includes('.') ? rate.replace('.', ',') : `${rate},0`);
  return {
    ...invoice,
    lines: first === undefined ? rest : [{ ...first, vatRate: withComma(first.vatRate) }, ...rest],
    totals: { ...invoice.totals, grossCents: invoice.totals.grossCents + 1 },
  };
};
