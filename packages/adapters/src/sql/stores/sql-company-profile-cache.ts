import type { CachedProfile, CompanyProfile, CompanyProfileCache, RealmId, StoreError } from '@ogustine-qbo/domain';
import { ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

/**
 * Company profiles in `company_profile`, one row per realm, shared by every process on the database.
 * Each method is one statement.
 */
export class SqlCompanyProfileCache implements CompanyProfileCache {
  constructor(private readonly database: SqlDatabase) {}

  get(realmId: RealmId): ResultAsync<CachedProfile | null, StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('company_profile').select(['profile', 'read_at']).where('realm_id', '=', realmId).executeTakeFirst(),
    ).andThen((row) =>
      row === undefined
        ? ok(null)
        : fromJson<CompanyProfile>(row.profile, 'company profile').map((profile) => ({ profile, readAt: Number(row.read_at) })),
    );
  }

  put(cached: CachedProfile): ResultAsync<void, StoreError> {
    const fields = { profile: toJson(cached.profile), read_at: cached.readAt };
    return storeCall(() => upsert(this.database, 'company_profile', { realm_id: cached.profile.realmId, ...fields }, ['realm_id'], fields));
  }

  invalidate(realmId: RealmId): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db.deleteFrom('company_profile').where('realm_id', '=', realmId).execute();
    });
  }
}
