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
  WORKER_SHARE,
} from '@ogustine-qbo/adapters/quickbooks';
import type { Clock, ConnectionStore } from '@ogustine-qbo/domain';
import type { WorkerConfig } from '../config.js';

export interface WorkerQuickBooks {
  readonly gateway: QuickBooksGateway;
  readonly keepConnectionsAlive: () => ReturnType<typeof keepConnectionsAlive>;
}

/**
 * The worker's QuickBooks: intuit-oauth pointed at Intuit (or at `oauthUrl`, a local sandbox), the
 * worker's share of each realm's rate limits, Intuit's request policy; and the keep-alive pass on the
 * same authorization (one refresh per realm at a time in this process).
 */
export const quickBooks = (qbo: WorkerConfig['qbo'], connections: ConnectionStore, clock: Clock): WorkerQuickBooks => {
  configureIntuitOAuth(qbo.oauthUrl === undefined ? INTUIT_ENDPOINTS : endpointsAt(qbo.oauthUrl), { maxRetries: 1, retryDelayMs: 500 });
  const { clientId, clientSecret, redirectUri, environment, apiUrl, minorVersion } = qbo;
  const authorization = new IntuitAuthorization({ clientId, clientSecret, redirectUri, environment }, connections, clock);
  const gateway = new QuickBooksGateway({
    connections,
    authorization,
    api: { clientId, clientSecret, apiBaseUrl: apiUrl, minorVersion },
    limiters: new RealmLimiters(WORKER_SHARE, realTime()),
    policy: INTUIT_POLICY,
  });
  return { gateway, keepConnectionsAlive: () => keepConnectionsAlive(connections, authorization, clock) };
};
