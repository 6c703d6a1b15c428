import type { Clock, MappedKind, MappingStore, QboId, RealmId, StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

/**
 * The port keys mappings by realm only, for now; the table is keyed by account first, as every table
 * is. Until the port passes the account, rows carry this placeholder account.
 */
const ACCOUNT_NOT_GIVEN = '';

/** Ogustine id → QBO id in `mapping`, by its primary key (account, realm, kind, Ogustine id). Each method is one statement. */
export class SqlMappingStore implements MappingStore {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  find(realmId: RealmId, kind: MappedKind, ogustineId: string): ResultAsync<QboId | null, StoreError> {
    return storeCall(async () => {
      const row = await this.database.db
        .selectFrom('mapping')
        .select('qbo_id')
        .where('account_id', '=', ACCOUNT_NOT_GIVEN)
        .where('realm_id', '=', realmId)
        .where('kind', '=', kind)
        .where('ogustine_id', '=', ogustineId)
        .executeTakeFirst();
      return row?.qbo_id ?? null;
    });
  }

  save(realmId: RealmId, kind: MappedKind, ogustineId: string, qboId: QboId): ResultAsync<void, StoreError> {
    const updatedAt = this.clock.now();
    return storeCall(() =>
      upsert(
        this.database,
        'mapping',
        {
          account_id: ACCOUNT_NOT_GIVEN,
          realm_id: realmId,
          kind,
          ogustine_id: ogustineId,
          qbo_id: qboId,
          fingerprint: null,
          updated_at: updatedAt,
        },
        ['account_id', 'realm_id', 'kind', 'ogustine_id'],
        { qbo_id: qboId, updated_at: updatedAt },
      ),
    );
  }
}
