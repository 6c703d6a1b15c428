import {
  configureIntuitOAuth,
  endpointsAt,
  INTUIT_ENDPOINTS,
  INTUIT_POLICY,
  IntuitAuthorization,
  keepConnectionsAlive,
  QuickBooksGateway,
  RealmLimiters,
  realTime,
  scaledPolicy,
  WorkerBudget,
  type LimiterTime,
  type RealmBudget,
} from '@ogustine-qbo/adapters/quickbooks';
import type { Clock, ConnectionStore, QboShareClaims } from '@ogustine-qbo/domain';
import type { WorkerConfig } from '../config.js';

export interface WorkerQuickBooks {
  readonly gateway: QuickBooksGateway;
  readonly keepConnectionsAlive: () => ReturnType<typeof keepConnectionsAlive>;
}

/**
 * The worker's QuickBooks: intuit-oauth pointed at Intuit (or at `oauthUrl`, a local sandbox), the
 * worker's share of each realm's rate limits (`budget`: the worker's, `workerBudget`, borrows the HTTP
 * app's share while the HTTP app claims none), Intuit's request policy (the limiter's windows and the
 * policy's durations shortened by the module's time scale, 1 in production: unchanged); and the
 * keep-alive pass on the same authorization (one refresh per realm at a time in this process).
 */
export const quickBooks = (
  qbo: WorkerConfig['qbo'],
  connections: ConnectionStore,
  budget: (time: LimiterTime) => RealmBudget,
  clock: Clock,
  timeScale = 1,
): WorkerQuickBooks => {
  configureIntuitOAuth(qbo.oauthUrl === undefined ? INTUIT_ENDPOINTS : endpointsAt(qbo.oauthUrl), {
    maxRetries: 1,
    retryDelayMs: 500 * timeScale,
  });
  const { clientId, clientSecret, apiUrl, minorVersion } = qbo;
  const authorization = intuitAuthorization(qbo, connections, clock);
  const time = realTime(timeScale);
  const gateway = new QuickBooksGateway({
    connections,
    authorization,
    api: { clientId, clientSecret, apiBaseUrl: apiUrl, minorVersion },
    limiters: new RealmLimiters(budget(time), time),
    policy: scaledPolicy(INTUIT_POLICY, timeScale),
  });
  return { gateway, keepConnectionsAlive: () => keepConnectionsAlive(connections, authorization, clock) };
};

/** The worker's budget: its share of each realm, the HTTP app's too while `claims` hold none of that realm. */
export const workerBudget =
  (claims: QboShareClaims) =>
  (time: LimiterTime): RealmBudget =>
    new WorkerBudget(claims, time);

/** The module's Intuit app as an `AccountingAuthorization` (refresh, revoke), for the gateway and the operator's erasure. */
export const intuitAuthorization = (qbo: WorkerConfig['qbo'], connections: ConnectionStore, clock: Clock): IntuitAuthorization => {
  const { clientId, clientSecret, redirectUri, environment } = qbo;
  return new IntuitAuthorization({ clientId, clientSecret, redirectUri, environment }, connections, clock);
};
