import type { AuthorizationStates, PendingAuthorization, StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';

/**
 * OAuth states in `authorization_state`. `take` reads then deletes: only the caller whose DELETE
 * removed the row gets the state, so two callbacks racing with one state never both succeed.
 */
export class SqlAuthorizationStates implements AuthorizationStates {
  constructor(private readonly database: SqlDatabase) {}

  save(pending: PendingAuthorization): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db
        .insertInto('authorization_state')
        .values({ state: pending.state, account_id: pending.accountId, expires_at: pending.expiresAt })
        .execute();
    });
  }

  take(state: string): ResultAsync<PendingAuthorization | null, StoreError> {
    return storeCall(async () => {
      const row = await this.database.db.selectFrom('authorization_state').selectAll().where('state', '=', state).executeTakeFirst();
      if (row === undefined) return null;
      const deleted = await this.database.db.deleteFrom('authorization_state').where('state', '=', state).executeTakeFirst();
      return deleted.numDeletedRows === 1n ? { state: row.state, accountId: row.account_id, expiresAt: Number(row.expires_at) } : null;
    });
  }
}
