import { okAsync, type ResultAsync } from 'neverthrow';
import type { CachedProfile, CompanyProfileCache } from '../../ports/company-profile-cache.js';
import type { StoreError } from '../../ports/store-error.js';
import type { RealmId } from '../../qbo/company-profile.js';

export class InMemoryCompanyProfileCache implements CompanyProfileCache {
  private readonly profiles = new Map<RealmId, CachedProfile>();

  get(realmId: RealmId): ResultAsync<CachedProfile | null, StoreError> {
    return okAsync(this.profiles.get(realmId) ?? null);
  }

  put(cached: CachedProfile): ResultAsync<void, StoreError> {
    this.profiles.set(cached.profile.realmId, cached);
    return okAsync(undefined);
  }

  invalidate(realmId: RealmId): ResultAsync<void, StoreError> {
    this.profiles.delete(realmId);
    return okAsync(undefined);
  }
}
