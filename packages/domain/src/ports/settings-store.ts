import type { TaxCodeChoices } from '../mapping/tax-code-for-rate.js';
import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { ModuleState } from '../policy/module-state.js';
import type { SyncSchedule } from '../policy/sync-schedule.js';
import type { StoreError } from './store-error.js';

/** The module's settings and state for one account. */
export interface AccountSettings {
  readonly accountId: AccountId;
  readonly moduleState: ModuleState;
  /** The tax code per VAT rate the account chose (`ChooseTaxCodes`); absent rates follow today's rule. */
  readonly taxCodeByRate?: TaxCodeChoices;
  /** Absent until the user chose a sync-from day (the initial sync then starts from `defaultSchedule`). */
  readonly schedule?: SyncSchedule;
  /** The documents the launched initial sync planned, in order: its progress is counted on them. */
  readonly initialSyncDocumentIds?: readonly DocumentId[];
}

/** Settings of every account. */
export interface SettingsStore {
  /**
   * @returns ok(settings) of the account, ok(null) for an account that never used the module
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError>;
  /**
   * @returns ok() once stored, replacing the previous settings
   * @returns err(store.*) if the store fails
   */
  save(settings: AccountSettings): ResultAsync<void, StoreError>;
}
