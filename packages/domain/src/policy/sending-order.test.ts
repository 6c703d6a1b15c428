import { describe, expect, it } from 'vitest';
import { aCreditNote, aDocument } from '../testing/builders/document.js';
import { compareByCreation, inSendingOrder } from './sending-order.js';

const T = Date.UTC(2024, 0, 15, 9, 30);
const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id);

describe('sending order', () => {
  it('orders by creation, then number, then id', () => {
    const a = aDocument({ id: 'A', number: '2024-01-02', createdAt: T });
    const b = aDocument({ id: 'B', number: '2024-01-01', createdAt: T });
    const c = aDocument({ id: 'C', number: '2024-01-01', createdAt: T });
    const early = aDocument({ id: 'Z', number: '2024-01-09', createdAt: T - 1 });
    expect(compareByCreation(early, a)).toBeLessThan(0);
    expect(compareByCreation(a, b)).toBeGreaterThan(0);
    expect(compareByCreation(b, c)).toBeLessThan(0);
    expect(compareByCreation(c, c)).toBe(0);
    expect(ids(inSendingOrder([a, c, b, early]))).toEqual(['Z', 'B', 'C', 'A']);
  });

  it('sends a credit note created before its invoice right after the invoice, in their own order', () => {
    const invoice = aDocument({ id: 'I', createdAt: T + 10 });
    const note1 = aCreditNote({ id: 'N1', correctsInvoiceId: 'I', createdAt: T });
    const note2 = aCreditNote({ id: 'N2', correctsInvoiceId: 'I', createdAt: T + 1 });
    const other = aDocument({ id: 'O', number: '2024-01-20', createdAt: T + 5 });
    const last = aDocument({ id: 'L', number: '2024-01-21', createdAt: T + 20 });
    expect(ids(inSendingOrder([last, note2, other, invoice, note1]))).toEqual(['O', 'I', 'N1', 'N2', 'L']);
  });

  it('keeps by creation a note whose invoice is not in the set, or is sent before it, or that names a credit note', () => {
    const orphan = aCreditNote({ id: 'N1', correctsInvoiceId: 'GONE', createdAt: T });
    const invoice = aDocument({ id: 'I', createdAt: T + 1 });
    const after = aCreditNote({ id: 'N2', correctsInvoiceId: 'I', createdAt: T + 2 });
    const onNote = aCreditNote({ id: 'N3', correctsInvoiceId: 'N4', createdAt: T + 3 });
    const { correctsInvoiceId: _, ...target } = aCreditNote({ id: 'N4', createdAt: T + 4 });
    expect(ids(inSendingOrder([target, onNote, after, invoice, orphan]))).toEqual(['N1', 'I', 'N2', 'N3', 'N4']);
  });

  it('only a credit note waits: an invoice that replaces another keeps its place by creation, even before it', () => {
    const replacing = aDocument({ id: 'R', number: '2024-01-01', createdAt: T, correctsInvoiceId: 'I' });
    const replaced = aDocument({ id: 'I', number: '2024-01-02', createdAt: T + 1 });
    expect(ids(inSendingOrder([replaced, replacing]))).toEqual(['R', 'I']);
  });
});
