import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { ErrorRecord } from '../errors/error-history.js';
import type { StoreError } from './store-error.js';

/**
 * The *Historique des erreurs de synchronisation*: records are added and change state (open,
 * retrying, resolved) through `errors/error-history.ts`, and are never deleted.
 */
export interface ErrorHistoryStore {
  /**
   * @returns ok(records) of this account, in the order they were first stored
   * @returns err(store.*) if the store fails
   */
  list(accountId: AccountId): ResultAsync<readonly ErrorRecord[], StoreError>;
  /**
   * Adds new records and replaces changed ones, by id, all together.
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError>;
}
