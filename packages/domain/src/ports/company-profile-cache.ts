import type { ResultAsync } from 'neverthrow';
import type { CompanyProfile, RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** A company profile as last read from QBO. */
export interface CachedProfile {
  readonly profile: CompanyProfile;
  readonly readAt: Instant;
}

/**
 * The company profile (country, preferences, tax codes, accounts) of each connected realm, read once
 * from QBO and shared by every process (HTTP and workers), so a 1,000-document sync reads QBO a
 * handful of times, not 1,000. Dropped on *Réessayer*, on reconnect, and when QBO answers that a tax
 * code or an account the profile named is gone; the next reader then reads QBO again.
 * Atomic per realm: `put` and `invalidate` replace or remove the whole entry.
 */
export interface CompanyProfileCache {
  /**
   * @returns ok(cached) if a profile of this realm is kept, ok(null) otherwise (never read, or invalidated)
   * @returns err(store.*) if the store fails
   */
  get(realmId: RealmId): ResultAsync<CachedProfile | null, StoreError>;
  /**
   * Keeps the profile of its realm (`profile.realmId`), replacing the one kept.
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  put(cached: CachedProfile): ResultAsync<void, StoreError>;
  /**
   * Forgets the realm's profile, so every process reads QBO again.
   * @returns ok() once forgotten, also when none was kept
   * @returns err(store.*) if the store fails
   */
  invalidate(realmId: RealmId): ResultAsync<void, StoreError>;
}
