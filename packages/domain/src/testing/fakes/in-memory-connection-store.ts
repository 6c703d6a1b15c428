import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { Connection, ConnectionStore, TokenSet } from '../../ports/connection-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { RealmId } from '../../qbo/company-profile.js';
import type { Instant } from '../../shared/time.js';

export class InMemoryConnectionStore implements ConnectionStore {
  private readonly connections = new Map<AccountId, Connection>();

  get(accountId: AccountId): ResultAsync<Connection | null, StoreError> {
    return okAsync(this.connections.get(accountId) ?? null);
  }

  findByRealm(realmId: RealmId): ResultAsync<Connection | null, StoreError> {
    return okAsync([...this.connections.values()].find((c) => c.realmId === realmId) ?? null);
  }

  save(connection: Connection): ResultAsync<void, StoreError> {
    const holder = [...this.connections.values()].find((c) => c.realmId === connection.realmId && c.accountId !== connection.accountId);
    if (holder !== undefined)
      return errAsync({ kind: 'store.conflict', detail: `realm ${connection.realmId} is held by account ${holder.accountId}` });
    this.connections.set(connection.accountId, connection);
    return okAsync(undefined);
  }

  replaceTokens(accountId: AccountId, previousRefreshToken: string, tokens: TokenSet): ResultAsync<void, StoreError> {
    const current = this.connections.get(accountId);
    if (current === undefined) return errAsync({ kind: 'store.unavailable', detail: `no connection for account ${accountId}` });
    if (current.tokens.refreshToken !== previousRefreshToken) {
      return errAsync({ kind: 'store.conflict', detail: `the refresh token of account ${accountId} was rotated by someone else` });
    }
    this.connections.set(accountId, { ...current, tokens, status: 'connected' });
    return okAsync(undefined);
  }

  listExpiringBefore(before: Instant): ResultAsync<readonly Connection[], StoreError> {
    return okAsync(
      [...this.connections.values()]
        .filter((c) => c.status === 'connected' && c.tokens.refreshTokenExpiresAt < before)
        .sort((a, b) => a.tokens.refreshTokenExpiresAt - b.tokens.refreshTokenExpiresAt),
    );
  }

  markReconnectRequired(accountId: AccountId): ResultAsync<void, StoreError> {
    const current = this.connections.get(accountId);
    if (current !== undefined) this.connections.set(accountId, { ...current, status: 'reconnect-required' });
    return okAsync(undefined);
  }

  remove(accountId: AccountId): ResultAsync<void, StoreError> {
    this.connections.delete(accountId);
    return okAsync(undefined);
  }
}
