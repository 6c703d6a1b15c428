import type { AccountId, Connection, ConnectionStore, Instant, RealmId, StoreError, TokenSet } from '@ogustine-qbo/domain';
import type { Selectable } from 'kysely';
import { Result, err, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import type { ConnectionTable } from '../schema.js';
import { ConflictError, storeCall } from '../sql-errors.js';
import { bump } from '../upsert.js';
import type { TokenCipher, TokenCipherError } from './token-cipher.js';

type Row = Selectable<ConnectionTable>;

/**
 * Connections in the `connection` table, tokens encrypted by the cipher given. Atomic: each write is
 * one statement (a second account saving a realm already held fails with `store.conflict`), and
 * `replaceTokens` a compare-and-set on the row's `version` (the refresh token is compared after
 * decryption, which SQL cannot do).
 */
export class SqlConnectionStore implements ConnectionStore {
  constructor(
    private readonly database: SqlDatabase,
    private readonly cipher: TokenCipher,
  ) {}

  get(accountId: AccountId): ResultAsync<Connection | null, StoreError> {
    return this.findRow('account_id', accountId).andThen((row) => (row === undefined ? ok(null) : this.toConnection(row)));
  }

  findByRealm(realmId: RealmId): ResultAsync<Connection | null, StoreError> {
    return this.findRow('realm_id', realmId).andThen((row) => (row === undefined ? ok(null) : this.toConnection(row)));
  }

  /**
   * Update, else insert: not an upsert, because on MariaDB `ON DUPLICATE KEY UPDATE` fires on any
   * unique key, and would hand another account's row (same realm) to this one.
   */
  save(connection: Connection): ResultAsync<void, StoreError> {
    const { account_id: accountId, ...fields } = this.toRow(connection);
    return storeCall(async () => {
      const updated = await this.database.db
        .updateTable('connection')
        .set({ ...fields, version: bump('version') })
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n)
        await this.database.db
          .insertInto('connection')
          .values({ account_id: accountId, ...fields, version: 1 })
          .execute();
    });
  }

  replaceTokens(accountId: AccountId, previousRefreshToken: string, tokens: TokenSet): ResultAsync<void, StoreError> {
    return this.findRow('account_id', accountId)
      .andThen((row) =>
        row === undefined
          ? err<Row, StoreError>({ kind: 'store.unavailable', detail: `account ${accountId} has no connection` })
          : this.decrypt(row.refresh_token_key_id, row.refresh_token).andThen((stored) =>
              stored === previousRefreshToken ? ok(row) : err<Row, StoreError>(conflict(accountId)),
            ),
      )
      .andThen((row) =>
        storeCall(async () => {
          const updated = await this.database.db
            .updateTable('connection')
            .set({ ...this.tokenColumns(tokens), version: row.version + 1 })
            .where('account_id', '=', accountId)
            .where('version', '=', row.version)
            .executeTakeFirst();
          if (updated.numUpdatedRows === 0n) throw new ConflictError(conflict(accountId).detail);
        }),
      );
  }

  listExpiringBefore(before: Instant): ResultAsync<readonly Connection[], StoreError> {
    return storeCall(() =>
      this.database.db
        .selectFrom('connection')
        .selectAll()
        .where('status', '=', 'connected')
        .where('refresh_token_expires_at', '<', before)
        .orderBy('refresh_token_expires_at')
        .execute(),
    ).andThen((rows) => Result.combine(rows.map((row) => this.toConnection(row))));
  }

  markReconnectRequired(accountId: AccountId): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db
        .updateTable('connection')
        .set({ status: 'reconnect-required', version: bump('version') })
        .where('account_id', '=', accountId)
        .execute();
    });
  }

  remove(accountId: AccountId): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db.deleteFrom('connection').where('account_id', '=', accountId).execute();
    });
  }

  private findRow(column: 'account_id' | 'realm_id', value: string): ResultAsync<Row | undefined, StoreError> {
    return storeCall(() => this.database.db.selectFrom('connection').selectAll().where(column, '=', value).executeTakeFirst());
  }

  private toRow(connection: Connection): Omit<Row, 'version'> {
    return {
      account_id: connection.accountId,
      realm_id: connection.realmId,
      status: connection.status,
      connected_at: connection.connectedAt,
      ...this.tokenColumns(connection.tokens),
    };
  }

  private tokenColumns(tokens: TokenSet): Omit<Row, 'account_id' | 'realm_id' | 'status' | 'connected_at' | 'version'> {
    const access = this.cipher.encrypt(tokens.accessToken);
    const refresh = this.cipher.encrypt(tokens.refreshToken);
    return {
      access_token_key_id: access.keyId,
      access_token: access.ciphertext,
      access_token_expires_at: tokens.accessTokenExpiresAt,
      refresh_token_key_id: refresh.keyId,
      refresh_token: refresh.ciphertext,
      refresh_token_expires_at: tokens.refreshTokenExpiresAt,
    };
  }

  private toConnection(row: Row): Result<Connection, StoreError> {
    return Result.combine([
      this.decrypt(row.access_token_key_id, row.access_token),
      this.decrypt(row.refresh_token_key_id, row.refresh_token),
    ]).map(([accessToken, refreshToken]) => ({
      accountId: row.account_id,
      realmId: row.realm_id,
      tokens: {
        accessToken,
        refreshToken,
        accessTokenExpiresAt: Number(row.access_token_expires_at),
        refreshTokenExpiresAt: Number(row.refresh_token_expires_at),
      },
      connectedAt: Number(row.connected_at),
      status: row.status === 'reconnect-required' ? 'reconnect-required' : 'connected',
    }));
  }

  /** A token that cannot be decrypted (key retired, row altered) makes the store unusable for this account, not the caller wrong. */
  private decrypt(keyId: string, ciphertext: string): Result<string, StoreError> {
    return this.cipher
      .decrypt({ keyId, ciphertext })
      .mapErr((e: TokenCipherError) => ({ kind: 'store.unavailable' as const, detail: `stored token unreadable: ${e.kind}` }));
  }
}

const conflict = (accountId: AccountId): StoreError => ({
  kind: 'store.conflict',
  detail: `the tokens of account ${accountId} were rotated by someone else`,
});
