import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { AuthorizationError } from './accounting-authorization.js';
import type { Accounting } from './accounting.js';
import type { StoreError } from './store-error.js';

export type AccountingGatewayError =
  /** The account has no connection, or it needs to be made again (`reconnect-required`). */
  { readonly kind: 'connection.missing' } | AuthorizationError | StoreError;

/** Opens the connected QBO company of an account, from its stored (and refreshed) tokens. */
export interface AccountingGateway {
  /**
   * @returns ok(accounting) for the account's realm, with a valid access token
   * @returns err(connection.missing) if the account is not connected or must reconnect
   * @returns err(auth.invalid-grant) if Intuit refused the refresh token (the user must reconnect)
   * @returns err(auth.unavailable | store.*) if Intuit or the store could not be reached
   */
  open(accountId: AccountId): ResultAsync<Accounting, AccountingGatewayError>;
}
