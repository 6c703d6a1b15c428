import { okAsync, type ResultAsync } from 'neverthrow';
import { pageLimit, type Page, type PageRequest } from '../../ports/page.js';
import type { RunKind } from '../../ports/run-store.js';
import type { UndecidedDocument, StalledWorkSource, UnsealedRun } from '../../ports/stalled-work-source.js';
import type { StoreError } from '../../ports/store-error.js';
import type { Instant } from '../../shared/time.js';
import type { InMemoryDocumentStore } from './in-memory-document-store.js';
import type { InMemoryRunStore } from './in-memory-run-store.js';
import type { InMemorySyncQueue } from './in-memory-sync-queue.js';
import type { InMemorySyncRecordStore } from './in-memory-sync-record-store.js';

type Keyed<T> = { readonly key: readonly [number, string, string]; readonly item: T };

const compareKeys = (a: Keyed<unknown>, b: Keyed<unknown>): number =>
  a.key[0] - b.key[0] ||
  (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0) ||
  (a.key[2] < b.key[2] ? -1 : a.key[2] > b.key[2] ? 1 : 0);

/** A keyset page over rows sorted by (instant, account, id): the cursor is the last row's key. */
const pageOf = <T>(rows: Keyed<T>[], request: PageRequest | undefined): Page<T> => {
  const after = request?.cursor === undefined ? null : (JSON.parse(request.cursor) as Keyed<T>['key']);
  const sorted = rows.sort(compareKeys).filter((r) => after === null || compareKeys(r, { key: after, item: null }) > 0);
  const limit = pageLimit(request);
  const items = sorted.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map((r) => r.item), next: sorted.length > limit && last !== undefined ? JSON.stringify(last.key) : null };
};

/** The sweep's reads over the other fakes' rows, as the SQL adapter reads its tables. */
export class InMemoryStalledWork implements StalledWorkSource {
  constructor(
    private readonly documents: InMemoryDocumentStore,
    private readonly queue: InMemorySyncQueue,
    private readonly runs: InMemoryRunStore,
    private readonly records: InMemorySyncRecordStore,
  ) {}

  recordedUndecided(from: Instant, before: Instant, request?: PageRequest): ResultAsync<Page<UndecidedDocument>, StoreError> {
    const queued = new Set(this.queue.jobs().map((j) => JSON.stringify([j.accountId, j.documentId])));
    const rows = this.documents
      .recordedRows()
      .filter((r) => !r.inQuickBooks && r.receivedAt >= from && r.receivedAt < before)
      .filter(
        (r) => !queued.has(JSON.stringify([r.document.accountId, r.document.id])) && !this.records.has(r.document.accountId, r.document.id),
      )
      .map((r) => ({
        key: [r.receivedAt, r.document.accountId, r.document.id] as const,
        item: { document: r.document, recordedAt: r.receivedAt },
      }));
    const page = pageOf(rows, request);
    this.documents.meter.read('stalled.documents', page.items.length);
    return okAsync(page);
  }

  unsealedRuns(kind: RunKind, before: Instant, request?: PageRequest): ResultAsync<Page<UnsealedRun>, StoreError> {
    const rows = this.runs
      .allRuns()
      .filter((r) => r.kind === kind && !r.sealed && r.startedAt < before)
      .map((r) => ({
        key: [r.startedAt, r.accountId, r.runId] as const,
        item: { accountId: r.accountId, runId: r.runId, startedAt: r.startedAt },
      }));
    return okAsync(pageOf(rows, request));
  }
}
