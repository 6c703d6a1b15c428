import type { AccountingGateway } from '../../ports/accounting-gateway.js';
import type { ConnectionStore } from '../../ports/connection-store.js';
import type { AccountId } from '../../documents/document.js';
import type { RealmId } from '../../qbo/company-profile.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

/** The subject of the AccountingGateway contract: the gateway, its connection store, and Intuit's side. */
export interface GatewaySubject {
  readonly gateway: AccountingGateway;
  readonly connections: ConnectionStore;
  /** Connects the account to a new company (the connection is stored, as after the consent). @returns its realm */
  connect(accountId: AccountId): Promise<RealmId>;
  /** Time passes until the realm's access tokens have expired, for Intuit and for the gateway alike. */
  expireAccessTokens(realmId: RealmId): Promise<void>;
  /** Intuit forgets the realm's refresh tokens (revoked in QBO, or unused for 100 days). */
  forgetRefreshTokens(realmId: RealmId): Promise<void>;
  /** How many refresh requests have reached Intuit's token endpoint so far. */
  intuitRefreshCalls(): Promise<number>;
}

/** What every `AccountingGateway` must do. Each case gets a fresh subject. */
export const accountingGatewayContract: readonly ContractCase<GatewaySubject>[] = [
  {
    name: "opens the company of the account's realm, ready to use",
    run: async (subject) => {
      const realmId = await subject.connect('A1');
      const accounting = await mustSucceed(subject.gateway.open('A1'), 'open');
      expectEqual(accounting.realmId, realmId, 'realm');
      expectEqual((await mustSucceed(accounting.readProfile(), 'readProfile')).realmId, realmId, 'realm of the profile');
    },
  },
  {
    name: 'answers connection.missing for an account never connected, or one that must reconnect',
    run: async (subject) => {
      expectEqual((await mustFail(subject.gateway.open('nobody'), 'open')).kind, 'connection.missing', 'never connected');
      await subject.connect('A1');
      await mustSucceed(subject.connections.markReconnectRequired('A1'), 'mark');
      expectEqual((await mustFail(subject.gateway.open('A1'), 'open')).kind, 'connection.missing', 'must reconnect');
    },
  },
  {
    name: 'refreshes an expired token before opening, once for concurrent opens, and stores the rotated tokens',
    run: async (subject) => {
      const realmId = await subject.connect('A1');
      const previous = (await mustSucceed(subject.connections.get('A1'), 'get'))?.tokens;
      await subject.expireAccessTokens(realmId);
      const before = await subject.intuitRefreshCalls();
      const opened = await Promise.all([1, 2, 3].map(() => mustSucceed(subject.gateway.open('A1'), 'open')));
      expectEqual(await subject.intuitRefreshCalls(), before + 1, 'refreshes at Intuit');
      const stored = (await mustSucceed(subject.connections.get('A1'), 'get'))?.tokens;
      expectTrue(stored !== undefined && stored.refreshToken !== previous?.refreshToken, 'the rotated refresh token is stored');
      for (const accounting of opened) await mustSucceed(accounting.readProfile(), 'readProfile with the new token');
    },
  },
  {
    name: 'answers auth.invalid-grant when Intuit refuses the refresh token, then connection.missing until reconnected',
    run: async (subject) => {
      const realmId = await subject.connect('A1');
      await subject.forgetRefreshTokens(realmId);
      await subject.expireAccessTokens(realmId);
      expectEqual((await mustFail(subject.gateway.open('A1'), 'open')).kind, 'auth.invalid-grant', 'first open');
      expectEqual((await mustSucceed(subject.connections.get('A1'), 'get'))?.status, 'reconnect-required', 'status');
      expectEqual((await mustFail(subject.gateway.open('A1'), 'open again')).kind, 'connection.missing', 'second open');
    },
  },
];
