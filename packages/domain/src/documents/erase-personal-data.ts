import type { OgustineDocument } from './document.js';

/** What stands for an erased customer's name in the module's copy of a document. */
export const ERASED_CUSTOMER_NAME = 'Client effacé';

/**
 * The module's copy of a document once its account asked to be erased. Kept, because an invoice or
 * a credit note is an accounting record the law keeps (ten years in France, Code de commerce
 * L123-22) and QuickBooks holds the same transaction: the number, the dates, the lines, the amounts,
 * the VAT, the currency, and the customer's Ogustine id (what proves, with the amounts, that a
 * transaction in QuickBooks is ours). Erased: what identifies or reaches the customer as a person —
 * name, first and last name, company name, email, phone, postal address — and the free memo. The
 * legal copy with the customer's name is the issuer's, in Ogustine and in the accountant's QuickBooks.
 */
export const withoutPersonalData = (doc: OgustineDocument): OgustineDocument => {
  const { memo: _memo, ...kept } = doc;
  return { ...kept, customer: { id: doc.customer.id, kind: doc.customer.kind, name: ERASED_CUSTOMER_NAME } };
};
