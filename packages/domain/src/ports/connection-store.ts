import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** OAuth 2.0 tokens of one QBO connection, as plain values (encryption at rest is the adapter's business). */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Access tokens live about an hour. */
  readonly accessTokenExpiresAt: Instant;
  /** Refresh tokens rotate about daily and live up to 100 days. */
  readonly refreshTokenExpiresAt: Instant;
}

/** An Ogustine account's link to its QBO company: one realm per account. */
export interface Connection {
  readonly accountId: AccountId;
  readonly realmId: RealmId;
  readonly tokens: TokenSet;
  readonly connectedAt: Instant;
  /** `reconnect-required` once Intuit refused the refresh token (`invalid_grant`): settings are kept. */
  readonly status: 'connected' | 'reconnect-required';
}

/** The connections of every account. */
export interface ConnectionStore {
  /**
   * @returns ok(connection) of the account, ok(null) if it never connected or disconnected
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId): ResultAsync<Connection | null, StoreError>;
  /**
   * @returns ok(connection) holding this realm, ok(null) if no account holds it
   * @returns err(store.*) if the store fails
   */
  findByRealm(realmId: RealmId): ResultAsync<Connection | null, StoreError>;
  /**
   * Stores the account's connection, replacing a previous one. One realm, one account: atomically
   * refused when another account's connection holds the realm (a unique key on the realm), so two
   * accounts connecting the same company at once cannot both succeed.
   * @returns ok() once stored
   * @returns err(store.conflict) if another account holds this realm
   * @returns err(store.*) if the store fails
   */
  save(connection: Connection): ResultAsync<void, StoreError>;
  /**
   * Replaces the tokens only if the stored refresh token is still `previousRefreshToken`, in one atomic
   * step, so a rotated refresh token is never overwritten by a process holding a stale copy.
   * @returns ok() once replaced
   * @returns err(store.conflict) if the stored refresh token is another one (someone refreshed first)
   * @returns err(store.*) if the store fails or the account has no connection
   */
  replaceTokens(accountId: AccountId, previousRefreshToken: string, tokens: TokenSet): ResultAsync<void, StoreError>;
  /**
   * The connections to keep alive: `connected` ones whose refresh token expires before `before`, so a
   * connection nobody syncs is refreshed before Intuit forgets it (100 days).
   * @returns ok(connections), soonest expiry first
   * @returns err(store.*) if the store fails
   */
  listExpiringBefore(before: Instant): ResultAsync<readonly Connection[], StoreError>;
  /**
   * Marks the connection `reconnect-required`, keeping it otherwise.
   * @returns ok() once stored, also when there is no connection
   * @returns err(store.*) if the store fails
   */
  markReconnectRequired(accountId: AccountId): ResultAsync<void, StoreError>;
  /**
   * Forgets the account's connection (disconnect).
   * @returns ok() once removed, also when there was none
   * @returns err(store.*) if the store fails
   */
  remove(accountId: AccountId): ResultAsync<void, StoreError>;
}
