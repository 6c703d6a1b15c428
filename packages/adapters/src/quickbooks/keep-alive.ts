import type { AccountId, AuthorizationError, Clock, ConnectionStore, StoreError } from '@ogustine-qbo/domain';
import { ResultAsync } from 'neverthrow';
import type { IntuitAuthorization } from './intuit-authorization.js';

/**
 * Intuit forgets a refresh token 100 days after it was issued unless it is used. A connection whose
 * refresh token has less than this left is refreshed, so one that nothing syncs lives on (the job runs
 * daily: fifty days leave room for weeks of outage).
 */
export const KEEP_ALIVE_HORIZON_MS = 50 * 24 * 3_600_000;

export interface KeepAliveReport {
  readonly renewed: readonly AccountId[];
  /** Intuit refused the refresh token: marked `reconnect-required`, the user must connect again. */
  readonly reconnectRequired: readonly AccountId[];
  /** Intuit or the store failed: tried again at the next run. */
  readonly failed: ReadonlyArray<{ readonly accountId: AccountId; readonly error: AuthorizationError }>;
}

/**
 * Refreshes, one after the other, every connection whose refresh token expires within `horizonMs`.
 * @returns ok(report) of what happened to each
 * @returns err(store.*) if the connections could not be listed
 */
export const keepConnectionsAlive = (
  connections: ConnectionStore,
  authorization: IntuitAuthorization,
  clock: Clock,
  horizonMs = KEEP_ALIVE_HORIZON_MS,
): ResultAsync<KeepAliveReport, StoreError> =>
  connections.listExpiringBefore(clock.now() + horizonMs).andThen((due) =>
    ResultAsync.fromSafePromise(
      (async (): Promise<KeepAliveReport> => {
        const renewed: AccountId[] = [];
        const reconnectRequired: AccountId[] = [];
        const failed: Array<{ accountId: AccountId; error: AuthorizationError }> = [];
        for (const { accountId } of due) {
          const result = await authorization.renewNow(accountId);
          if (result.isOk()) renewed.push(accountId);
          else if (result.error.kind === 'auth.invalid-grant') reconnectRequired.push(accountId);
          else failed.push({ accountId, error: result.error });
        }
        return { renewed, reconnectRequired, failed };
      })(),
    ),
  );
