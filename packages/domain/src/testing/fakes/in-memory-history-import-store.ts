import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { HistoryImportStore } from '../../ports/history-import-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { HistoryImport } from '../../sync/history-import.js';

export class InMemoryHistoryImportStore implements HistoryImportStore {
  private readonly records = new Map<AccountId, HistoryImport>();

  get(accountId: AccountId): ResultAsync<HistoryImport | null, StoreError> {
    return okAsync(this.records.get(accountId) ?? null);
  }

  save(record: HistoryImport): ResultAsync<HistoryImport, StoreError> {
    const stored = this.records.get(record.accountId)?.version ?? 0;
    if (stored !== record.version) {
      return errAsync({
        kind: 'store.conflict',
        detail: `history import of ${record.accountId}: version ${record.version}, stored ${stored}`,
      });
    }
    const saved = { ...record, version: record.version + 1 };
    this.records.set(record.accountId, saved);
    return okAsync(saved);
  }
}
