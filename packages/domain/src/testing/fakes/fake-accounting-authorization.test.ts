import { describe, expect, it } from 'vitest';
import { ManualClock } from './clocks.js';
import { FakeAccountingAuthorization } from './fake-accounting-authorization.js';
import { InMemoryConnectionStore } from './in-memory-connection-store.js';
import { SequentialIds } from './sequential-ids.js';

const connected = async () => {
  const clock = new ManualClock();
  const connections = new InMemoryConnectionStore();
  const auth = new FakeAccountingAuthorization(connections, clock, new SequentialIds('t'));
  auth.grantCode('code-1', 'R1');
  const { tokens } = (await auth.exchange({ code: 'code-1', state: 's', realmId: 'R1' }))._unsafeUnwrap();
  await connections.save({ accountId: 'A1', realmId: 'R1', tokens, connectedAt: clock.now(), status: 'connected' });
  return { clock, connections, auth, tokens };
};

describe('FakeAccountingAuthorization', () => {
  it('accepts a code once', async () => {
    const { auth } = await connected();
    expect((await auth.exchange({ code: 'code-1', state: 's', realmId: 'R1' }))._unsafeUnwrapErr().kind).toBe('auth.invalid-grant');
  });

  it('refreshes an expired token once for concurrent callers and persists the rotated refresh token', async () => {
    const { clock, connections, auth, tokens } = await connected();
    clock.advance(2 * 3_600_000);
    const [a, b] = await Promise.all([auth.refresh('A1'), auth.refresh('A1')]);
    expect(auth.intuitRefreshCalls).toBe(1);
    expect(a._unsafeUnwrap()).toEqual(b._unsafeUnwrap());
    const stored = (await connections.get('A1'))._unsafeUnwrap();
    expect(stored?.tokens.refreshToken).toBe(a._unsafeUnwrap().refreshToken);
    expect(stored?.tokens.refreshToken).not.toBe(tokens.refreshToken);
  });

  it('marks the connection reconnect-required when Intuit refuses the refresh token', async () => {
    const { clock, connections, auth } = await connected();
    auth.forgetRefreshTokens();
    clock.advance(2 * 3_600_000);
    expect((await auth.refresh('A1'))._unsafeUnwrapErr().kind).toBe('auth.invalid-grant');
    expect((await connections.get('A1'))._unsafeUnwrap()?.status).toBe('reconnect-required');
  });
});
