import type { DocumentId } from '../documents/document.js';
import type { QboTransactionFound } from '../ports/accounting.js';
import type { QboId } from '../qbo/company-profile.js';
import type { Cents } from '../shared/money.js';

/** The line the module writes in a transaction's `PrivateNote`: it names the Ogustine document it carries. */
export const ownershipMarker = (documentId: DocumentId): string => `Ogustine:${documentId}`;

/** What a transaction the module created for a document must show. */
export interface ExpectedOwnership {
  readonly documentId: DocumentId;
  /** The QBO customer the document's customer is mapped to; null when none is (then nothing can be ours). */
  readonly customerRef: QboId | null;
  /** Ogustine's gross total, which QBO's `TotalAmt` equals for what the module posts. */
  readonly total: Cents;
}

/** Why a transaction found by our number is not proven ours. */
export type NotProven = 'no-marker' | 'other-customer' | 'other-total';

/**
 * Whether a transaction found by the document's `OGUSTINE_` number was created by this module for
 * this document: its `PrivateNote` holds the marker line, and its customer and total are the
 * document's. A number alone proves nothing (someone may have typed it in QBO, or another tool).
 * @returns 'ours', or why it is not proven ours
 */
export const proveOwnership = (found: QboTransactionFound, expected: ExpectedOwnership): 'ours' | NotProven => {
  if (!found.privateNote.split(/\r?\n/).some((line) => line.trim() === ownershipMarker(expected.documentId))) return 'no-marker';
  // A transaction found always names a customer: one not mapped (null) never matches it.
  if (found.customerRef !== expected.customerRef) return 'other-customer';
  if (found.totalAmount !== expected.total) return 'other-total';
  return 'ours';
};
