import { describe, expect, test } from 'vitest';
import type { PostedTransaction } from '../sync/sync-record.js';
import { aCreditNote, aDocument } from '../testing/builders/document.js';
import {
  awaitedInvoiceRetryAt,
  correctedInvoiceOf,
  invoiceNumberOf,
  INVOICE_AWAITED_MS,
  INVOICE_LOOK_AGAIN_MS,
  type CorrectedInvoice,
  type CorrectedInvoiceFacts,
} from './corrected-invoice.js';
import { syncSchedule } from './sync-schedule.js';

const MINUTE = 60_000;
const invoice = aDocument({ id: 'D1', number: '2027-03-01', createdAt: Date.UTC(2027, 2, 1, 9) });
const note = aCreditNote({ id: 'D2', number: '2027-03-02', correctsInvoiceId: 'D1', validatedAt: Date.UTC(2027, 2, 2, 10) });
const posted: PostedTransaction = { type: 'Invoice', qboId: '145', docNumber: 'OGUSTINE_2027-03-01', totalAmount: 12_000 };
const facts = (over: Partial<CorrectedInvoiceFacts> = {}): CorrectedInvoiceFacts => ({
  invoice,
  transaction: null,
  hasOpenError: false,
  schedule: syncSchedule('2027-01-01'),
  ...over,
});

describe('the invoice a credit note corrects', () => {
  test('an invoice, a note naming no invoice, or no facts looked up: nothing to wait for', () => {
    expect(correctedInvoiceOf(invoice, facts())).toEqual({ kind: 'none' });
    // Only a credit note corrects an invoice: an invoice that names one (a stray field) waits for nothing.
    expect(correctedInvoiceOf({ ...invoice, id: 'D3', correctsInvoiceId: 'D1' }, facts())).toEqual({ kind: 'none' });
    expect(correctedInvoiceOf(aDocument({ id: 'D2', kind: 'credit_note' }), facts())).toEqual({ kind: 'none' });
    expect(correctedInvoiceOf(note, null)).toEqual({ kind: 'none' });
  });

  test('an invoice the module never received is unknown, even if a transaction was found', () => {
    expect(correctedInvoiceOf(note, facts({ invoice: null }))).toEqual({ kind: 'unknown' });
    expect(correctedInvoiceOf(note, facts({ invoice: null, transaction: posted, hasOpenError: true }))).toEqual({ kind: 'unknown' });
  });

  test('an invoice in QuickBooks is named with its transaction, whatever the schedule or an old error says', () => {
    const expected = { kind: 'in-quickbooks', number: '2027-03-01', transaction: posted };
    expect(correctedInvoiceOf(note, facts({ transaction: posted }))).toEqual(expected);
    expect(correctedInvoiceOf(note, facts({ transaction: posted, hasOpenError: true, schedule: syncSchedule('2027-06-01') }))).toEqual(
      expected,
    );
  });

  test('an invoice created before the sync-from day and not in QuickBooks is outside the sync', () => {
    expect(correctedInvoiceOf(note, facts({ schedule: syncSchedule('2027-03-02') }))).toEqual({
      kind: 'outside-sync',
      number: '2027-03-01',
    });
    // Created on the sync-from day itself: covered.
    expect(correctedInvoiceOf(note, facts({ schedule: syncSchedule('2027-03-01') }))).toEqual({
      kind: 'not-sent',
      number: '2027-03-01',
      failed: false,
    });
  });

  test('a covered invoice not in QuickBooks yet is not sent, failed when its error is open', () => {
    expect(correctedInvoiceOf(note, facts())).toEqual({ kind: 'not-sent', number: '2027-03-01', failed: false });
    expect(correctedInvoiceOf(note, facts({ hasOpenError: true }))).toEqual({ kind: 'not-sent', number: '2027-03-01', failed: true });
  });

  test("the memo names the invoice's number only when the module received that invoice", () => {
    const cases: readonly [CorrectedInvoice, string | undefined][] = [
      [{ kind: 'none' }, undefined],
      [{ kind: 'unknown' }, undefined],
      [{ kind: 'outside-sync', number: '2027-03-01' }, '2027-03-01'],
      [{ kind: 'in-quickbooks', number: '2027-03-04', transaction: posted }, '2027-03-04'],
      [{ kind: 'not-sent', number: '2027-03-05', failed: true }, '2027-03-05'],
    ];
    for (const [corrected, number] of cases) expect(invoiceNumberOf(corrected)).toBe(number);
  });
});

describe('a credit note waiting for an invoice the module never received', () => {
  const validated = note.validatedAt;

  test('waits an hour after its validation, looking again every 5 minutes', () => {
    expect(INVOICE_AWAITED_MS).toBe(60 * MINUTE);
    expect(INVOICE_LOOK_AGAIN_MS).toBe(5 * MINUTE);
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated)).toBe(validated + 5 * MINUTE);
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated + 30 * MINUTE)).toBe(validated + 35 * MINUTE);
  });

  test('the last look is at the end of the hour, not after it', () => {
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated + 58 * MINUTE)).toBe(validated + 60 * MINUTE);
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated + 60 * MINUTE - 1)).toBe(validated + 60 * MINUTE);
  });

  test('goes alone once the hour is over', () => {
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated + 60 * MINUTE)).toBeNull();
    expect(awaitedInvoiceRetryAt(note, { kind: 'unknown' }, validated + 3 * 60 * MINUTE)).toBeNull();
  });

  test('does not wait when its invoice is known, whatever its state', () => {
    for (const known of [
      { kind: 'none' },
      { kind: 'outside-sync', number: '2027-03-01' },
      { kind: 'in-quickbooks', number: '2027-03-01', transaction: posted },
      { kind: 'not-sent', number: '2027-03-01', failed: false },
    ] as const)
      expect(awaitedInvoiceRetryAt(note, known, validated)).toBeNull();
  });
});
