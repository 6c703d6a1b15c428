import {
  configureIntuitOAuth,
  endpointsAt,
  INTUIT_ENDPOINTS,
  INTUIT_POLICY,
  IntuitAuthorization,
  QuickBooksGateway,
  RealmLimiters,
  realTime,
  scaledPolicy,
  WORKER_SHARE,
} from '@ogustine-qbo/adapters/quickbooks';
import type { Clock, ConnectionStore } from '@ogustine-qbo/domain';
import type { WorkerConfig } from '../config.js';

/**
 * The worker's QuickBooks: intuit-oauth pointed at Intuit (or at `oauthUrl`, a local sandbox), the
 * worker's share of each realm's rate limits, Intuit's request policy; the limiter's windows and the
 * policy's durations shortened by the module's time scale (1 in production: unchanged).
 */
export const quickBooksGateway = (
  qbo: WorkerConfig['qbo'],
  connections: ConnectionStore,
  clock: Clock,
  timeScale = 1,
): QuickBooksGateway => {
  configureIntuitOAuth(qbo.oauthUrl === undefined ? INTUIT_ENDPOINTS : endpointsAt(qbo.oauthUrl), {
    maxRetries: 1,
    retryDelayMs: 500 * timeScale,
  });
  const { clientId, clientSecret, apiUrl, minorVersion } = qbo;
  return new QuickBooksGateway({
    connections,
    authorization: intuitAuthorization(qbo, connections, clock),
    api: { clientId, clientSecret, apiBaseUrl: apiUrl, minorVersion },
    limiters: new RealmLimiters(WORKER_SHARE, realTime(timeScale)),
    policy: scaledPolicy(INTUIT_POLICY, timeScale),
  });
};

/** The module's Intuit app as an `AccountingAuthorization` (refresh, revoke), for the gateway and the operator's erasure. */
export const intuitAuthorization = (qbo: WorkerConfig['qbo'], connections: ConnectionStore, clock: Clock): IntuitAuthorization => {
  const { clientId, clientSecret, redirectUri, environment } = qbo;
  return new IntuitAuthorization({ clientId, clientSecret, redirectUri, environment }, connections, clock);
};
