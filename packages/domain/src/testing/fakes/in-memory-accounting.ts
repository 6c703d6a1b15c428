import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { QboFailure } from '../../errors/qbo-fault.js';
import type { QboCustomerPayload } from '../../mapping/customer-payload.js';
import type { QboServiceItemPayload } from '../../mapping/item-payload.js';
import type { PdfFile } from '../../ports/document-files.js';
import {
  MAX_BATCH_SIZE,
  type Accounting,
  type BatchEntry,
  type BatchOutcome,
  type CreditApplication,
  type CreditEntry,
  type CreditOutcome,
  type NameListEntry,
  type NameListOutcome,
  type QboCustomerRef,
  type QboTransactionFound,
  type TransactionRef,
} from '../../ports/accounting.js';
import type { CompanyProfile, QboId, RealmId } from '../../qbo/company-profile.js';
import { computeQboTotals } from '../../qbo/qbo-tax-model.js';
import type { QboTransactionPayload, QboTransactionType } from '../../qbo/transaction-payload.js';
import type { Cents } from '../../shared/money.js';
import type { PostedTransaction } from '../../sync/sync-record.js';

/** A transaction as the fake QBO company holds it. */
export interface StoredTransaction extends PostedTransaction {
  readonly payload: QboTransactionPayload;
  /** Invoice: left to pay; credit memo: credit left to apply. */
  readonly balance: Cents;
}

/** A customer as the fake QBO company holds it. */
export interface StoredCustomer extends QboCustomerPayload {
  readonly syncToken: string;
  readonly active: boolean;
}

/** A Payment linking an invoice and a credit memo (`TotalAmt` 0), made by `applyCredit` or by QBO's automatic credit application. */
export interface StoredCreditApplication {
  readonly paymentId: QboId;
  readonly invoiceId: QboId;
  readonly creditMemoId: QboId;
  readonly amount: Cents;
  readonly automatic: boolean;
}

export interface StoredAttachment {
  readonly attachableId: QboId;
  readonly transaction: TransactionRef;
  readonly file: PdfFile;
}

/** An entry of a batch whose answer left it out: it may have been created. */
interface Unanswered {
  readonly batchId: string;
  readonly kind: 'failed';
  readonly failure: QboFailure;
}

/** What the next call meets, queued by the knobs. */
type Mishap = { readonly kind: 'fail'; readonly failure: QboFailure } | { readonly kind: 'commit-then-lose' };

const fault = (status: number, code: string, message: string, detail: string, element = ''): QboFailure => ({
  kind: 'qbo.fault',
  status,
  faultType: 'ValidationFault',
  errors: [{ code, message, detail, element }],
});

const duplicateName = (): QboFailure =>
  fault(
    400,
    '6240',
    'Duplicate Name Exists Error',
    'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
  );

const invalidReference = (what: string): QboFailure =>
  fault(400, '2500', 'Invalid Reference Id', `Invalid Reference Id : ${what} assigned is not valid or is inactive`);

/** Fault 6000, QBO's business validation error, with its detail. */
const businessRule = (detail: string): QboFailure =>
  fault(400, '6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`);

const notFound = (what: string): QboFailure =>
  fault(400, '610', 'Object Not Found', `Object Not Found : ${what} does not exist or is inactive`);

const staleObject = (): QboFailure =>
  fault(
    400,
    '5010',
    'Stale Object Error',
    'Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved.',
  );

const sameName = (a: string, b: string): boolean => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

/**
 * One QBO company in memory, with the behaviour that makes naive clients duplicate documents:
 * `DocNumber` unique per transaction type (fault 6140), `DisplayName` unique across customers,
 * vendors and employees (6240), `requestid` replayed (a stale success is replayed even after the
 * transaction was deleted, as reported), totals computed with `computeQboTotals`. Knobs queue
 * mishaps for the next calls: `failNext`, `throttleNext`, `commitThenLose` (the write happens, the
 * caller gets `qbo.timeout`).
 */
export class InMemoryAccounting implements Accounting {
  readonly realmId: RealmId;
  /** Reads made (QBO meters them): stored mappings should keep this low. */
  reads = 0;
  /** Company profiles read (each is five requests to QBO): the shared profile cache should keep this to a handful. */
  profileReads = 0;
  /** Looks among a transaction's attachables: only after an upload whose outcome is unknown. */
  attachmentLookUps = 0;
  private profile: CompanyProfile;
  private nextId = 1;
  private mishaps: Mishap[] = [];
  private readonly customers = new Map<QboId, StoredCustomer>();
  private readonly items = new Map<QboId, QboServiceItemPayload>();
  private readonly transactions = new Map<QboId, StoredTransaction>();
  private readonly attachments: StoredAttachment[] = [];
  private readonly creditApplications: StoredCreditApplication[] = [];
  private autoApplyCredit = false;
  private lostPosts = 0;
  private lostUploads = 0;
  private readonly otherNames: string[] = [];
  private readonly replies = new Map<string, unknown>();
  private partialBatches: number[] = [];

  constructor(profile: CompanyProfile) {
    this.profile = profile;
    this.realmId = profile.realmId;
  }

  // ---- knobs -------------------------------------------------------------------------------

  /** The next call fails with `failure`, doing nothing. Queued: call it n times for n failures. */
  failNext(failure: QboFailure): void {
    this.mishaps.push({ kind: 'fail', failure });
  }

  /** The next `n` calls are throttled (HTTP 429), doing nothing. */
  throttleNext(n = 1): void {
    for (let i = 0; i < n; i += 1) this.mishaps.push({ kind: 'fail', failure: { kind: 'qbo.throttled' } });
  }

  /** The next call is carried out, but its answer is lost: the caller gets `qbo.timeout`. */
  commitThenLose(): void {
    this.mishaps.push({ kind: 'commit-then-lose' });
  }

  /** The next `postTransaction` is carried out, but its answer is lost (the calls before it are untouched). */
  loseNextPostAnswer(): void {
    this.lostPosts += 1;
  }

  /** The next `attachPdf` is carried out, but its answer is lost (the calls before it are untouched). */
  loseNextUploadAnswer(): void {
    this.lostUploads += 1;
  }

  /**
   * The next batch (transactions, or customers and items) is carried out whole, but its answer holds
   * only its first `answered` entries: the others are unknown to the caller (QBO-API.md §3).
   */
  answerNextBatchPartly(answered: number): void {
    this.partialBatches.push(answered);
  }

  /** The user changes the company in QBO (enables discounts, adds a tax code…). */
  updateProfile(change: (profile: CompanyProfile) => CompanyProfile): void {
    this.profile = change(this.profile);
  }

  /** A vendor or an employee of the company has this name: customers cannot take it (6240). */
  addVendorOrEmployee(name: string): void {
    this.otherNames.push(name);
  }

  /** Someone deletes a transaction in QBO (its `requestid` replay stays, as reported of QBO). */
  deleteTransaction(qboId: QboId): void {
    this.transactions.delete(qboId);
  }

  /** Someone makes a customer inactive in QBO: references to it are refused (2500). */
  deactivateCustomer(qboId: QboId): void {
    const customer = this.customers.get(qboId);
    if (customer !== undefined) this.customers.set(qboId, { ...customer, active: false, syncToken: bump(customer.syncToken) });
  }

  /** Someone edits a customer in QBO (its `SyncToken` moves on, so an update with the old one is stale: 5010). */
  editCustomer(qboId: QboId, change: Partial<QboCustomerPayload>): void {
    const customer = this.customers.get(qboId);
    if (customer !== undefined) this.customers.set(qboId, { ...customer, ...change, syncToken: bump(customer.syncToken) });
  }

  /**
   * Someone creates a transaction in QBO by hand (or another tool does), with any number and note:
   * what a look-up by number may find without it being the module's.
   */
  addForeignTransaction(payload: QboTransactionPayload, totalAmount: Cents): PostedTransaction {
    const posted: PostedTransaction = { type: payload.type, qboId: this.mintId(), docNumber: payload.docNumber, totalAmount };
    this.transactions.set(posted.qboId, { ...posted, payload, balance: totalAmount });
    return posted;
  }

  /**
   * `Preferences.SalesFormsPrefs.AutoApplyCredit`: when on, QBO applies a customer's unapplied credit
   * to the next invoice created for that customer (QBO-API.md §5 CreditMemo, Preferences).
   */
  setAutoApplyCredit(on: boolean): void {
    this.autoApplyCredit = on;
  }

  // ---- inspection --------------------------------------------------------------------------

  allTransactions(): readonly StoredTransaction[] {
    return [...this.transactions.values()];
  }

  transactionsNumbered(docNumber: string): readonly StoredTransaction[] {
    return this.allTransactions().filter((t) => t.docNumber === docNumber);
  }

  allCustomers(): readonly (StoredCustomer & { readonly qboId: QboId })[] {
    return [...this.customers].map(([qboId, c]) => ({ ...c, qboId }));
  }

  transaction(qboId: QboId): StoredTransaction | undefined {
    return this.transactions.get(qboId);
  }

  /** Credit applications (Payments of 0) touching this transaction, explicit or automatic. */
  creditApplicationsOf(qboId: QboId): readonly StoredCreditApplication[] {
    return this.creditApplications.filter((a) => a.invoiceId === qboId || a.creditMemoId === qboId);
  }

  allItems(): readonly (QboServiceItemPayload & { readonly qboId: QboId })[] {
    return [...this.items].map(([qboId, i]) => ({ ...i, qboId }));
  }

  attachmentsOf(qboId: QboId): readonly StoredAttachment[] {
    return this.attachments.filter((a) => a.transaction.qboId === qboId);
  }

  // ---- Accounting --------------------------------------------------------------------------

  readProfile(): ResultAsync<CompanyProfile, QboFailure> {
    return this.read(() => {
      this.profileReads += 1;
      return this.profile;
    });
  }

  findCustomerByDisplayName(displayName: string): ResultAsync<QboCustomerRef | null, QboFailure> {
    return this.read(() => {
      const found = [...this.customers].find(([, c]) => sameName(c.displayName, displayName));
      return found === undefined ? null : { qboId: found[0], syncToken: found[1].syncToken };
    });
  }

  createCustomer(payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure> {
    return this.write(requestId, () => this.addCustomer(payload));
  }

  readCustomer(qboId: QboId): ResultAsync<QboCustomerRef | null, QboFailure> {
    return this.read(() => {
      const customer = this.customers.get(qboId);
      return customer === undefined || !customer.active ? null : { qboId, syncToken: customer.syncToken };
    });
  }

  updateCustomer(customer: QboCustomerRef, payload: QboCustomerPayload, requestId: string): ResultAsync<QboCustomerRef, QboFailure> {
    return this.write(requestId, () => {
      const stored = this.customers.get(customer.qboId);
      if (stored === undefined || !stored.active) return { ok: false, failure: notFound('the customer') };
      if (stored.syncToken !== customer.syncToken) return { ok: false, failure: staleObject() };
      if (!sameName(stored.displayName, payload.displayName) && this.nameTaken(payload.displayName))
        return { ok: false, failure: duplicateName() };
      const syncToken = bump(stored.syncToken);
      // Sparse: what the payload leaves out stays as it is.
      this.customers.set(customer.qboId, { ...stored, ...payload, syncToken });
      return { ok: true, value: { qboId: customer.qboId, syncToken } };
    });
  }

  findItemByName(name: string): ResultAsync<QboId | null, QboFailure> {
    return this.read(() => [...this.items].find(([, i]) => sameName(i.name, name))?.[0] ?? null);
  }

  createServiceItem(payload: QboServiceItemPayload, requestId: string): ResultAsync<QboId, QboFailure> {
    return this.write(requestId, () => this.addItem(payload));
  }

  createCustomersAndItems(entries: readonly NameListEntry[], requestId: string): ResultAsync<readonly NameListOutcome[], QboFailure> {
    return this.batch(requestId, entries, (entry): NameListOutcome => {
      const created = entry.kind === 'customer' ? this.addCustomer(entry.payload) : this.addItem(entry.payload);
      if (!created.ok) return { batchId: entry.batchId, kind: 'failed', failure: created.failure };
      const ref = typeof created.value === 'string' ? { qboId: created.value, syncToken: '0' } : created.value;
      return { batchId: entry.batchId, kind: 'created', ref };
    });
  }

  postTransaction(payload: QboTransactionPayload, requestId: string): ResultAsync<PostedTransaction, QboFailure> {
    if (this.lostPosts > 0) {
      this.lostPosts -= 1;
      this.mishaps.unshift({ kind: 'commit-then-lose' });
    }
    return this.write(requestId, () => this.create(payload));
  }

  postTransactions(entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure> {
    if (this.lostPosts > 0) {
      this.lostPosts -= 1;
      this.mishaps.unshift({ kind: 'commit-then-lose' });
    }
    return this.batch(requestId, entries, (entry): BatchOutcome => {
      const created = this.create(entry.payload);
      return created.ok
        ? { batchId: entry.batchId, kind: 'posted', transaction: created.value }
        : { batchId: entry.batchId, kind: 'failed', failure: created.failure };
    });
  }

  findTransactionByDocNumber(type: QboTransactionType, docNumber: string): ResultAsync<QboTransactionFound | null, QboFailure> {
    return this.read(() => {
      const found = this.allTransactions().find((t) => t.type === type && t.docNumber === docNumber);
      return found === undefined ? null : asFound(found);
    });
  }

  readTransaction(transaction: TransactionRef): ResultAsync<QboTransactionFound | null, QboFailure> {
    return this.read(() => {
      const found = this.transactions.get(transaction.qboId);
      return found === undefined || found.type !== transaction.type ? null : asFound(found);
    });
  }

  applyCredit(application: CreditApplication, requestId: string): ResultAsync<QboId, QboFailure> {
    return this.write(requestId, () => this.apply(application));
  }

  /** Each entry as `applyCredit`, in the order sent (a second application to the same invoice sees what the first left). */
  applyCredits(entries: readonly CreditEntry[], requestId: string): ResultAsync<readonly CreditOutcome[], QboFailure> {
    return this.batch(requestId, entries, (entry): CreditOutcome => {
      const applied = this.apply(entry.application);
      return applied.ok
        ? { batchId: entry.batchId, kind: 'applied', paymentId: applied.value }
        : { batchId: entry.batchId, kind: 'failed', failure: applied.failure };
    });
  }

  findAttachment(transaction: TransactionRef, fileName: string): ResultAsync<QboId | null, QboFailure> {
    this.attachmentLookUps += 1;
    return this.read(
      () =>
        this.attachments.find(
          (a) => a.transaction.type === transaction.type && a.transaction.qboId === transaction.qboId && a.file.fileName === fileName,
        )?.attachableId ?? null,
    );
  }

  attachPdf(transaction: TransactionRef, file: PdfFile, requestId: string): ResultAsync<QboId, QboFailure> {
    if (this.lostUploads > 0) {
      this.lostUploads -= 1;
      this.mishaps.unshift({ kind: 'commit-then-lose' });
    }
    return this.write(requestId, () => {
      const target = this.transactions.get(transaction.qboId);
      if (target === undefined || target.type !== transaction.type)
        return {
          ok: false,
          failure: fault(400, '610', 'Object Not Found', 'Object Not Found : the transaction to attach to does not exist'),
        };
      if (file.bytes.length === 0) return { ok: false, failure: fault(400, '6020', 'Upload failed', 'The file is empty') };
      const attachableId = this.mintId();
      this.attachments.push({ attachableId, transaction, file });
      return { ok: true, value: attachableId };
    });
  }

  // ---- behaviour ---------------------------------------------------------------------------

  /**
   * One batch request: refused whole above `MAX_BATCH_SIZE` (1040), else each entry acts on its own,
   * and the request's `requestid` replays the whole first answer. An entry the answer leaves out
   * (`answerNextBatchPartly`) is failed with an unknown outcome, as the adapter reads it.
   */
  private batch<E extends { readonly batchId: string }, O extends { readonly batchId: string }>(
    requestId: string,
    entries: readonly E[],
    act: (entry: E) => O,
  ): ResultAsync<readonly (O | Unanswered)[], QboFailure> {
    if (entries.length > MAX_BATCH_SIZE) {
      return errAsync(
        fault(400, '1040', 'Batch size exceeds allowed limit', `Batch size ${entries.length} exceeds the limit of ${MAX_BATCH_SIZE}`),
      );
    }
    const answered = this.partialBatches.shift() ?? entries.length;
    return this.write(requestId, () => ({ ok: true, value: entries.map(act) })).map((outcomes) =>
      outcomes.map((o, i): O | Unanswered =>
        i < answered ? o : { batchId: o.batchId, kind: 'failed', failure: { kind: 'qbo.unavailable', status: 200 } },
      ),
    );
  }

  private addCustomer(payload: QboCustomerPayload): { ok: true; value: QboCustomerRef } | { ok: false; failure: QboFailure } {
    if (this.nameTaken(payload.displayName)) return { ok: false, failure: duplicateName() };
    const qboId = this.mintId();
    this.customers.set(qboId, { ...payload, syncToken: '0', active: true });
    return { ok: true, value: { qboId, syncToken: '0' } };
  }

  private addItem(payload: QboServiceItemPayload): { ok: true; value: QboId } | { ok: false; failure: QboFailure } {
    if ([...this.items.values()].some((i) => sameName(i.name, payload.name))) return { ok: false, failure: duplicateName() };
    if (!this.profile.accounts.some((a) => a.id === payload.incomeAccountRef && a.active))
      return { ok: false, failure: invalidReference('Account') };
    const qboId = this.mintId();
    this.items.set(qboId, payload);
    return { ok: true, value: qboId };
  }

  private create(payload: QboTransactionPayload): { ok: true; value: PostedTransaction } | { ok: false; failure: QboFailure } {
    if (payload.docNumber.length > 21) {
      return {
        ok: false,
        failure: fault(
          400,
          '2050',
          'Invalid String Length',
          `String length is either shorter or longer than supported by specification. Min:0 Max:21 supported. Supplied length:${payload.docNumber.length}`,
          'DocNumber',
        ),
      };
    }
    const existing = this.allTransactions().find((t) => t.type === payload.type && t.docNumber === payload.docNumber);
    if (existing !== undefined) {
      return {
        ok: false,
        failure: fault(
          400,
          '6140',
          'Duplicate Document Number Error',
          `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${payload.docNumber} is assigned to TxnType=${existing.type} with TxnId=${existing.qboId}`,
        ),
      };
    }
    if (this.customers.get(payload.customerRef)?.active !== true) return { ok: false, failure: invalidReference('Customer') };
    for (const line of payload.lines) {
      if (line.kind === 'item' && !this.items.has(line.itemRef)) return { ok: false, failure: invalidReference('Item') };
      // A tax code made inactive (QBO never deletes one) is refused as any other reference that is gone.
      if (line.kind === 'item' && !this.profile.taxCodes.some((c) => c.id === line.taxCodeRef && c.active))
        return { ok: false, failure: invalidReference('TaxCode') };
      const discounted = line.kind === 'discount' || line.discountAmount !== undefined;
      if (discounted && !this.profile.discountsAllowed) {
        return {
          ok: false,
          failure: businessRule('Discounts are not enabled for this company. Turn on discounts in your sales settings.'),
        };
      }
    }
    const totals = computeQboTotals(payload, this.profile.taxCodes, { country: this.profile.country });
    if (totals.isErr()) {
      const e = totals.error;
      return e.kind === 'qbo-model.amount-mismatch'
        ? {
            ok: false,
            failure: fault(
              400,
              '6070',
              'Amount calculation incorrect',
              `Amount is not equal to UnitPrice * Qty. Supplied value:${e.amount}`,
            ),
          }
        : { ok: false, failure: businessRule('Make sure all your transactions have a VAT rate before you save.') };
    }
    const posted: PostedTransaction = {
      type: payload.type,
      qboId: this.mintId(),
      docNumber: payload.docNumber,
      totalAmount: totals.value.totalAmount,
    };
    const stored: StoredTransaction = { ...posted, payload, balance: posted.totalAmount };
    this.transactions.set(posted.qboId, stored);
    if (this.autoApplyCredit && payload.type === 'Invoice') this.applyOpenCredits(stored);
    return { ok: true, value: posted };
  }

  /** QBO's automatic credit application: the customer's open credits, oldest first, go on the new invoice. */
  private applyOpenCredits(invoice: StoredTransaction): void {
    const credits = this.allTransactions().filter(
      (t) => t.type === 'CreditMemo' && t.balance > 0 && t.payload.customerRef === invoice.payload.customerRef,
    );
    for (const credit of credits) {
      const left = this.transactions.get(invoice.qboId)?.balance ?? 0;
      if (left === 0) return;
      this.link(invoice, credit, Math.min(left, credit.balance), true);
    }
  }

  private link(invoice: StoredTransaction, credit: StoredTransaction, amount: Cents, automatic: boolean): QboId {
    const paymentId = this.mintId();
    const currentInvoice = this.transactions.get(invoice.qboId) ?? invoice;
    const currentCredit = this.transactions.get(credit.qboId) ?? credit;
    this.transactions.set(invoice.qboId, { ...currentInvoice, balance: currentInvoice.balance - amount });
    this.transactions.set(credit.qboId, { ...currentCredit, balance: currentCredit.balance - amount });
    this.creditApplications.push({ paymentId, invoiceId: invoice.qboId, creditMemoId: credit.qboId, amount, automatic });
    return paymentId;
  }

  private apply(application: CreditApplication): { ok: true; value: QboId } | { ok: false; failure: QboFailure } {
    const invoice = this.transactions.get(application.invoiceId);
    const credit = this.transactions.get(application.creditMemoId);
    if (invoice?.type !== 'Invoice' || credit?.type !== 'CreditMemo')
      return { ok: false, failure: notFound('the invoice or the credit memo') };
    if (invoice.payload.customerRef !== application.customerRef || credit.payload.customerRef !== application.customerRef)
      return { ok: false, failure: invalidReference('Customer') };
    if (application.amount <= 0 || application.amount > invoice.balance || application.amount > credit.balance)
      return { ok: false, failure: businessRule('The amount applied is more than the balance of the invoice or the credit.') };
    return { ok: true, value: this.link(invoice, credit, application.amount, false) };
  }

  private nameTaken(displayName: string): boolean {
    return (
      [...this.customers.values()].some((c) => sameName(c.displayName, displayName)) ||
      this.otherNames.some((n) => sameName(n, displayName))
    );
  }

  private read<T>(answer: () => T): ResultAsync<T, QboFailure> {
    const mishap = this.mishaps.shift();
    if (mishap?.kind === 'fail') return errAsync(mishap.failure);
    this.reads += 1;
    const value = answer();
    return mishap?.kind === 'commit-then-lose' ? errAsync({ kind: 'qbo.timeout' }) : okAsync(value);
  }

  /** A write honouring `requestid`: a request id seen with a success replays that success, doing nothing. */
  private write<T>(requestId: string, act: () => { ok: true; value: T } | { ok: false; failure: QboFailure }): ResultAsync<T, QboFailure> {
    const mishap = this.mishaps.shift();
    if (mishap?.kind === 'fail') return errAsync(mishap.failure);
    const replayed = this.replies.get(requestId) as T | undefined;
    const outcome = replayed !== undefined ? { ok: true as const, value: replayed } : act();
    if (outcome.ok && replayed === undefined) this.replies.set(requestId, outcome.value);
    if (mishap?.kind === 'commit-then-lose') return errAsync({ kind: 'qbo.timeout' });
    return outcome.ok ? okAsync(outcome.value) : errAsync(outcome.failure);
  }

  private mintId(): QboId {
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }
}

const bump = (syncToken: string): string => String(Number(syncToken) + 1);

const asFound = (t: StoredTransaction): QboTransactionFound => ({
  type: t.type,
  qboId: t.qboId,
  docNumber: t.docNumber,
  totalAmount: t.totalAmount,
  customerRef: t.payload.customerRef,
  privateNote: t.payload.privateNote,
  balance: t.balance,
});
