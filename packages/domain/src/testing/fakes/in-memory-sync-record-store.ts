import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../../documents/document.js';
import type { StoreError } from '../../ports/store-error.js';
import type { SyncRecordStore } from '../../ports/sync-record-store.js';
import type { SyncRecord } from '../../sync/sync-record.js';
import { RowMeter } from './row-meter.js';

const key = (accountId: AccountId, documentId: DocumentId): string => JSON.stringify([accountId, documentId]);

export class InMemorySyncRecordStore implements SyncRecordStore {
  private readonly records = new Map<string, SyncRecord>();

  constructor(readonly meter = new RowMeter()) {}

  get(accountId: AccountId, documentId: DocumentId): ResultAsync<SyncRecord | null, StoreError> {
    const record = this.records.get(key(accountId, documentId)) ?? null;
    this.meter.read('records.get', record === null ? 0 : 1);
    return okAsync(record);
  }

  getMany(accountId: AccountId, documentIds: readonly DocumentId[]): ResultAsync<ReadonlyMap<DocumentId, SyncRecord>, StoreError> {
    const found = new Map<DocumentId, SyncRecord>();
    for (const documentId of documentIds) {
      const record = this.records.get(key(accountId, documentId));
      if (record !== undefined) found.set(documentId, record);
    }
    this.meter.read('records.getMany', found.size);
    return okAsync(found);
  }

  /** Whether the document has a record (the sweep's view of the same rows, not a port call: not metered). */
  has(accountId: AccountId, documentId: DocumentId): boolean {
    return this.records.has(key(accountId, documentId));
  }

  save<R extends SyncRecord>(record: R): ResultAsync<R, StoreError> {
    const k = key(record.accountId, record.documentId);
    const storedVersion = this.records.get(k)?.version ?? 0;
    if (storedVersion !== record.version) {
      return errAsync({
        kind: 'store.conflict',
        detail: `sync record ${record.documentId}: version ${record.version}, stored ${storedVersion}`,
      });
    }
    const saved: R = { ...record, version: record.version + 1 };
    this.records.set(k, saved);
    return okAsync(saved);
  }
}
