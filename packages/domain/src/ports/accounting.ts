import type { ResultAsync } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { QboCustomerPayload } from '../mapping/customer-payload.js';
import type { QboServiceItemPayload } from '../mapping/item-payload.js';
import type { CompanyProfile, QboId, RealmId } from '../qbo/company-profile.js';
import type { QboTransactionPayload, QboTransactionType } from '../qbo/transaction-payload.js';
import type { Cents } from '../shared/money.js';
import type { CalendarDate } from '../shared/time.js';
import type { PostedTransaction } from '../sync/sync-record.js';
import type { PdfFile } from './document-files.js';

/** A QBO transaction to link an attachment to. */
export interface TransactionRef {
  readonly type: QboTransactionType;
  readonly qboId: QboId;
}

/** A customer as QBO holds it: its id and the `SyncToken` its next update must carry (QBO-API.md §1). */
export interface QboCustomerRef {
  readonly qboId: QboId;
  readonly syncToken: string;
}

/**
 * A transaction read back from QBO, with what proves who created it (the module writes its marker,
 * `Ogustine:<documentId>`, in `PrivateNote`) and what is left of it.
 */
export interface QboTransactionFound extends PostedTransaction {
  readonly customerRef: QboId;
  /** `PrivateNote` as QBO holds it ('' when absent). */
  readonly privateNote: string;
  /** An invoice's `Balance` (left to pay), a credit memo's `RemainingCredit` (left to apply), in cents. */
  readonly balance: Cents;
}

/**
 * A credit memo applied to the invoice it corrects: a Payment with `TotalAmt` 0 and two lines, one
 * linked to the invoice and one to the credit memo, each of `amount` (QBO-API.md §5 CreditMemo).
 */
export interface CreditApplication {
  readonly customerRef: QboId;
  readonly invoiceId: QboId;
  readonly creditMemoId: QboId;
  /** At most the invoice's balance and the credit memo's remaining credit. */
  readonly amount: Cents;
  readonly txnDate: CalendarDate;
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

/** One credit application of a batch of Payments, with its batch id. */
export interface CreditEntry {
  readonly batchId: string;
  readonly application: CreditApplication;
}

/** The outcome of one application of a batch: the Payment made, or QBO's failure (each entry on its own). */
export type CreditOutcome =
  | { readonly batchId: string; readonly kind: 'applied'; readonly paymentId: QboId }
  | { readonly batchId: string; readonly kind: 'failed'; readonly failure: QboFailure };

/** A customer or a Service item to create in a batch (at most `MAX_BATCH_SIZE` per request), with its batch id. */
export type NameListEntry =
  | { readonly batchId: string; readonly kind: 'customer'; readonly payload: QboCustomerPayload }
  | { readonly batchId: string; readonly kind: 'service'; readonly payload: QboServiceItemPayload };

/** The outcome of one creation of a batch: the new entry (an item's `syncToken` is QBO's, unused), or QBO's failure. */
export type NameListOutcome =
  | { readonly batchId: string; readonly kind: 'created'; readonly ref: QboCustomerRef }
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
  findCustomerByDisplayName(displayName: string): ResultAsync<QboCustomerRef | null, QboFailure>;
  /**
   * @returns ok({ qboId, syncToken }) of the new customer
   * @returns err(qbo.fault 6240) if the name is taken by a customer, vendor or employee
   * @returns err(QboFailure) for any other failure
   */
  createCustomer(payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure>;
  /**
   * Reads an active customer's current `SyncToken` (after a stale update, 5010).
   * @returns ok(ref) if QBO holds this active customer, ok(null) if it is gone or inactive
   * @returns err(QboFailure) if QBO failed
   */
  readCustomer(qboId: QboId): ResultAsync<QboCustomerRef | null, QboFailure>;
  /**
   * Sparse update (`sparse: true`) of the fields the payload carries, in one request, with the
   * `SyncToken` of `customer`: fields the payload leaves out are kept as they are in QBO.
   * @returns ok(ref) with the new `SyncToken`
   * @returns err(qbo.fault 5010) if the `SyncToken` is stale (someone changed the customer since)
   * @returns err(qbo.fault 6240) if the new display name is taken
   * @returns err(qbo.fault 610) if the customer is gone or inactive
   * @returns err(QboFailure) for any other failure
   */
  updateCustomer(customer: QboCustomerRef, payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure>;
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
   * `requestId` (at most 36 characters) makes the request idempotent: the same id answers the first
   * batch's answer again. An entry QBO did not answer is failed with an unknown outcome.
   * @returns ok(outcomes), one per entry, in any order, matched by `batchId`
   * @returns err(qbo.fault 1040) if the batch holds more than `MAX_BATCH_SIZE` entries
   * @returns err(QboFailure) if the whole request failed (for a timeout, any entry may have been created)
   */
  postTransactions(entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure>;
  /**
   * Creates up to `MAX_BATCH_SIZE` customers and Service items in one request (one `requestid`); each
   * succeeds or fails on its own (a name taken: 6240). An entry QBO did not answer is failed with an
   * unknown outcome (`qbo.unavailable`): it may exist, and is found by its name.
   * @returns ok(outcomes), one per entry, matched by `batchId`
   * @returns err(qbo.fault 1040) if the batch holds more than `MAX_BATCH_SIZE` entries
   * @returns err(QboFailure) if the whole request failed
   */
  createCustomersAndItems(entries: readonly NameListEntry[], requestId: string): ResultAsync<readonly NameListOutcome[], QboFailure>;
  /**
   * @returns ok(transaction) with its proof (customer, `PrivateNote`) if QBO holds a transaction of this type with this `DocNumber`, ok(null) otherwise
   * @returns err(QboFailure) if QBO failed
   */
  findTransactionByDocNumber(type: QboTransactionType, docNumber: string): ResultAsync<QboTransactionFound | null, QboFailure>;
  /**
   * Reads a transaction by id (`GET /invoice/{id}`, `/creditmemo/{id}`): to see whether the
   * accountant deleted it, and what is left to pay or apply.
   * @returns ok(transaction) if QBO holds it, ok(null) if it was deleted (or never existed)
   * @returns err(QboFailure) if QBO failed
   */
  readTransaction(transaction: TransactionRef): ResultAsync<QboTransactionFound | null, QboFailure>;
  /**
   * Applies a credit memo to an invoice: creates the zero-amount Payment linking both, so QBO's
   * automatic credit application never puts the credit on another invoice.
   * @returns ok(paymentId); the invoice's balance and the credit memo's remaining credit both drop by `amount`
   * @returns err(qbo.fault 6000) if `amount` exceeds the invoice's balance or the remaining credit
   * @returns err(qbo.fault 610) if either transaction is gone
   * @returns err(QboFailure) for any other failure
   */
  applyCredit(application: CreditApplication, requestId: string): ResultAsync<QboId, QboFailure>;
  /**
   * Applies up to `MAX_BATCH_SIZE` credit memos in one batch request (one `requestid`), each as
   * `applyCredit` would, succeeding or failing on its own. An entry QBO did not answer is failed with
   * an unknown outcome (`qbo.unavailable`): its Payment may exist, and is seen in the balances.
   * @returns ok(outcomes), one per entry, in any order, matched by `batchId`
   * @returns err(qbo.fault 1040) if the batch holds more than `MAX_BATCH_SIZE` entries
   * @returns err(QboFailure) if the whole request failed (for a timeout, any entry may have been applied)
   */
  applyCredits(entries: readonly CreditEntry[], requestId: string): ResultAsync<readonly CreditOutcome[], QboFailure>;
  /**
   * Uploads a PDF as an Attachable linked to the transaction.
   * @returns ok(attachableId)
   * @returns err(QboFailure) if QBO failed (the transaction itself is untouched)
   */
  attachPdf(transaction: TransactionRef, file: PdfFile, requestId: string): ResultAsync<QboId, QboFailure>;
  /**
   * The transaction's attachable with this file name: how an upload whose outcome is unknown (its
   * answer lost, or the process gone before it was recorded) is checked before the file is sent again.
   * @returns ok(attachableId), or ok(null) if the transaction has no attachable of that name
   * @returns err(QboFailure) if QBO failed
   */
  findAttachment(transaction: TransactionRef, fileName: string): ResultAsync<QboId | null, QboFailure>;
}
