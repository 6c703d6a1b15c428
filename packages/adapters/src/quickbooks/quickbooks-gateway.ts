import type {
  AccountId,
  Accounting,
  AccountingGateway,
  AccountingGatewayError,
  AuthorizationError,
  ConnectionStore,
  QboFailure,
} from '@ogustine-qbo/domain';
import { errAsync, type ResultAsync } from 'neverthrow';
import type { IntuitAuthorization } from './intuit-authorization.js';
import { nodeQuickbooks, type NodeQuickbooksSettings } from './node-quickbooks-client.js';
import { QboRequests, ThrottleRuns, type AccessTokens } from './qbo-requests.js';
import { QuickBooksAccounting } from './quickbooks-accounting.js';
import type { RealmLimiters } from './realm-limiter.js';
import type { RequestPolicy } from './request-policy.js';

export interface QuickBooksGatewayDeps {
  readonly connections: ConnectionStore;
  readonly authorization: IntuitAuthorization;
  readonly api: NodeQuickbooksSettings;
  /** One set per process: every `Accounting` of a realm shares its limiter. */
  readonly limiters: RealmLimiters;
  readonly policy: RequestPolicy;
}

const asQboFailure = (e: AuthorizationError): QboFailure =>
  e.kind === 'auth.invalid-grant' ? { kind: 'qbo.unauthorized' } : { kind: 'qbo.unavailable' };

/**
 * Opens the QBO company of an account with a valid access token (refreshed first if it is about to
 * expire). The `Accounting` it gives renews its token by itself when QBO refuses it mid-run.
 */
export class QuickBooksGateway implements AccountingGateway {
  private readonly throttleRuns = new ThrottleRuns();

  constructor(private readonly deps: QuickBooksGatewayDeps) {}

  open(accountId: AccountId): ResultAsync<Accounting, AccountingGatewayError> {
    const { connections, authorization, api, limiters, policy } = this.deps;
    return connections
      .get(accountId)
      .mapErr((e): AccountingGatewayError => e)
      .andThen((connection) => {
        if (connection === null || connection.status !== 'connected') {
          return errAsync<Accounting, AccountingGatewayError>({ kind: 'connection.missing' });
        }
        const { realmId } = connection;
        return authorization.refresh(accountId).map((tokens): Accounting => {
          let accessToken = tokens.accessToken;
          const accessTokens: AccessTokens = {
            current: () => accessToken,
            renew: (rejected) =>
              authorization
                .renewRejected(accountId, rejected)
                .map((renewed) => (accessToken = renewed.accessToken))
                .mapErr(asQboFailure),
          };
          const requests = new QboRequests(realmId, limiters.of(realmId), this.throttleRuns, accessTokens, policy, limiters.time);
          const endpoint = { apiBaseUrl: api.apiBaseUrl, realmId, minorVersion: api.minorVersion };
          const qbo = nodeQuickbooks(api, realmId, accessToken);
          return new QuickBooksAccounting(realmId, qbo, requests, endpoint);
        });
      });
  }
}
