import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../../documents/document.js';
import type { DocumentFilter, DocumentStore, DocumentSummary, RecordDocumentOutcome } from '../../ports/document-store.js';
import { pageLimit, type Page, type PageRequest } from '../../ports/page.js';
import type { StoreError } from '../../ports/store-error.js';
import { compareByCreation } from '../../policy/sending-order.js';
import type { Instant } from '../../shared/time.js';
import { RowMeter } from './row-meter.js';

interface Row {
  readonly document: OgustineDocument;
  readonly receivedAt: Instant;
  inQuickBooks: boolean;
}

const key = (accountId: AccountId, documentId: DocumentId): string => JSON.stringify([accountId, documentId]);

type CreationKey = readonly [number, string, string];
const creationKey = (d: OgustineDocument): CreationKey => [d.createdAt, d.number, d.id];
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareKeys = (a: CreationKey, b: CreationKey): number => a[0] - b[0] || compareText(a[1], b[1]) || compareText(a[2], b[2]);

/** The cursor of a page: the creation key of its last document; the next page starts after it. */
const afterCursor =
  (cursor: string | undefined) =>
  (d: OgustineDocument): boolean =>
    cursor === undefined || compareKeys(creationKey(d), JSON.parse(cursor) as CreationKey) > 0;

const selects =
  (accountId: AccountId, f: DocumentFilter) =>
  (row: Row): boolean =>
    row.document.accountId === accountId &&
    (f.createdFrom === undefined || row.document.createdAt >= f.createdFrom) &&
    (f.createdBefore === undefined || row.document.createdAt < f.createdBefore) &&
    (f.recordedUpTo === undefined || row.receivedAt <= f.recordedUpTo) &&
    (f.inQuickBooks === undefined || row.inQuickBooks === f.inQuickBooks) &&
    (f.kind === undefined || row.document.kind === f.kind) &&
    (f.correctsInvoiceId === undefined || row.document.correctsInvoiceId === f.correctsInvoiceId);

export class InMemoryDocumentStore implements DocumentStore {
  private readonly rows = new Map<string, Row>();

  constructor(readonly meter = new RowMeter()) {}

  record(document: OgustineDocument, receivedAt: Instant): ResultAsync<RecordDocumentOutcome, StoreError> {
    const k = key(document.accountId, document.id);
    if (this.rows.has(k)) return okAsync('already-recorded');
    this.rows.set(k, { document, receivedAt, inQuickBooks: false });
    return okAsync('recorded');
  }

  recordAll(documents: readonly OgustineDocument[], receivedAt: Instant): ResultAsync<readonly RecordDocumentOutcome[], StoreError> {
    const outcomes: RecordDocumentOutcome[] = [];
    for (const document of documents) {
      const k = key(document.accountId, document.id);
      outcomes.push(this.rows.has(k) ? 'already-recorded' : 'recorded');
      if (!this.rows.has(k)) this.rows.set(k, { document, receivedAt, inQuickBooks: false });
    }
    return okAsync(outcomes);
  }

  get(accountId: AccountId, documentId: DocumentId): ResultAsync<OgustineDocument | null, StoreError> {
    const document = this.rows.get(key(accountId, documentId))?.document ?? null;
    this.meter.read('documents.get', document === null ? 0 : 1);
    return okAsync(document);
  }

  markInQuickBooks(accountId: AccountId, documentId: DocumentId, inQuickBooks: boolean): ResultAsync<void, StoreError> {
    const row = this.rows.get(key(accountId, documentId));
    if (row !== undefined) row.inQuickBooks = inQuickBooks;
    return okAsync(undefined);
  }

  forgetInQuickBooks(accountId: AccountId): ResultAsync<void, StoreError> {
    for (const row of this.rows.values()) if (row.document.accountId === accountId) row.inQuickBooks = false;
    return okAsync(undefined);
  }

  page(accountId: AccountId, filter: DocumentFilter, request?: PageRequest): ResultAsync<Page<OgustineDocument>, StoreError> {
    const after = afterCursor(request?.cursor);
    const limit = pageLimit(request);
    const selected = [...this.rows.values()]
      .filter(selects(accountId, filter))
      .map((r) => r.document)
      .filter(after)
      .sort(compareByCreation);
    const items = selected.slice(0, limit);
    const last = items[items.length - 1];
    this.meter.read('documents.page', items.length);
    return okAsync({ items, next: selected.length > limit && last !== undefined ? JSON.stringify(creationKey(last)) : null });
  }

  /** Every document of every account with when it was recorded and whether it is in QBO, uncounted (for the stalled-work fake). */
  recordedRows(): readonly { readonly document: OgustineDocument; readonly receivedAt: Instant; readonly inQuickBooks: boolean }[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  /** Whether the account has the document, without counting a read (for other fakes: Ogustine issued its PDF). */
  has(accountId: AccountId, documentId: DocumentId): boolean {
    return this.rows.has(key(accountId, documentId));
  }

  /** Every document of the account, in the order recorded: for tests (not a port method). */
  allDocuments(accountId: AccountId): readonly OgustineDocument[] {
    return [...this.rows.values()].filter((r) => r.document.accountId === accountId).map((r) => r.document);
  }

  summarize(accountId: AccountId, filter: DocumentFilter): ResultAsync<DocumentSummary, StoreError> {
    const docs = [...this.rows.values()].filter(selects(accountId, filter)).map((r) => r.document);
    const gross = new Map<string, number>();
    for (const d of docs) gross.set(d.currency, (gross.get(d.currency) ?? 0) + d.totals.gross);
    this.meter.read('documents.summarize', 1);
    return okAsync({
      count: docs.length,
      invoices: docs.filter((d) => d.kind === 'invoice').length,
      creditNotes: docs.filter((d) => d.kind === 'credit_note').length,
      customers: new Set(docs.map((d) => d.customer.id)).size,
      gross: [...gross.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, cents]) => ({ currency, cents })),
    });
  }
}
