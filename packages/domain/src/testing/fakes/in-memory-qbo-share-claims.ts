import { okAsync, type ResultAsync } from 'neverthrow';
import type { QboShareClaims } from '../../ports/qbo-share-claims.js';
import type { StoreError } from '../../ports/store-error.js';
import type { RealmId } from '../../qbo/company-profile.js';

export class InMemoryQboShareClaims implements QboShareClaims {
  private readonly until = new Map<RealmId, number>();
  /** Reads answered so far (what a worker's cache saves). */
  reads = 0;

  claim(realmId: RealmId, activeUntil: number): ResultAsync<void, StoreError> {
    this.until.set(realmId, Math.max(activeUntil, this.until.get(realmId) ?? Number.NEGATIVE_INFINITY));
    return okAsync(undefined);
  }

  claimsOf(realmIds: readonly RealmId[]): ResultAsync<ReadonlyMap<RealmId, number>, StoreError> {
    this.reads += 1;
    const claims = new Map<RealmId, number>();
    for (const realmId of realmIds) {
      const until = this.until.get(realmId);
      if (until !== undefined) claims.set(realmId, until);
    }
    return okAsync(claims);
  }
}
