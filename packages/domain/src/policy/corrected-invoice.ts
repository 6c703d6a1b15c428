import type { OgustineDocument } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { PostedTransaction } from '../sync/sync-record.js';
import { isCoveredBy, type SyncSchedule } from './sync-schedule.js';

/**
 * Where the invoice a credit note corrects stands, as the credit note's sending depends on it: the
 * note waits while its invoice is on its way (or failed), goes right after it, and is applied to it.
 */
export type CorrectedInvoice =
  /** An invoice, or a credit note that names no invoice: nothing to wait for, nothing to apply. */
  | { readonly kind: 'none' }
  /**
   * The module never received that invoice (it predates what Ogustine sent, or was never validated
   * through the module): the note goes alone, once it waited `INVOICE_AWAITED_MS` for an invoice
   * whose event may come after its own (`awaitedInvoiceRetryAt`); waiting longer would be waiting
   * for ever.
   */
  | { readonly kind: 'unknown' }
  /** Created before the sync-from day: never sent, so the note goes alone, and says so. */
  | { readonly kind: 'outside-sync'; readonly number: string }
  /** In QuickBooks: the note goes now, names it and is applied to it. */
  | { readonly kind: 'in-quickbooks'; readonly number: string; readonly transaction: PostedTransaction }
  /** To be sent and not in QuickBooks yet; `failed` when its last attempt left an error open. */
  | { readonly kind: 'not-sent'; readonly number: string; readonly failed: boolean };

export interface CorrectedInvoiceFacts {
  /** The invoice as the module received it, or null if it never did. */
  readonly invoice: OgustineDocument | null;
  /** Its transaction in this company, if its write reached QBO. */
  readonly transaction: PostedTransaction | null;
  /** Whether it has an unresolved error. */
  readonly hasOpenError: boolean;
  readonly schedule: SyncSchedule;
}

/**
 * @returns where the invoice that `doc` corrects stands ('none' for an invoice or a note naming none)
 */
export const correctedInvoiceOf = (doc: OgustineDocument, facts: CorrectedInvoiceFacts | null): CorrectedInvoice => {
  if (doc.kind !== 'credit_note' || doc.correctsInvoiceId === undefined || facts === null) return { kind: 'none' };
  const { invoice, transaction } = facts;
  if (invoice === null) return { kind: 'unknown' };
  if (transaction !== null) return { kind: 'in-quickbooks', number: invoice.number, transaction };
  if (!isCoveredBy(invoice, facts.schedule)) return { kind: 'outside-sync', number: invoice.number };
  return { kind: 'not-sent', number: invoice.number, failed: facts.hasOpenError };
};

/** The number a credit note's memo names: its invoice's, when the module received that invoice. */
export const invoiceNumberOf = (invoice: CorrectedInvoice): string | undefined =>
  invoice.kind === 'none' || invoice.kind === 'unknown' ? undefined : invoice.number;

/**
 * How long a fresh credit note waits for an invoice the module has not received: events may come out
 * of order (the note's before its invoice's), and an invoice whose event was lost is brought by the
 * history reconciliation (every 15 minutes). Then the note goes alone.
 */
export const INVOICE_AWAITED_MS = 60 * 60_000;

/** How often a credit note waiting for its invoice looks again. */
export const INVOICE_LOOK_AGAIN_MS = 5 * 60_000;

/**
 * @returns when a credit note whose invoice the module never received looks again (validated less
 *   than `INVOICE_AWAITED_MS` ago), or null when it does not wait: its invoice is known, or it waited long enough
 */
export const awaitedInvoiceRetryAt = (doc: OgustineDocument, invoice: CorrectedInvoice, now: Instant): Instant | null => {
  const until = doc.validatedAt + INVOICE_AWAITED_MS;
  return invoice.kind !== 'unknown' || now >= until ? null : Math.min(now + INVOICE_LOOK_AGAIN_MS, until);
};
