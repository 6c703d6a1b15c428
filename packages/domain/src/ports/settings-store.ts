import type { TaxCodeChoices } from '../mapping/tax-code-for-rate.js';
import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { ModuleState } from '../policy/module-state.js';
import type { SyncSchedule } from '../policy/sync-schedule.js';
import type { Instant, TimeZone } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** The module's settings and state for one account. */
export interface AccountSettings {
  readonly accountId: AccountId;
  readonly moduleState: ModuleState;
  /** The tax code per VAT rate the account chose (`ChooseTaxCodes`); absent rates follow today's rule. */
  readonly taxCodeByRate?: TaxCodeChoices;
  /** Absent until the user chose a sync-from day (the initial sync then starts from `defaultSchedule`). */
  readonly schedule?: SyncSchedule;
  /** The launched initial sync's run (`RunStore`): its progress is counted there. */
  readonly initialSyncRunId?: string;
  /**
   * When the connected company was connected afresh (another company than the one before): the
   * initial sync's run id names it, so a company connected again later (A → B → A) gets a run of
   * its own. Absent for the account's first company.
   */
  readonly connectedAfreshAt?: Instant;
  /** The account's time zone as the billing core gives it (stored when the history import starts); Paris time until then. */
  readonly timeZone?: TimeZone;
  /**
   * « Joindre le PDF Ogustine »: whether each document is sent with Ogustine's PDF attached (one upload
   * request each). Absent: on (`attachesPdf`). Applies to documents that reach QBO from then on.
   */
  readonly attachPdf?: boolean;
  /** Bumped by each save: the store's compare-and-set guard (0 for settings never saved). */
  readonly version: number;
}

/**
 * Settings of every account, written by HTTP requests (connect, check, launch, reschedule) and by
 * the worker (the initial sync's progress and end). Atomic: `save` is a compare-and-set on
 * `version`, so two writers never lose each other's update: the loser gets `store.conflict`,
 * re-reads and decides again.
 */
export interface SettingsStore {
  /**
   * @returns ok(settings) of the account, ok(null) for an account that never used the module
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError>;
  /**
   * Stores the settings only if the stored ones still have `settings.version` (0: none stored yet).
   * @returns ok(saved) with `version` bumped by one
   * @returns err(store.conflict) if another writer saved first
   * @returns err(store.unavailable) if the store fails
   */
  save(settings: AccountSettings): ResultAsync<AccountSettings, StoreError>;
}
