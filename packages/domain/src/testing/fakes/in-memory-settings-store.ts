import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { AccountSettings, SettingsStore } from '../../ports/settings-store.js';
import type { StoreError } from '../../ports/store-error.js';

export class InMemorySettingsStore implements SettingsStore {
  private readonly settings = new Map<AccountId, AccountSettings>();

  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError> {
    return okAsync(this.settings.get(accountId) ?? null);
  }

  save(settings: AccountSettings): ResultAsync<void, StoreError> {
    this.settings.set(settings.accountId, settings);
    return okAsync(undefined);
  }
}
