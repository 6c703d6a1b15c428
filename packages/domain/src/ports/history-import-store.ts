import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { HistoryImport } from '../sync/history-import.js';
import type { StoreError } from './store-error.js';

/**
 * Where each account's history import stands (`ImportBillingHistory`), apart from the settings: the
 * import saves after every page, and the settings' writers (connect, Réessayer, reschedule, the
 * initial sync's progress) must not lose a compare-and-set race to it. Atomic: `save` is a
 * compare-and-set on `version`, so two workers importing at once never take the import back a page.
 */
export interface HistoryImportStore {
  /**
   * @returns ok(import) of the account, ok(null) before its import started
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId): ResultAsync<HistoryImport | null, StoreError>;
  /**
   * Stores the record only if the stored one still has `record.version` (0: none stored yet).
   * @returns ok(saved) with `version` bumped by one
   * @returns err(store.conflict) if another writer saved first
   * @returns err(store.unavailable) if the store fails
   */
  save(record: HistoryImport): ResultAsync<HistoryImport, StoreError>;
}
