import { err, errAsync, ok, okAsync, type ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { AccountSettings, SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import { InMemorySettingsStore } from '../testing/fakes/in-memory-settings-store.js';
import { freshSettings } from './account-settings.js';
import { SETTINGS_SAVE_ATTEMPTS, updateSettings, type SettingsChange } from './update-settings.js';

const A = 'A1';

/** A settings store where another writer saves just before each of this writer's first `races` saves. */
class RacedSettings implements SettingsStore {
  readonly inner = new InMemorySettingsStore();
  reads = 0;
  saves = 0;
  constructor(
    private races: number,
    private readonly other: (s: AccountSettings) => AccountSettings,
  ) {}

  get(accountId: string): ResultAsync<AccountSettings | null, StoreError> {
    this.reads += 1;
    return this.inner.get(accountId);
  }

  save(settings: AccountSettings): ResultAsync<AccountSettings, StoreError> {
    this.saves += 1;
    if (this.races === 0) return this.inner.save(settings);
    this.races -= 1;
    return this.inner
      .get(settings.accountId)
      .andThen((current) => this.inner.save(this.other(current ?? freshSettings(settings.accountId))))
      .andThen(() => this.inner.save(settings));
  }
}

const turnPdfOff: SettingsChange<never> = (s) => ok({ ...s, attachPdf: false });

describe('updateSettings: a write that lost a compare-and-set is made again on what is read', () => {
  it('keeps the other writer’s change and applies its own (neither undoes the other)', async () => {
    const store = new RacedSettings(1, (s) => ({ ...s, timeZone: 'Indian/Reunion' }));
    const saved = await updateSettings(store, A, turnPdfOff);
    expect(saved._unsafeUnwrap()).toMatchObject({ attachPdf: false, timeZone: 'Indian/Reunion', version: 2 });
    expect((await store.inner.get(A))._unsafeUnwrap()).toMatchObject({ attachPdf: false, timeZone: 'Indian/Reunion' });
    expect(store.reads).toBe(2);
  });

  it(`gives up with store.conflict after ${SETTINGS_SAVE_ATTEMPTS} lost races, the other writer's settings intact`, async () => {
    const store = new RacedSettings(Number.POSITIVE_INFINITY, (s) => ({ ...s, timeZone: 'Pacific/Noumea' }));
    const saved = await updateSettings(store, A, turnPdfOff);
    expect(saved._unsafeUnwrapErr().kind).toBe('store.conflict');
    expect(store.saves).toBe(SETTINGS_SAVE_ATTEMPTS);
    expect((await store.inner.get(A))._unsafeUnwrap()?.attachPdf).toBeUndefined();
  });

  it('a race lost twice is still won on the last attempt', async () => {
    const store = new RacedSettings(SETTINGS_SAVE_ATTEMPTS - 1, (s) => ({ ...s, timeZone: 'Pacific/Tahiti' }));
    expect((await updateSettings(store, A, turnPdfOff))._unsafeUnwrap()).toMatchObject({ attachPdf: false, timeZone: 'Pacific/Tahiti' });
  });

  it('saves nothing when the change has nothing to write, and answers the settings as read', async () => {
    const store = new RacedSettings(0, (s) => s);
    await store.inner.save({ ...freshSettings(A), attachPdf: false });
    const answer = await updateSettings(store, A, () => ok(null));
    expect(answer._unsafeUnwrap()).toMatchObject({ attachPdf: false, version: 1 });
    expect(store.saves).toBe(0);
  });

  it('a refusal is answered as it is, nothing saved nor tried again', async () => {
    const store = new RacedSettings(0, (s) => s);
    const answer = await updateSettings(store, A, () => err({ kind: 'refused' as const }));
    expect(answer._unsafeUnwrapErr()).toEqual({ kind: 'refused' });
    expect(store.saves).toBe(0);
    expect(store.reads).toBe(1);
  });

  it('an account never saved starts from fresh settings', async () => {
    const seen: AccountSettings[] = [];
    await updateSettings(new InMemorySettingsStore(), A, (s) => {
      seen.push(s);
      return ok(null);
    });
    expect(seen).toEqual([freshSettings(A)]);
  });

  it('a store that fails otherwise is not tried again', async () => {
    let saves = 0;
    const broken: SettingsStore = {
      get: () => okAsync(null),
      save: () => {
        saves += 1;
        return errAsync({ kind: 'store.unavailable', detail: 'down' });
      },
    };
    expect((await updateSettings(broken, A, turnPdfOff))._unsafeUnwrapErr().kind).toBe('store.unavailable');
    expect(saves).toBe(1);
  });
});
