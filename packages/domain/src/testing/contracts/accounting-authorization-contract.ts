import type { AccountingAuthorization, AuthorizationCallback } from '../../ports/accounting-authorization.js';
import type { ConnectionStore } from '../../ports/connection-store.js';
import type { RealmId } from '../../qbo/company-profile.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

/**
 * The subject of the AccountingAuthorization contract: the authorization, the connection store it
 * refreshes into (empty), and Intuit's side as a test drives it.
 */
export interface AuthorizationSubject {
  readonly authorization: AccountingAuthorization;
  readonly connections: ConnectionStore;
  /** Plays the user on Intuit's consent page: approves a new company. @returns the callback Intuit sends back */
  approve(state: string): Promise<AuthorizationCallback>;
  /** Time passes until the realm's access tokens have expired, for Intuit and for the authorization alike. */
  expireAccessTokens(realmId: RealmId): Promise<void>;
  /** Intuit forgets the realm's refresh tokens (revoked in QBO, or unused for 100 days). */
  forgetRefreshTokens(realmId: RealmId): Promise<void>;
  /** How many refresh requests have reached Intuit's token endpoint so far. */
  intuitRefreshCalls(): Promise<number>;
}

/** The query parameters of a URL (the domain has no `URL`): `+` and `%20` are spaces. */
const queryOf = (url: string): Map<string, string> =>
  new Map(
    (url.split('?')[1] ?? '')
      .split('&')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const [key = '', value = ''] = pair.split('=').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
        return [key, value] as const;
      }),
  );

/** Approves a company, exchanges the code and stores the connection of account A1. */
const connected = async (subject: AuthorizationSubject, state = 'st-1') => {
  const callback = await subject.approve(state);
  const company = await mustSucceed(subject.authorization.exchange(callback), 'exchange');
  await mustSucceed(
    subject.connections.save({ accountId: 'A1', realmId: company.realmId, tokens: company.tokens, connectedAt: 0, status: 'connected' }),
    'save the connection',
  );
  return { callback, company };
};

/** What every `AccountingAuthorization` must do. Each case gets a fresh subject. */
export const accountingAuthorizationContract: readonly ContractCase<AuthorizationSubject>[] = [
  {
    name: "gives Intuit's consent URL carrying the state, for the accounting scope",
    run: async ({ authorization }) => {
      const url = authorization.authorizationUrl('state with spaces & co');
      const query = queryOf(url);
      expectEqual(query.get('state'), 'state with spaces & co', 'state');
      expectEqual(query.get('response_type'), 'code', 'response_type');
      expectTrue((query.get('scope') ?? '').split(' ').includes('com.intuit.quickbooks.accounting'), `scope of ${url}`);
    },
  },
  {
    name: 'exchanges a code once for the approved realm; the same code again is an invalid grant',
    run: async (subject) => {
      const callback = await subject.approve('st-1');
      const company = await mustSucceed(subject.authorization.exchange(callback), 'exchange');
      expectEqual(company.realmId, callback.realmId, 'realm');
      expectTrue(company.tokens.accessToken !== '' && company.tokens.refreshToken !== '', 'tokens given');
      expectTrue(company.tokens.accessTokenExpiresAt < company.tokens.refreshTokenExpiresAt, 'the access token dies first');
      const again = await mustFail(subject.authorization.exchange(callback), 'exchange the same code again');
      expectEqual(again.kind, 'auth.invalid-grant', 'error kind');
    },
  },
  {
    name: 'refuses a code Intuit never issued as an invalid grant',
    run: async (subject) => {
      const callback = await subject.approve('st-1');
      const error = await mustFail(subject.authorization.exchange({ ...callback, code: `${callback.code}-forged` }), 'exchange');
      expectEqual(error.kind, 'auth.invalid-grant', 'error kind');
    },
  },
  {
    name: 'gives the stored tokens while they are valid, without calling Intuit',
    run: async (subject) => {
      const { company } = await connected(subject);
      const before = await subject.intuitRefreshCalls();
      expectEqual(await mustSucceed(subject.authorization.refresh('A1'), 'refresh'), company.tokens, 'tokens');
      expectEqual(await subject.intuitRefreshCalls(), before, 'refreshes at Intuit');
    },
  },
  {
    name: 'refreshes an expired token once for concurrent callers, storing the rotated refresh token before giving it',
    run: async (subject) => {
      const { company } = await connected(subject);
      await subject.expireAccessTokens(company.realmId);
      const before = await subject.intuitRefreshCalls();
      const results = await Promise.all([1, 2, 3].map(() => mustSucceed(subject.authorization.refresh('A1'), 'refresh')));
      expectEqual(await subject.intuitRefreshCalls(), before + 1, 'refreshes at Intuit');
      const stored = await mustSucceed(subject.connections.get('A1'), 'get');
      for (const tokens of results) expectEqual(tokens, stored?.tokens, 'the stored tokens are the ones given');
      expectTrue(results[0]?.accessToken !== company.tokens.accessToken, 'a new access token');
      expectEqual(stored?.status, 'connected', 'status');
    },
  },
  {
    name: 'marks the connection reconnect-required, realm kept, when Intuit refuses the refresh token',
    run: async (subject) => {
      const { company } = await connected(subject);
      await subject.forgetRefreshTokens(company.realmId);
      await subject.expireAccessTokens(company.realmId);
      const error = await mustFail(subject.authorization.refresh('A1'), 'refresh');
      expectEqual(error.kind, 'auth.invalid-grant', 'error kind');
      const stored = await mustSucceed(subject.connections.get('A1'), 'get');
      expectEqual([stored?.status, stored?.realmId], ['reconnect-required', company.realmId], 'connection');
    },
  },
  {
    name: 'revokes the tokens, after which they cannot be refreshed; revoking them again succeeds',
    run: async (subject) => {
      const { company } = await connected(subject);
      await mustSucceed(subject.authorization.revoke(company.tokens), 'revoke');
      await mustSucceed(subject.authorization.revoke(company.tokens), 'revoke again');
      await subject.expireAccessTokens(company.realmId);
      expectEqual((await mustFail(subject.authorization.refresh('A1'), 'refresh')).kind, 'auth.invalid-grant', 'error kind');
    },
  },
];
