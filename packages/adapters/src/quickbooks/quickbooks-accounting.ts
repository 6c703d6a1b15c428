import {
  MAX_BATCH_SIZE,
  type Accounting,
  type BatchEntry,
  type BatchOutcome,
  type Clock,
  type CompanyProfile,
  type CompanyProfileCache,
  type CreditApplication,
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
import { readBatchOutcomes, readNameListOutcomes } from './batch-answer.js';
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

/**
 * Uploads whose answer was lost, by realm, transaction and file name: the next attempt looks the
 * transaction's attachables up before sending the file again. Shared by every `Accounting` of a process.
 */
export class LostUploads {
  private readonly keys = new Set<string>();
  private key = (realmId: string, t: TransactionRef, fileName: string): string => JSON.stringify([realmId, t.type, t.qboId, fileName]);
  add(realmId: string, t: TransactionRef, fileName: string): void {
    this.keys.add(this.key(realmId, t, fileName));
  }
  has(realmId: string, t: TransactionRef, fileName: string): boolean {
    return this.keys.has(this.key(realmId, t, fileName));
  }
  delete(realmId: string, t: TransactionRef, fileName: string): void {
    this.keys.delete(this.key(realmId, t, fileName));
  }
}

/** The profile cache every process shares (a store), and the clock that dates what is put in it. */
export interface SharedProfiles {
  readonly cache: CompanyProfileCache;
  readonly clock: Clock;
}

/** 2500 "Invalid Reference Id", 610 "Object Not Found": a tax code, account or item the profile named may be gone. */
const REFERENCE_GONE = /^0*(2500|610)$/;
const namesSomethingGone = (failure: QboFailure): boolean =>
  failure.kind === 'qbo.fault' && failure.errors.some((e) => REFERENCE_GONE.test(e.code));

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
    private readonly lostUploads: LostUploads,
    private readonly profiles?: SharedProfiles,
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
   * Read once per realm for every process when a shared cache is given: from the cache, else from QBO
   * (then kept). The cache only saves requests: when it fails, QBO is read.
   */
  /** The company's country, once a profile was read: French companies need `ItemCategoryType` on items. */
  private country: string | undefined;

  readProfile(): ResultAsync<CompanyProfile, QboFailure> {
    return this.readProfileShared().map((profile) => {
      this.country = profile.country.toUpperCase();
      return profile;
    });
  }

  private readProfileShared(): ResultAsync<CompanyProfile, QboFailure> {
    const profiles = this.profiles;
    if (profiles === undefined) return this.readProfileFromQbo();
    const read = async (): Promise<Result<CompanyProfile, QboFailure>> => {
      const cached = await profiles.cache.get(this.realmId);
      if (cached.isOk() && cached.value !== null) return ok(cached.value.profile);
      const fresh = await this.readProfileFromQbo();
      if (fresh.isOk()) await profiles.cache.put({ profile: fresh.value, readAt: profiles.clock.now() });
      return fresh;
    };
    return new ResultAsync(read());
  }

  /** After a write QBO refused for a reference it does not know, the next reader reads the profile again. */
  private readonly forgetProfileIf = (failure: QboFailure): ResultAsync<never, QboFailure> => {
    const forget = async (): Promise<Result<never, QboFailure>> => {
      if (this.profiles !== undefined && namesSomethingGone(failure)) await this.profiles.cache.invalidate(this.realmId);
      return err(failure);
    };
    return new ResultAsync(forget());
  };

  private readProfileFromQbo(): ResultAsync<CompanyProfile, QboFailure> {
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
    // QBO France requires ItemCategoryType (Type then follows it); elsewhere the field is not sent.
    const french = this.country === 'FR' ? { ItemCategoryType: 'Service' } : {};
    return settle(this.call('write', (q, cb) => q.createItem({ ...serviceItemJson(payload), ...french, requestId }, cb)))
      .andThen((body) => readId(body, 'Item'))
      .mapErr(unknownIfUnreadable)
      .orElse(this.forgetProfileIf);
  }

  postTransaction(payload: QboTransactionPayload, requestId: string): ResultAsync<PostedTransaction, QboFailure> {
    const entity = { ...transactionJson(payload), requestId };
    return settle(
      this.call('write', (q, cb) => (payload.type === 'Invoice' ? q.createInvoice(entity, cb) : q.createCreditMemo(entity, cb))),
    )
      .andThen((body) => readPostedTransaction(payload.type, body))
      .mapErr(unknownIfUnreadable)
      .orElse(this.forgetProfileIf);
  }

  /**
   * One batch request with the batch's `requestid` (`batchRequest`: node-quickbooks' `batch` cannot
   * carry one), through the realm's limiter and token as every request. A batch whose answer is lost
   * is settled by the write protocol's look-up by number, never sent again here.
   */
  postTransactions(entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure> {
    const items = entries.map((e) => ({ bId: e.batchId, operation: 'create', [e.payload.type]: transactionJson(e.payload) }));
    const types = new Map(entries.map((e) => [e.batchId, e.payload.type]));
    return this.batch(items, requestId, (answer) => readBatchOutcomes(answer.body, types, answer.intuitTid)).andThen((outcomes) => {
      // An entry refused for a reference QBO does not know: the next reader reads the profile again.
      const gone = outcomes.find((o) => o.kind === 'failed' && namesSomethingGone(o.failure));
      return gone?.kind === 'failed' ? this.forgetProfileIf(gone.failure).orElse(() => ok(outcomes)) : ok(outcomes);
    });
  }

  /** Customers and Service items in one batch request, as `createCustomer` and `createServiceItem` send them one by one. */
  createCustomersAndItems(entries: readonly NameListEntry[], requestId: string): ResultAsync<readonly NameListOutcome[], QboFailure> {
    // QBO France requires ItemCategoryType (Type then follows it); elsewhere the field is not sent.
    const french = this.country === 'FR' ? { ItemCategoryType: 'Service' } : {};
    const items = entries.map((e) =>
      e.kind === 'customer'
        ? { bId: e.batchId, operation: 'create', Customer: customerJson(e.payload) }
        : { bId: e.batchId, operation: 'create', Item: { ...serviceItemJson(e.payload), ...french } },
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

  /**
   * One multipart request. If its answer is lost, the transaction's attachables are read at once, and
   * again before the next attempt sends the file: a PDF found there is not sent twice.
   */
  attachPdf(transaction: TransactionRef, file: PdfFile, requestId: string): ResultAsync<QboId, QboFailure> {
    const lost = this.lostUploads;
    const realm = this.realmId;
    const upload = async (): Promise<Result<QboId, QboFailure>> => {
      if (lost.has(realm, transaction, file.fileName)) {
        const found = await this.findAttachment(transaction, file.fileName);
        if (found.isErr()) return err(found.error);
        if (found.value !== null) {
          lost.delete(realm, transaction, file.fileName);
          return ok(found.value);
        }
      }
      const upload = uploadAttachment(this.endpoint, transaction, file, requestId);
      const sent = (await this.requests.send('write', upload)).andThen((answer) => readUploadAnswer(answer.body, answer.intuitTid));
      if (sent.isOk()) {
        lost.delete(realm, transaction, file.fileName);
        return sent;
      }
      if (!mayHaveUploaded(sent.error)) return sent;
      lost.add(realm, transaction, file.fileName);
      const found = await this.findAttachment(transaction, file.fileName);
      if (found.isOk() && found.value !== null) {
        lost.delete(realm, transaction, file.fileName);
        return ok(found.value);
      }
      return err(sent.error);
    };
    return settle(upload());
  }

  /** @returns the id of an attachable of the transaction with this file name, or null */
  private async findAttachment(transaction: TransactionRef, fileName: string): Promise<Result<QboId | null, QboFailure>> {
    const criteria = `where AttachableRef.EntityRef.Type = ${queryLiteral(transaction.type)} and AttachableRef.EntityRef.value = ${queryLiteral(transaction.qboId)}`;
    const rows = await this.query('Attachable', (q, cb) => q.findAttachables(criteria, cb));
    return rows.map((list) => {
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
