import {
  MAX_BATCH_SIZE,
  type Accounting,
  type BatchEntry,
  type BatchOutcome,
  type CompanyProfile,
  type CreditApplication,
  type CreditEntry,
  type CreditOutcome,
  type NameListEntry,
  type NameListOutcome,
  type PdfFile,
  type PostedTransaction,
  type QboCustomerPayload,
  type QboCustomerRef,
  type QboFailure,
  type QboId,
  type QboServiceItemPayload,
  type QboTransactionFound,
  type QboTransactionPayload,
  type QboTransactionType,
  type RealmId,
  type TransactionRef,
} from '@ogustine-qbo/domain';
import { err, errAsync, ok, ResultAsync, type Result } from 'neverthrow';
import { readUploadAnswer, uploadAttachment, type RealmEndpoint } from './attachment-upload.js';
import { readBatchOutcomes, readCreditOutcomes, readNameListOutcomes } from './batch-answer.js';
import { batchRequest } from './realm-post.js';
import type { NodeQuickbooks } from './node-quickbooks-client.js';
import { creditApplicationJson, customerJson, queryLiteral, serviceItemJson, transactionJson } from './payload-json.js';
import type { Answered, QboRequests, RequestKind } from './qbo-requests.js';
import { viaNodeQuickbooks, type NodeQuickbooksCallback } from './raw-outcome.js';
import {
  isActive,
  readCustomerRef,
  readFirstId,
  readId,
  readPostedTransaction,
  readProfile,
  readQueryRows,
  readTransactionFound,
} from './read-answers.js';

/** Name lists answer only active entries unless the query names `Active` (QBO-API.md §1): the profile needs them all. */
const EVERY_ENTRY = 'where Active in (true, false) maxresults 1000';

const BATCH_TOO_BIG: QboFailure = {
  kind: 'qbo.fault',
  status: 400,
  faultType: 'ValidationFault',
  errors: [{ code: '1040', message: 'Batch size exceeds allowed limit', detail: `A batch holds at most ${MAX_BATCH_SIZE} entries.` }],
};

/** A write whose 200 answer cannot be read may still have been done: its outcome is unknown, never "not written". */
const unknownIfUnreadable = (failure: QboFailure): QboFailure =>
  failure.kind === 'qbo.fault' && failure.faultType === 'UnreadableAnswer' ? { kind: 'qbo.unavailable', status: 200 } : failure;

const settle = <T>(work: Promise<Result<T, QboFailure>>): ResultAsync<T, QboFailure> => new ResultAsync(work);

/** 610 "Object Not Found": an id QBO does not hold (deleted, or never existed). */
const isNotFound = (failure: QboFailure): boolean => failure.kind === 'qbo.fault' && failure.errors.some((e) => /^0*610$/.test(e.code));
const nothingIfNotFound = <T>(failure: QboFailure): Result<T | null, QboFailure> => (isNotFound(failure) ? ok(null) : err(failure));

/** The `Accounting` port on node-quickbooks (entities, queries, batch) and fetch (the one-request upload). */
export class QuickBooksAccounting implements Accounting {
  constructor(
    readonly realmId: RealmId,
    private readonly qbo: NodeQuickbooks,
    private readonly requests: QboRequests,
    private readonly endpoint: RealmEndpoint,
  ) {}

  /** One node-quickbooks call through the limiter, with the token the request carries. */
  private answered(
    kind: RequestKind,
    start: (qbo: NodeQuickbooks, cb: NodeQuickbooksCallback) => void,
  ): Promise<Result<Answered, QboFailure>> {
    return this.requests.send(kind, (accessToken) =>
      viaNodeQuickbooks((cb) => {
        this.qbo.token = accessToken;
        start(this.qbo, cb);
      }),
    );
  }

  private call(kind: RequestKind, start: (qbo: NodeQuickbooks, cb: NodeQuickbooksCallback) => void): Promise<Result<unknown, QboFailure>> {
    return this.answered(kind, start).then((answer) => answer.map((a) => a.body));
  }

  private query(entity: string, start: (qbo: NodeQuickbooks, cb: NodeQuickbooksCallback) => void) {
    return this.call('read', start).then((r) => r.andThen((body) => readQueryRows(body, entity)));
  }

  /**
   * Five requests (CompanyInfo, Preferences, and every TaxCode, TaxRate and Account): the domain
   * keeps what it reads per realm (`CompanyProfiles`), so this runs a handful of times per sync.
   */
  readProfile(): ResultAsync<CompanyProfile, QboFailure> {
    const read = (start: (qbo: NodeQuickbooks, cb: NodeQuickbooksCallback) => void) => settle(this.call('read', start));
    const list = (entity: string, start: (qbo: NodeQuickbooks, cb: NodeQuickbooksCallback) => void) => settle(this.query(entity, start));
    return ResultAsync.combine([
      read((q, cb) => q.getCompanyInfo(this.realmId, cb)),
      read((q, cb) => q.getPreferences(cb)),
      list('TaxCode', (q, cb) => q.findTaxCodes(EVERY_ENTRY, cb)),
      list('TaxRate', (q, cb) => q.findTaxRates(EVERY_ENTRY, cb)),
      list('Account', (q, cb) => q.findAccounts(EVERY_ENTRY, cb)),
    ] as const).andThen(([companyInfo, preferences, taxCodes, taxRates, accounts]) =>
      readProfile(this.realmId, { companyInfo, preferences, taxCodes, taxRates, accounts }),
    );
  }

  findCustomerByDisplayName(displayName: string): ResultAsync<QboCustomerRef | null, QboFailure> {
    const criteria = `where DisplayName = ${queryLiteral(displayName)}`;
    return settle(this.query('Customer', (q, cb) => q.findCustomers(criteria, cb))).andThen((rows) =>
      rows[0] === undefined ? ok(null) : readCustomerRef(rows[0]),
    );
  }

  createCustomer(payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure> {
    return settle(this.call('write', (q, cb) => q.createCustomer({ ...customerJson(payload), requestId }, cb)))
      .andThen(readCustomerRef)
      .mapErr(unknownIfUnreadable);
  }

  readCustomer(qboId: QboId): ResultAsync<QboCustomerRef | null, QboFailure> {
    return settle(this.call('read', (q, cb) => q.getCustomer(qboId, cb)))
      .andThen((body) => (isActive(body, 'Customer') ? readCustomerRef(body) : ok(null)))
      .orElse(nothingIfNotFound<QboCustomerRef>);
  }

  /** Sparse: only the fields the payload carries change (node-quickbooks posts `customer?operation=update`). */
  updateCustomer(customer: QboCustomerRef, payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure> {
    const entity = { ...customerJson(payload), Id: customer.qboId, SyncToken: customer.syncToken, sparse: true, requestId };
    return settle(this.call('write', (q, cb) => q.updateCustomer(entity, cb)))
      .andThen(readCustomerRef)
      .mapErr(unknownIfUnreadable);
  }

  findItemByName(name: string): ResultAsync<QboId | null, QboFailure> {
    return settle(this.call('read', (q, cb) => q.findItems(`where Name = ${queryLiteral(name)}`, cb))).andThen((body) =>
      readFirstId(body, 'Item'),
    );
  }

  createServiceItem(payload: QboServiceItemPayload, requestId: string): ResultAsync<QboId, QboFailure> {
    // The payload carries ItemCategoryType for a French company (QBO France requires it).
    return settle(this.call('write', (q, cb) => q.createItem({ ...serviceItemJson(payload), requestId }, cb)))
      .andThen((body) => readId(body, 'Item'))
      .mapErr(unknownIfUnreadable);
  }

  postTransaction(payload: QboTransactionPayload, requestId: string): ResultAsync<PostedTransaction, QboFailure> {
    const entity = { ...transactionJson(payload), requestId };
    return settle(
      this.call('write', (q, cb) => (payload.type === 'Invoice' ? q.createInvoice(entity, cb) : q.createCreditMemo(entity, cb))),
    )
      .andThen((body) => readPostedTransaction(payload.type, body))
      .mapErr(unknownIfUnreadable);
  }

  /**
   * One batch request with the batch's `requestid` (`batchRequest`: node-quickbooks' `batch` cannot
   * carry one), through the realm's limiter and token as every request. A batch whose answer is lost
   * is settled by the write protocol's look-up by number, never sent again here.
   */
  postTransactions(entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure> {
    const items = entries.map((e) => ({ bId: e.batchId, operation: 'create', [e.payload.type]: transactionJson(e.payload) }));
    const types = new Map(entries.map((e) => [e.batchId, e.payload.type]));
    // An entry refused for a reference that is gone drops the kept profile in the domain (`CompanyProfiles`), as a single post.
    return this.batch(items, requestId, (answer) => readBatchOutcomes(answer.body, types, answer.intuitTid));
  }

  /** Customers and Service items in one batch request, as `createCustomer` and `createServiceItem` send them one by one. */
  createCustomersAndItems(entries: readonly NameListEntry[], requestId: string): ResultAsync<readonly NameListOutcome[], QboFailure> {
    // A French company's item payload carries ItemCategoryType (QBO France requires it).
    const items = entries.map((e) =>
      e.kind === 'customer'
        ? { bId: e.batchId, operation: 'create', Customer: customerJson(e.payload) }
        : { bId: e.batchId, operation: 'create', Item: serviceItemJson(e.payload) },
    );
    const kinds = new Map(entries.map((e) => [e.batchId, e.kind]));
    return this.batch(items, requestId, (answer) => readNameListOutcomes(answer.body, kinds, answer.intuitTid));
  }

  private batch<T>(
    items: readonly object[],
    requestId: string,
    read: (answer: Answered) => Result<readonly T[], QboFailure>,
  ): ResultAsync<readonly T[], QboFailure> {
    // Refused before sending: QBO would answer 1040 and the request would count in the batch allowance.
    if (items.length > MAX_BATCH_SIZE) return errAsync(BATCH_TOO_BIG);
    if (items.length === 0) return new ResultAsync(Promise.resolve(ok([])));
    return settle(this.requests.send('batch', batchRequest(this.endpoint, items, requestId)))
      .andThen(read)
      .mapErr(unknownIfUnreadable);
  }

  findTransactionByDocNumber(type: QboTransactionType, docNumber: string): ResultAsync<QboTransactionFound | null, QboFailure> {
    const criteria = `where DocNumber = ${queryLiteral(docNumber)}`;
    return settle(
      this.query(type, (q, cb) => (type === 'Invoice' ? q.findInvoices(criteria, cb) : q.findCreditMemos(criteria, cb))),
    ).andThen((rows) => (rows[0] === undefined ? ok(null) : readTransactionFound(type, rows[0])));
  }

  readTransaction(transaction: TransactionRef): ResultAsync<QboTransactionFound | null, QboFailure> {
    const { type, qboId } = transaction;
    return settle(this.call('read', (q, cb) => (type === 'Invoice' ? q.getInvoice(qboId, cb) : q.getCreditMemo(qboId, cb))))
      .andThen((body) => readTransactionFound(type, body))
      .orElse(nothingIfNotFound<QboTransactionFound>);
  }

  applyCredit(application: CreditApplication, requestId: string): ResultAsync<QboId, QboFailure> {
    return settle(this.call('write', (q, cb) => q.createPayment({ ...creditApplicationJson(application), requestId }, cb)))
      .andThen((body) => readId(body, 'Payment'))
      .mapErr(unknownIfUnreadable);
  }

  /** Payments of 0 in one batch request, each as `applyCredit` sends it alone. */
  applyCredits(entries: readonly CreditEntry[], requestId: string): ResultAsync<readonly CreditOutcome[], QboFailure> {
    const items = entries.map((e) => ({ bId: e.batchId, operation: 'create', Payment: creditApplicationJson(e.application) }));
    const batchIds = entries.map((e) => e.batchId);
    return this.batch(items, requestId, (answer) => readCreditOutcomes(answer.body, batchIds, answer.intuitTid));
  }

  /**
   * One multipart request. If its answer is lost (a time-out, a reset, a 5xx), the transaction's
   * attachables are read at once: a PDF found there was uploaded. Whatever this answers, the write
   * protocol checks again (`findAttachment`) before any later attempt, in any process, sends the file.
   */
  attachPdf(transaction: TransactionRef, file: PdfFile, requestId: string): ResultAsync<QboId, QboFailure> {
    const upload = async (): Promise<Result<QboId, QboFailure>> => {
      const request = uploadAttachment(this.endpoint, transaction, file, requestId);
      const sent = (await this.requests.send('upload', request)).andThen((answer) => readUploadAnswer(answer.body, answer.intuitTid));
      if (sent.isOk() || !mayHaveUploaded(sent.error)) return sent;
      const found = await this.findAttachment(transaction, file.fileName);
      return found.isOk() && found.value !== null ? ok(found.value) : err(sent.error);
    };
    return settle(upload());
  }

  findAttachment(transaction: TransactionRef, fileName: string): ResultAsync<QboId | null, QboFailure> {
    const criteria = `where AttachableRef.EntityRef.Type = ${queryLiteral(transaction.type)} and AttachableRef.EntityRef.value = ${queryLiteral(transaction.qboId)}`;
    return settle(this.query('Attachable', (q, cb) => q.findAttachables(criteria, cb))).map((list) => {
      const match = list.find((a) => a['FileName'] === fileName);
      const id = match?.['Id'];
      return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    });
  }
}

/** After a time-out, a reset or a 5xx the upload may have landed; after a fault or a 429 it did not. */
const mayHaveUploaded = (failure: QboFailure): boolean =>
  failure.kind === 'qbo.timeout' ||
  failure.kind === 'qbo.network' ||
  failure.kind === 'qbo.unavailable' ||
  (failure.kind === 'qbo.fault' && failure.status >= 500);
