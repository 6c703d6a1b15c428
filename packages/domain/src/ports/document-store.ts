import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, DocumentKind, OgustineDocument } from '../documents/document.js';
import type { CurrencyCode } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { Page, PageRequest } from './page.js';
import type { StoreError } from './store-error.js';

/** Outcome of recording a snapshot: a validated document never changes, so the first snapshot wins. */
export type RecordDocumentOutcome = 'recorded' | 'already-recorded';

/** Which documents of an account a query is about. Every field narrows; none means all. */
export interface DocumentFilter {
  /** Created at or after this instant (the start of the sync-from day in the account's time zone). */
  readonly createdFrom?: Instant;
  /** Created strictly before this instant. */
  readonly createdBefore?: Instant;
  /** Recorded by the module at or before this instant (the set a preview showed stays that set). */
  readonly recordedUpTo?: Instant;
  /** In QBO as the module knows it (`markInQuickBooks`), or not. */
  readonly inQuickBooks?: boolean;
  readonly kind?: DocumentKind;
  /** The credit notes that correct this invoice (sent right after it). */
  readonly correctsInvoiceId?: DocumentId;
}

/** Counts and totals of the documents a filter selects (a preview's figures), without reading them. */
export interface DocumentSummary {
  readonly count: number;
  readonly invoices: number;
  readonly creditNotes: number;
  /** Distinct Ogustine customers. */
  readonly customers: number;
  /** Sum of the gross amounts per currency, by currency code. */
  readonly gross: readonly { readonly currency: CurrencyCode; readonly cents: number }[];
}

/**
 * The Ogustine documents received (validated invoices and credit notes), per account. Atomic: each
 * call alone (`record` is insert-if-absent; `markInQuickBooks` sets a flag and is idempotent).
 */
export interface DocumentStore {
  /**
   * Keeps a document's snapshot, idempotent by (account, document id).
   * @returns ok('recorded') the first time, ok('already-recorded') afterwards (the stored snapshot is kept)
   * @returns err(store.*) if the store fails
   */
  record(document: OgustineDocument, receivedAt: Instant): ResultAsync<RecordDocumentOutcome, StoreError>;
  /**
   * `record` for a group of documents in one write, all or none, with the outcome each would have
   * had recorded one after another in the order given (a document given twice: recorded, then
   * already recorded). A document another writer records meanwhile is already recorded, never both.
   * @returns ok(outcomes), one per document in the order given
   * @returns err(store.*) if the store fails (then none is recorded)
   */
  recordAll(documents: readonly OgustineDocument[], receivedAt: Instant): ResultAsync<readonly RecordDocumentOutcome[], StoreError>;
  /**
   * @returns ok(document) if this account has it, ok(null) otherwise (another account's document is absent here)
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId, documentId: DocumentId): ResultAsync<OgustineDocument | null, StoreError>;
  /**
   * Notes whether the document is in QBO: true when its sync record reached `sent`, false when the
   * accountant deleted it there; filters and summaries then count it as such. Idempotent; a
   * document the account does not have is ignored.
   * @returns ok() once noted
   * @returns err(store.*) if the store fails
   */
  markInQuickBooks(accountId: AccountId, documentId: DocumentId, inQuickBooks: boolean): ResultAsync<void, StoreError>;
  /**
   * Notes every document of the account as not in QBO: another company was connected, and what was
   * sent to the previous one is not in it. Idempotent.
   * @returns ok() once noted
   * @returns err(store.*) if the store fails
   */
  forgetInQuickBooks(accountId: AccountId): ResultAsync<void, StoreError>;
  /**
   * One page of the account's documents that the filter selects, by creation (`createdAt`, then
   * number, then id: `compareByCreation`).
   * @returns ok(page) of at most `PAGE_SIZE` documents
   * @returns err(store.*) if the store fails
   */
  page(accountId: AccountId, filter: DocumentFilter, request?: PageRequest): ResultAsync<Page<OgustineDocument>, StoreError>;
  /**
   * @returns ok(summary) of the documents the filter selects
   * @returns err(store.*) if the store fails
   */
  summarize(accountId: AccountId, filter: DocumentFilter): ResultAsync<DocumentSummary, StoreError>;
}
