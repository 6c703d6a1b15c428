import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../../documents/document.js';
import { parseAccountDocument } from '../../documents/parse-account-document.js';
import {
  DEFAULT_BILLING_PAGE_SIZE,
  MAX_BILLING_PAGE_SIZE,
  type BillingAccount,
  type BillingCore,
  type BillingCoreError,
  type UnreadableDocument,
  type ValidatedDocumentsPage,
  type ValidatedDocumentsRequest,
} from '../../ports/billing-core.js';
import type { PdfFile } from '../../ports/document-files.js';
import { calendarDateIn, compareDates } from '../../shared/time.js';
import { asciiBytes } from './ascii-bytes.js';

type Entry = { readonly document: OgustineDocument } | { readonly unreadable: UnreadableDocument; readonly createdAt: number | null };

interface AccountData {
  readonly account: BillingAccount;
  /** In validation order: entries are only appended. */
  readonly entries: Entry[];
  readonly withoutPdf: Set<DocumentId>;
}

const CURSOR_PREFIX = 'after:';

/** When the core itself says the creation moment of a document the module cannot read. */
const rawCreatedAt = (input: unknown): number | null => {
  if (typeof input !== 'object' || input === null) return null;
  const createdAt: unknown = (input as Record<string, unknown>)['createdAt'];
  const moment = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  return Number.isNaN(moment) ? null : moment;
};

const entryId = (entry: Entry): DocumentId | null => ('document' in entry ? entry.document.id : entry.unreadable.documentId);

/**
 * Ogustine's billing core in memory. Documents are given as the core sends them (wire JSON) and read
 * with `parseAccountDocument`, so an unreadable one is reported as the real adapter reports it.
 * Every known document has a small generated PDF unless told otherwise; `failNext` queues failures.
 */
export class InMemoryBillingCore implements BillingCore {
  private readonly accounts = new Map<AccountId, AccountData>();
  private failures: BillingCoreError[] = [];

  /** Adds (or replaces the settings of) an account, keeping its documents. */
  addAccount(account: BillingAccount): void {
    const existing = this.accounts.get(account.accountId);
    this.accounts.set(account.accountId, { account, entries: existing?.entries ?? [], withoutPdf: existing?.withoutPdf ?? new Set() });
  }

  /** Whether the account was added (`addAccount`). */
  knows(accountId: AccountId): boolean {
    return this.accounts.has(accountId);
  }

  /** Appends a validated document of a known account, as the core sends it (`toDocumentWire`, or anything for an unreadable one). */
  addDocument(accountId: AccountId, wire: unknown): void {
    const data = this.accounts.get(accountId);
    if (data === undefined) throw new Error(`InMemoryBillingCore: add the account ${accountId} first`);
    const read = parseAccountDocument(accountId, wire);
    data.entries.push(read.isOk() ? { document: read.value } : { unreadable: read.error, createdAt: rawCreatedAt(wire) });
  }

  /** The document keeps existing, its PDF is gone. */
  removePdf(accountId: AccountId, documentId: DocumentId): void {
    this.accounts.get(accountId)?.withoutPdf.add(documentId);
  }

  /** The next call fails with this error (queued: call it n times for n failures). */
  failNext(error: BillingCoreError = { kind: 'billing.unavailable', detail: 'Ogustine did not answer', retryAfterMs: null }): void {
    this.failures.push(error);
  }

  private nextFailure(): BillingCoreError | undefined {
    const [failure, ...rest] = this.failures;
    this.failures = rest;
    return failure;
  }

  getAccount(accountId: AccountId): ResultAsync<BillingAccount, BillingCoreError> {
    const failure = this.nextFailure();
    if (failure !== undefined) return errAsync(failure);
    const data = this.accounts.get(accountId);
    return data === undefined ? errAsync({ kind: 'billing.not-found', what: 'account' }) : okAsync(data.account);
  }

  listValidatedDocuments(accountId: AccountId, request: ValidatedDocumentsRequest): ResultAsync<ValidatedDocumentsPage, BillingCoreError> {
    const failure = this.nextFailure();
    if (failure !== undefined) return errAsync(failure);
    const data = this.accounts.get(accountId);
    if (data === undefined) return errAsync({ kind: 'billing.not-found', what: 'account' });
    let start = 0;
    if (request.cursor !== null) {
      start = request.cursor.startsWith(CURSOR_PREFIX) ? Number(request.cursor.slice(CURSOR_PREFIX.length)) : Number.NaN;
      if (!Number.isInteger(start) || start < 0 || start > data.entries.length) {
        return errAsync({ kind: 'billing.refused', status: 400, detail: `unknown cursor ${request.cursor}` });
      }
    }
    const size = Math.min(Math.max(1, Math.floor(request.pageSize ?? DEFAULT_BILLING_PAGE_SIZE)), MAX_BILLING_PAGE_SIZE);
    const createdSince = (entry: Entry): boolean => {
      const createdAt = 'document' in entry ? entry.document.createdAt : entry.createdAt;
      // A document whose creation moment is unreadable is reported rather than filtered out.
      return createdAt === null || compareDates(calendarDateIn(createdAt, data.account.timeZone), request.createdFrom) >= 0;
    };
    const page: Entry[] = [];
    let position = start;
    for (; position < data.entries.length && page.length < size; position++) {
      const entry = data.entries[position] as Entry;
      if (createdSince(entry)) page.push(entry);
    }
    const more = data.entries.slice(position).some(createdSince);
    return okAsync({
      documents: page.flatMap((e) => ('document' in e ? [e.document] : [])),
      unreadable: page.flatMap((e) => ('unreadable' in e ? [e.unreadable] : [])),
      nextCursor: more ? `${CURSOR_PREFIX}${position}` : null,
    });
  }

  fetchDocumentPdf(accountId: AccountId, documentId: DocumentId): ResultAsync<PdfFile, BillingCoreError> {
    const failure = this.nextFailure();
    if (failure !== undefined) return errAsync(failure);
    const data = this.accounts.get(accountId);
    if (data === undefined) return errAsync({ kind: 'billing.not-found', what: 'account' });
    if (!data.entries.some((e) => entryId(e) === documentId)) return errAsync({ kind: 'billing.not-found', what: 'document' });
    if (data.withoutPdf.has(documentId)) return errAsync({ kind: 'billing.not-found', what: 'pdf' });
    return okAsync({
      fileName: `${documentId}.pdf`,
      contentType: 'application/pdf',
      bytes: asciiBytes(`%PDF-1.4 ${accountId}/${documentId}`),
    });
  }
}
