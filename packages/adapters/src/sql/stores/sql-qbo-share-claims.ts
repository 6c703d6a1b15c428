import type { QboShareClaims, RealmId, StoreError } from '@ogustine-qbo/domain';
import { sql } from 'kysely';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

/**
 * The HTTP app's claims in `qbo_share_claim`, one row per realm, shared by every process on the
 * database. Each method is one statement: a claim is one upsert keeping the later end (MariaDB's
 * `GREATEST`, SQLite's two-argument `MAX`), a read one select by primary key.
 */
export class SqlQboShareClaims implements QboShareClaims {
  constructor(private readonly database: SqlDatabase) {}

  claim(realmId: RealmId, activeUntil: number): ResultAsync<void, StoreError> {
    const later =
      this.database.engine === 'mysql'
        ? sql<number>`GREATEST(${sql.ref('active_until')}, ${activeUntil})`
        : sql<number>`MAX(${sql.ref('active_until')}, ${activeUntil})`;
    return storeCall(() =>
      upsert(this.database, 'qbo_share_claim', { realm_id: realmId, active_until: activeUntil }, ['realm_id'], { active_until: later }),
    );
  }

  claimsOf(realmIds: readonly RealmId[]): ResultAsync<ReadonlyMap<RealmId, number>, StoreError> {
    if (realmIds.length === 0) return okAsync(new Map());
    return storeCall(() =>
      this.database.db
        .selectFrom('qbo_share_claim')
        .select(['realm_id', 'active_until'])
        .where('realm_id', 'in', [...realmIds])
        .execute(),
    ).map((rows) => new Map(rows.map((row) => [row.realm_id, Number(row.active_until)])));
  }
}
