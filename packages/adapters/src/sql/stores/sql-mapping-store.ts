import type { Clock, MappedKind, Mapping, MappingScope, MappingStore, StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

/**
 * Ogustine id → QBO id in `mapping`, by its primary key (account, realm, kind, Ogustine id). Each
 * method is one statement: `save` replaces the whole mapping of its key at once.
 */
export class SqlMappingStore implements MappingStore {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  find(scope: MappingScope, kind: MappedKind, ogustineId: string): ResultAsync<Mapping | null, StoreError> {
    return storeCall(async () => {
      const row = await this.database.db
        .selectFrom('mapping')
        .select(['qbo_id', 'sync_token', 'fingerprint'])
        .where('account_id', '=', scope.accountId)
        .where('realm_id', '=', scope.realmId)
        .where('kind', '=', kind)
        .where('ogustine_id', '=', ogustineId)
        .executeTakeFirst();
      return row === undefined
        ? null
        : {
            qboId: row.qbo_id,
            ...(row.sync_token === null ? {} : { syncToken: row.sync_token }),
            ...(row.fingerprint === null ? {} : { fingerprint: row.fingerprint }),
          };
    });
  }

  save(scope: MappingScope, kind: MappedKind, ogustineId: string, mapping: Mapping): ResultAsync<void, StoreError> {
    const fields = {
      qbo_id: mapping.qboId,
      sync_token: mapping.syncToken ?? null,
      fingerprint: mapping.fingerprint ?? null,
      updated_at: this.clock.now(),
    };
    return storeCall(() =>
      upsert(
        this.database,
        'mapping',
        { account_id: scope.accountId, realm_id: scope.realmId, kind, ogustine_id: ogustineId, ...fields },
        ['account_id', 'realm_id', 'kind', 'ogustine_id'],
        fields,
      ),
    );
  }
}
