import type { ResultAsync } from 'neverthrow';
import type { RealmId } from '../qbo/company-profile.js';
import type { StoreError } from './store-error.js';

/**
 * The HTTP app's claims on its share of each realm's QBO allowance, shared by every process. Intuit's
 * limits are per realm for every process together: while the HTTP app claims no share of a realm, the
 * worker may use it; the HTTP app claims it before calling QBO for the realm, and the worker, reading
 * the claims, keeps to its own share until the claim has run out (`RealmLimiters`).
 * Times are the limiter's (wall-clock milliseconds), not the module's clock.
 */
export interface QboShareClaims {
  /**
   * Claims the share of `realmId` until `activeUntil`, or later if a claim already reaches later (two
   * HTTP processes may claim the same realm: a claim is never shortened).
   * @returns ok() once stored, visible to every process reading after
   * @returns err(store.*) if the store fails
   */
  claim(realmId: RealmId, activeUntil: number): ResultAsync<void, StoreError>;
  /**
   * One read of the claims of these realms.
   * @returns ok(until when each realm is claimed), realms never claimed absent (a claim run out is kept, in the past)
   * @returns err(store.*) if the store fails
   */
  claimsOf(realmIds: readonly RealmId[]): ResultAsync<ReadonlyMap<RealmId, number>, StoreError>;
}
