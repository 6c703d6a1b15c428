import type { ResultAsync } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { QboCustomerPayload } from '../mapping/customer-payload.js';
import type { QboServiceItemPayload } from '../mapping/item-payload.js';
import type { CompanyProfile, QboId, RealmId } from '../qbo/company-profile.js';
import type { QboTransactionPayload, QboTransactionType } from '../qbo/transaction-payload.js';
import type { PostedTransaction } from '../sync/sync-record.js';
import type { PdfFile } from './document-files.js';

/** A QBO transaction to link an attachment to. */
export interface TransactionRef {
  readonly type: QboTransactionType;
  readonly qboId: QboId;
}

/** QBO takes at most 30 payloads per batch request (QBO-API.md §3). */
export const MAX_BATCH_SIZE = 30;

/** One payload of a batch, with its batch id (`bId`, at most 10 characters). */
export interface BatchEntry {
  readonly batchId: string;
  readonly payload: QboTransactionPayload;
}

/** The outcome of one payload of a batch: payloads succeed or fail independently. */
export type BatchOutcome =
  | { readonly batchId: string; readonly kind: 'posted'; readonly transaction: PostedTransaction }
  | { readonly batchId: string; readonly kind: 'failed'; readonly failure: QboFailure };

/**
 * The connected QBO company of one realm, as the sync needs it. Every method answers with the
 * failure QBO gave (`QboFailure`), classified by `errors/` into causes a user can act on. A
 * `requestId` is passed on writes as QBO's `requestid` (best effort: see the write protocol).
 */
export interface Accounting {
  readonly realmId: RealmId;
  /**
   * Reads CompanyInfo, Preferences, tax codes and rates, and accounts.
   * @returns ok(profile) of the company
   * @returns err(QboFailure) if QBO failed
   */
  readProfile(): ResultAsync<CompanyProfile, QboFailure>;
  /**
   * Looks a customer up by exact `DisplayName` (reconciliation only: reads are metered).
   * @returns ok(qboId) if a customer has this name, ok(null) otherwise
   * @returns err(QboFailure) if QBO failed
   */
  findCustomerByDisplayName(displayName: string): ResultAsync<QboId | null, QboFailure>;
  /**
   * @returns ok(qboId) of the new customer
   * @returns err(qbo.fault 6240) if the name is taken by a customer, vendor or employee
   * @returns err(QboFailure) for any other failure
   */
  createCustomer(payload: QboCustomerPayload, requestId: string): ResultAsync<QboId, QboFailure>;
  /**
   * Looks an item up by exact `Name`.
   * @returns ok(qboId) if an item has this name, ok(null) otherwise
   * @returns err(QboFailure) if QBO failed
   */
  findItemByName(name: string): ResultAsync<QboId | null, QboFailure>;
  /**
   * @returns ok(qboId) of the new Service item
   * @returns err(qbo.fault 6240) if the name is taken
   * @returns err(QboFailure) for any other failure
   */
  createServiceItem(payload: QboServiceItemPayload, requestId: string): ResultAsync<QboId, QboFailure>;
  /**
   * Creates an Invoice or a CreditMemo.
   * @returns ok(transaction) as QBO stored it, with its `TotalAmt` read back
   * @returns err(qbo.fault 6140) if the `DocNumber` is already used
   * @returns err(QboFailure) for any other failure; a timeout means QBO may have created it
   */
  postTransaction(payload: QboTransactionPayload, requestId: string): ResultAsync<PostedTransaction, QboFailure>;
  /**
   * Creates up to `MAX_BATCH_SIZE` transactions in one request; each succeeds or fails on its own.
   * @returns ok(outcomes), one per entry, in any order, matched by `batchId`
   * @returns err(qbo.fault 1040) if the batch holds more than `MAX_BATCH_SIZE` entries
   * @returns err(QboFailure) if the whole request failed (for a timeout, any entry may have been created)
   */
  postTransactions(entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure>;
  /**
   * @returns ok(transaction) if QBO holds a transaction of this type with this `DocNumber`, ok(null) otherwise
   * @returns err(QboFailure) if QBO failed
   */
  findTransactionByDocNumber(type: QboTransactionType, docNumber: string): ResultAsync<PostedTransaction | null, QboFailure>;
  /**
   * Uploads a PDF as an Attachable linked to the transaction.
   * @returns ok(attachableId)
   * @returns err(QboFailure) if QBO failed (the transaction itself is untouched)
   */
  attachPdf(transaction: TransactionRef, file: PdfFile, requestId: string): ResultAsync<QboId, QboFailure>;
}
