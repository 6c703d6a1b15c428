import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** An OAuth `state` handed to Intuit, waiting for its callback. */
export interface PendingAuthorization {
  readonly state: string;
  readonly accountId: AccountId;
  readonly expiresAt: Instant;
}

/**
 * OAuth `state`s issued and not yet used: the callback is accepted only for a state this module issued,
 * once, for the account that asked (CSRF protection, and no account can complete another's connection).
 */
export interface AuthorizationStates {
  /**
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  save(pending: PendingAuthorization): ResultAsync<void, StoreError>;
  /**
   * Takes a state out: a second `take` of the same state finds nothing.
   * @returns ok(pending) if this state was issued and not taken yet, ok(null) otherwise
   * @returns err(store.*) if the store fails
   */
  take(state: string): ResultAsync<PendingAuthorization | null, StoreError>;
}
