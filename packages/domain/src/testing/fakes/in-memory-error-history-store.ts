import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { ErrorRecord, ErrorRecordId } from '../../errors/error-history.js';
import type { ErrorHistoryStore } from '../../ports/error-history-store.js';
import type { StoreError } from '../../ports/store-error.js';

export class InMemoryErrorHistoryStore implements ErrorHistoryStore {
  private readonly records = new Map<ErrorRecordId, ErrorRecord>();

  list(accountId: AccountId): ResultAsync<readonly ErrorRecord[], StoreError> {
    return okAsync([...this.records.values()].filter((r) => r.accountId === accountId));
  }

  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError> {
    for (const record of records) this.records.set(record.id, record);
    return okAsync(undefined);
  }
}
