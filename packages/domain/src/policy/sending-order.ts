import type { DocumentId, OgustineDocument } from '../documents/document.js';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Creation instant, then Ogustine number, then id: a total order, so the same set always sends the same way. */
export const compareByCreation = (a: OgustineDocument, b: OgustineDocument): number =>
  a.createdAt - b.createdAt || compareText(a.number, b.number) || compareText(a.id, b.id);

/**
 * The order in which documents are sent to QuickBooks: by creation (then number), except that a
 * credit note waits for the invoice it corrects when that invoice is in the same set, and then
 * goes right after it. A note whose invoice is not in the set (already in QuickBooks, or never
 * sent) keeps its place by creation.
 */
export const inSendingOrder = (documents: readonly OgustineDocument[]): readonly OgustineDocument[] => {
  const sorted = [...documents].sort(compareByCreation);
  const invoiceIds = new Set(sorted.filter((d) => d.kind === 'invoice').map((d) => d.id));
  const emitted = new Set<DocumentId>();
  const waiting = new Map<DocumentId, OgustineDocument[]>();
  const order: OgustineDocument[] = [];
  for (const doc of sorted) {
    const invoiceId = doc.kind === 'credit_note' ? doc.correctsInvoiceId : undefined;
    if (invoiceId !== undefined && invoiceIds.has(invoiceId) && !emitted.has(invoiceId)) {
      waiting.set(invoiceId, [...(waiting.get(invoiceId) ?? []), doc]);
      continue;
    }
    order.push(doc);
    emitted.add(doc.id);
    // Only an invoice has notes waiting for it: they wait on invoice ids alone.
    for (const note of waiting.get(doc.id) ?? []) {
      order.push(note);
      emitted.add(note.id);
    }
    waiting.delete(doc.id);
  }
  return order;
};
