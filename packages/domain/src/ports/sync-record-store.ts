import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { SyncRecord } from '../sync/sync-record.js';
import type { StoreError } from './store-error.js';

/**
 * The write protocol's record of each document (sync/sync-record.ts), per account, read by key only.
 * Atomic: `save` is a compare-and-set on the record's `version`.
 */
export interface SyncRecordStore {
  /**
   * @returns ok(record) of this account's document, ok(null) if no write was ever started for it
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId, documentId: DocumentId): ResultAsync<SyncRecord | null, StoreError>;
  /**
   * `get` for a group of one account's documents in one read.
   * @returns ok(document id → record) for those that have one (at most as many as asked)
   * @returns err(store.*) if the store fails
   */
  getMany(accountId: AccountId, documentIds: readonly DocumentId[]): ResultAsync<ReadonlyMap<DocumentId, SyncRecord>, StoreError>;
  /**
   * Compare-and-set: stores the record only if the stored one still has `record.version` (0 for a new
   * record), so two workers can never both believe they own the next step.
   * @returns ok(saved): the record given, with `version` bumped by one (so a record narrowed to a state stays narrowed)
   * @returns err(store.conflict) if the stored version is another one
   * @returns err(store.unavailable) if the store fails
   */
  save<R extends SyncRecord>(record: R): ResultAsync<R, StoreError>;
}
