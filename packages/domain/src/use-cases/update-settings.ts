import { errAsync, okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { AccountSettings, SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import { freshSettings } from './account-settings.js';

/**
 * Settings are written by HTTP requests and by the worker at once, each by compare-and-set on their
 * version: a write that lost is read again and made again on what it reads, this many times in all.
 */
export const SETTINGS_SAVE_ATTEMPTS = 3;

/**
 * What a writer makes of the settings it read: the settings to store, `null` when they already say
 * what it would write (nothing is saved), or a refusal (nothing is saved, nothing is tried again).
 */
export type SettingsChange<E> = (current: AccountSettings) => Result<AccountSettings | null, E>;

/**
 * Reads an account's settings (fresh ones if it never used the module), applies `change` and saves
 * the result by compare-and-set; a save that lost to another writer reads again and applies `change`
 * to what it reads, so neither write undoes the other.
 * @returns ok(the settings as stored: saved, or as read when `change` had nothing to write)
 * @returns err(the change's refusal)
 * @returns err(store.conflict) if other writers won `SETTINGS_SAVE_ATTEMPTS` times in a row
 * @returns err(store.unavailable) if the store fails
 */
export const updateSettings = <E>(
  store: SettingsStore,
  accountId: AccountId,
  change: SettingsChange<E>,
  attempt = 1,
): ResultAsync<AccountSettings, E | StoreError> =>
  store.get(accountId).andThen((stored): ResultAsync<AccountSettings, E | StoreError> => {
    const current = stored ?? freshSettings(accountId);
    const changed = change(current);
    if (changed.isErr()) return errAsync(changed.error);
    if (changed.value === null) return okAsync(current);
    return store
      .save(changed.value)
      .orElse((e) =>
        e.kind === 'store.conflict' && attempt < SETTINGS_SAVE_ATTEMPTS
          ? updateSettings(store, accountId, change, attempt + 1)
          : errAsync(e),
      );
  });
