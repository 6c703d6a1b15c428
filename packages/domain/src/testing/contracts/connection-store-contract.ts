import type { Connection, ConnectionStore, TokenSet } from '../../ports/connection-store.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

const tokens = (n: number): TokenSet => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresAt: 3_600_000 * n,
  refreshTokenExpiresAt: 86_400_000 * n,
});

const aConnection = (accountId = 'A1', realmId = 'R1'): Connection => ({
  accountId,
  realmId,
  tokens: tokens(1),
  connectedAt: 5,
  status: 'connected',
});

/** What every `ConnectionStore` must do. Each case gets an empty store. */
export const connectionStoreContract: readonly ContractCase<ConnectionStore>[] = [
  {
    name: 'returns a saved connection by account and by realm, tokens in plain values',
    run: async (store) => {
      expectEqual(await mustSucceed(store.get('A1'), 'get'), null, 'before');
      await mustSucceed(store.save(aConnection()), 'save');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), aConnection(), 'by account');
      expectEqual(await mustSucceed(store.findByRealm('R1'), 'find'), aConnection(), 'by realm');
      expectEqual(await mustSucceed(store.findByRealm('R9'), 'find'), null, 'unknown realm');
    },
  },
  {
    name: 'replaces the tokens only when the stored refresh token is the expected one',
    run: async (store) => {
      await mustSucceed(store.save(aConnection()), 'save');
      await mustSucceed(store.replaceTokens('A1', 'refresh-1', tokens(2)), 'first rotation');
      const error = await mustFail(store.replaceTokens('A1', 'refresh-1', tokens(3)), 'rotation from a stale copy');
      expectEqual(error.kind, 'store.conflict', 'error kind');
      expectEqual((await mustSucceed(store.get('A1'), 'get'))?.tokens, tokens(2), 'tokens kept');
    },
  },
  {
    name: 'lists the connected accounts whose refresh token expires before an instant, soonest first',
    run: async (store) => {
      const expiring = (accountId: string, realmId: string, refreshTokenExpiresAt: number): Connection => ({
        ...aConnection(accountId, realmId),
        tokens: { ...tokens(1), refreshToken: `refresh-${accountId}`, refreshTokenExpiresAt },
      });
      await mustSucceed(store.save(expiring('A1', 'R1', 500)), 'save A1');
      await mustSucceed(store.save(expiring('A2', 'R2', 200)), 'save A2');
      await mustSucceed(store.save(expiring('A3', 'R3', 900)), 'save A3');
      await mustSucceed(store.save(expiring('A4', 'R4', 100)), 'save A4');
      await mustSucceed(store.markReconnectRequired('A4'), 'mark A4');
      const due = await mustSucceed(store.listExpiringBefore(600), 'list');
      expectEqual(
        due.map((c) => c.accountId),
        ['A2', 'A1'],
        'accounts due (A3 later, A4 must reconnect)',
      );
      expectEqual(due[0], expiring('A2', 'R2', 200), 'a listed connection, tokens in plain values');
    },
  },
  {
    name: 'marks a connection reconnect-required and keeps its realm',
    run: async (store) => {
      await mustSucceed(store.save(aConnection()), 'save');
      await mustSucceed(store.markReconnectRequired('A1'), 'mark');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), { ...aConnection(), status: 'reconnect-required' }, 'connection');
    },
  },
  {
    name: "removes one account's connection and keeps the others",
    run: async (store) => {
      await mustSucceed(store.save(aConnection('A1', 'R1')), 'save A1');
      await mustSucceed(store.save(aConnection('A2', 'R2')), 'save A2');
      await mustSucceed(store.remove('A1'), 'remove A1');
      await mustSucceed(store.remove('A1'), 'remove A1 again');
      expectEqual(await mustSucceed(store.get('A1'), 'get A1'), null, 'A1');
      expectEqual((await mustSucceed(store.get('A2'), 'get A2'))?.realmId, 'R2', 'A2');
    },
  },
  {
    name: 'refuses to give a realm held by one account to another (store.conflict), and frees it once removed',
    run: async (store) => {
      await mustSucceed(store.save(aConnection('A1', 'R1')), 'save A1');
      const refused = await mustFail(store.save(aConnection('A2', 'R1')), 'save A2 on the same realm');
      expectEqual(refused.kind, 'store.conflict', 'kind');
      expectEqual(await mustSucceed(store.get('A2'), 'get A2'), null, 'A2 not stored');
      expectEqual(await mustSucceed(store.findByRealm('R1'), 'find'), aConnection('A1', 'R1'), 'still A1');
      await mustSucceed(store.save({ ...aConnection('A1', 'R1'), tokens: tokens(2) }), 'A1 saves again');
      await mustSucceed(store.remove('A1'), 'remove A1');
      await mustSucceed(store.save(aConnection('A2', 'R1')), 'save A2 once A1 is gone');
      expectEqual(await mustSucceed(store.findByRealm('R1'), 'find'), aConnection('A2', 'R1'), 'now A2');
    },
  },
];
