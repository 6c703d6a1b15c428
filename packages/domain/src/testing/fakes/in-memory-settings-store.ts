import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { AccountSettings, SettingsStore } from '../../ports/settings-store.js';
import type { StoreError } from '../../ports/store-error.js';
import { RowMeter } from './row-meter.js';

export class InMemorySettingsStore implements SettingsStore {
  private readonly settings = new Map<AccountId, AccountSettings>();

  constructor(readonly meter = new RowMeter()) {}

  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError> {
    const settings = this.settings.get(accountId) ?? null;
    this.meter.read('settings.get', settings === null ? 0 : 1);
    return okAsync(settings);
  }

  save(settings: AccountSettings): ResultAsync<AccountSettings, StoreError> {
    const stored = this.settings.get(settings.accountId)?.version ?? 0;
    if (stored !== settings.version) {
      return errAsync({
        kind: 'store.conflict',
        detail: `settings of ${settings.accountId}: version ${settings.version}, stored ${stored}`,
      });
    }
    const saved = { ...settings, version: settings.version + 1 };
    this.settings.set(settings.accountId, saved);
    return okAsync(saved);
  }
}
