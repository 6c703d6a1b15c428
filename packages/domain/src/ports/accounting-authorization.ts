import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { TokenSet } from './connection-store.js';

export type AuthorizationError =
  /** Intuit refused the code or the refresh token (expired, revoked, rotated away): the user must reconnect. */
  | { readonly kind: 'auth.invalid-grant'; readonly detail: string }
  /** Intuit's OAuth server could not be reached or failed; retry later. */
  | { readonly kind: 'auth.unavailable'; readonly detail: string };

/** What Intuit sends back to the redirect URI after the user authorised (or not). */
export interface AuthorizationCallback {
  readonly code: string;
  readonly state: string;
  readonly realmId: RealmId;
}

export interface AuthorizedCompany {
  readonly realmId: RealmId;
  readonly tokens: TokenSet;
}

/** Intuit's OAuth 2.0 for the accounting scope. */
export interface AccountingAuthorization {
  /** @returns the URL of Intuit's consent page that will come back with this `state` */
  authorizationUrl(state: string): string;
  /**
   * Exchanges the callback's authorization code for tokens.
   * @returns ok({ realmId, tokens }) of the company the user authorised
   * @returns err(auth.invalid-grant) if the code is invalid, expired or already used
   * @returns err(auth.unavailable) if Intuit could not be reached
   */
  exchange(callback: AuthorizationCallback): ResultAsync<AuthorizedCompany, AuthorizationError>;
  /**
   * Gives a valid access token for the account's connection, refreshing it when it expires. At most
   * one refresh per realm runs at a time (concurrent callers share it), and the rotated refresh token
   * is persisted atomically (`ConnectionStore.replaceTokens`) before anyone uses the new access token.
   * @returns ok(tokens) valid now
   * @returns err(auth.invalid-grant) if Intuit refused the refresh token: the connection is marked `reconnect-required`
   * @returns err(auth.unavailable) if Intuit or the store could not be reached
   */
  refresh(accountId: AccountId): ResultAsync<TokenSet, AuthorizationError>;
  /**
   * Revokes the tokens at Intuit (disconnect). Revoking tokens Intuit no longer knows is a success.
   * @returns ok() once revoked
   * @returns err(auth.unavailable) if Intuit could not be reached
   */
  revoke(tokens: TokenSet): ResultAsync<void, AuthorizationError>;
}
