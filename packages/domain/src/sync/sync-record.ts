import type { AccountId, DocumentId } from '../documents/document.js';
import type { QboId, RealmId } from '../qbo/company-profile.js';
import type { QboTransactionType } from '../qbo/transaction-payload.js';
import type { Cents } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/** A transaction as QBO holds it: what the module keeps of a post or of a look-up by number. */
export interface PostedTransaction {
  readonly type: QboTransactionType;
  readonly qboId: QboId;
  readonly docNumber: string;
  /** QBO's `TotalAmt`, read back to check it equals Ogustine's gross. */
  readonly totalAmount: Cents;
}

/**
 * Where a document's write to QBO stands (the no-duplicate protocol, ARCHITECTURE.md):
 * `pending → intent → sent → attached`, with `uncertain` when the outcome of a post is unknown.
 */
export type WriteState =
  /** Not in QBO, as far as the module knows for sure: nothing sent, or QBO refused what was sent. */
  | { readonly kind: 'pending' }
  /** About to post with this `requestid`; persisted BEFORE sending, so a crash leaves a trace. `at`: when declared (the in-flight window runs from it). */
  | { readonly kind: 'intent'; readonly requestId: string; readonly generation: number; readonly at: Instant }
  /** Sent, outcome unknown (timeout, broken connection, 5xx): QBO may hold it. "Checking QuickBooks…". `at`: when it became unknown (a failed look-up keeps the earlier `at`). */
  | { readonly kind: 'uncertain'; readonly requestId: string; readonly generation: number; readonly at: Instant }
  /**
   * In QBO; the PDF is not attached yet. `uploadTried`: an upload was sent (stored before sending), so
   * it may have landed: the next attempt, in any process, looks among the transaction's attachables first.
   */
  | { readonly kind: 'sent'; readonly transaction: PostedTransaction; readonly at: Instant; readonly uploadTried?: true }
  /**
   * In QBO with its PDF (or without it, `withoutPdf`, when the account turned « Joindre le PDF
   * Ogustine » off as it was sent): nothing left to do, but for a credit note to apply to its invoice (`settlement`).
   */
  | {
      readonly kind: 'attached';
      readonly transaction: PostedTransaction;
      readonly at: Instant;
      readonly withoutPdf?: true;
      readonly settlement?: Settlement;
    };

/**
 * A credit memo's application to its invoice (a Payment of 0 linking both), a write of its own with
 * the same protocol: the intent is stored before the Payment is sent, and an unknown outcome is
 * settled by reading the credit memo's remaining credit once the in-flight window has passed.
 */
export type Settlement =
  | { readonly kind: 'intent'; readonly requestId: string; readonly at: Instant }
  | { readonly kind: 'settled'; readonly result: CreditSettled };

/** How a credit note ended up against its invoice in QBO. */
export type CreditSettled =
  /** Applied to its invoice: `amount` of it (all of it, or the invoice's balance when the credit is larger). */
  | { readonly kind: 'applied'; readonly amount: Cents; readonly rest: Cents }
  /** Nothing applied: the invoice was already paid (balance 0); the credit stays the customer's, in QBO. */
  | { readonly kind: 'invoice-paid'; readonly credit: Cents }
  /** Already applied in QBO before the module did (by the accountant): left as it is. */
  | { readonly kind: 'applied-elsewhere' };

export type WriteStateKind = WriteState['kind'];

/** The write protocol's record of one document, stored by `SyncRecordStore`. */
export interface SyncRecord {
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  readonly realmId: RealmId;
  readonly type: QboTransactionType;
  /** `OGUSTINE_…`: how the document is found in QBO when an outcome is unknown. */
  readonly docNumber: string;
  readonly state: WriteState;
  /**
   * How many `requestid`s were minted for this document. A new one is minted only when QBO is known
   * not to hold the document, so a stale replay of an old `requestid` can never stand for a new post.
   */
  readonly generation: number;
  /** Bumped by each save: the store's compare-and-set guard. */
  readonly version: number;
}

/** A record whose state is of the given kind(s); transitions take only the states they apply to. */
export type SyncRecordIn<K extends WriteStateKind> = SyncRecord & { readonly state: Extract<WriteState, { kind: K }> };

/** A fresh record for a document the module has never tried to write. */
export const newSyncRecord = (fields: {
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  readonly realmId: RealmId;
  readonly type: QboTransactionType;
  readonly docNumber: string;
}): SyncRecordIn<'pending'> => ({ ...fields, state: { kind: 'pending' }, generation: 0, version: 0 });

/** Narrows a record to the state kinds given. */
export const isIn = <K extends WriteStateKind>(record: SyncRecord, ...kinds: readonly K[]): record is SyncRecordIn<K> =>
  (kinds as readonly WriteStateKind[]).includes(record.state.kind);

/** @returns the QBO transaction if the document is in QBO (with or without its PDF), null otherwise */
export const transactionOf = (record: SyncRecord): PostedTransaction | null =>
  record.state.kind === 'sent' || record.state.kind === 'attached' ? record.state.transaction : null;
