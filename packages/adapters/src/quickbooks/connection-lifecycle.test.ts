import { CheckPrerequisites, ConnectQuickBooks } from '@ogustine-qbo/domain';
import {
  InMemoryAuthorizationStates,
  InMemoryCompanyProfileCache,
  InMemoryConnectionStore,
  InMemoryDocumentStore,
  InMemorySettingsStore,
  InMemorySyncQueue,
  InMemoryRunStore,
} from '@ogustine-qbo/domain/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthorizationCallback } from './authorization-callback.js';
import { configureIntuitOAuth, endpointsAt } from './intuit-oauth-setup.js';
import { keepConnectionsAlive } from './keep-alive.js';
import { aProcess, connectedCompany, HOUR, ShiftedClock } from './test-support/adapter-under-test.js';
import { approveAtIntuit, startSandbox, tokenEndpointCalls, type Harness } from './test-support/sandbox-harness.js';

const clock = new ShiftedClock();
let harness: Harness;

beforeAll(async () => {
  harness = await startSandbox({ clock: () => new Date(clock.now()) });
});
afterAll(() => harness.close());

/** The connect journey of the module (the domain's use case) on the adapter, with in-memory stores. */
const aModule = () => {
  const connections = new InMemoryConnectionStore();
  const { authorization, gateway } = aProcess(harness, connections, clock);
  const settings = new InMemorySettingsStore();
  const ids = { next: () => randomUUID() };
  const documents = new InMemoryDocumentStore();
  const checkPrerequisites = new CheckPrerequisites({
    gateway,
    documents,
    runs: new InMemoryRunStore(),
    settings,
    queue: new InMemorySyncQueue(),
    profiles: new InMemoryCompanyProfileCache(),
    clock,
    ids,
  });
  const states = new InMemoryAuthorizationStates();
  const connect = new ConnectQuickBooks({
    authorization,
    gateway,
    states,
    connections,
    settings,
    documents,
    checkPrerequisites,
    clock,
    ids,
  });
  return { connections, connect, authorization };
};

/** The browser's round trip: the module's consent URL, Intuit's page, the redirect's query. */
const consent = async (url: string, decision: 'approve' | 'deny' = 'approve'): Promise<URLSearchParams> => {
  if (decision === 'approve') {
    const callback = await approveAtIntuit(url);
    return new URLSearchParams({ ...callback });
  }
  const form = new URLSearchParams({ ...Object.fromEntries(new URL(url).searchParams), realmId: 'new', country: 'GB', decision });
  const answer = await fetch(new URL('/connect/oauth2', url), { method: 'POST', body: form, redirect: 'manual' });
  return new URL(answer.headers.get('location') ?? '').searchParams;
};

describe('connecting through Intuit (ConnectQuickBooks on the adapter)', () => {
  it('connects: the state is checked, the code exchanged, the realm and its tokens stored', async () => {
    const { connect, connections } = aModule();
    const query = await consent((await connect.start('A1'))._unsafeUnwrap());
    const connected = (await connect.run(readAuthorizationCallback(query)._unsafeUnwrap()))._unsafeUnwrap();
    expect(connected.realmId).toBe(query.get('realmId'));
    const stored = (await connections.get('A1'))._unsafeUnwrap();
    expect([stored?.realmId, stored?.status]).toEqual([connected.realmId, 'connected']);
  });

  it('a denial (error=access_denied) is a clear error before any call to Intuit, and nothing is stored', async () => {
    const { connect, connections } = aModule();
    const calls = tokenEndpointCalls(harness.sandbox);
    const query = await consent((await connect.start('A1'))._unsafeUnwrap(), 'deny');
    expect(readAuthorizationCallback(query)._unsafeUnwrapErr()).toEqual({ kind: 'auth.access-denied' });
    expect(tokenEndpointCalls(harness.sandbox)).toBe(calls);
    expect((await connections.get('A1'))._unsafeUnwrap()).toBeNull();
  });

  it('a replayed state, or one never issued, is refused and nothing is stored', async () => {
    const { connect, connections } = aModule();
    const query = await consent((await connect.start('A1'))._unsafeUnwrap());
    const callback = readAuthorizationCallback(query)._unsafeUnwrap();
    (await connect.run(callback))._unsafeUnwrap();
    (await connections.remove('A1'))._unsafeUnwrap();
    expect((await connect.run(callback))._unsafeUnwrapErr()).toEqual({ kind: 'connect.invalid-state' });
    expect((await connect.run({ ...callback, state: 'forged' }))._unsafeUnwrapErr()).toEqual({ kind: 'connect.invalid-state' });
    expect((await connections.get('A1'))._unsafeUnwrap()).toBeNull();
  });

  it('a code used twice (with a fresh state) is an invalid grant, and nothing is stored for the second account', async () => {
    const { connect, connections } = aModule();
    const first = readAuthorizationCallback(await consent((await connect.start('A1'))._unsafeUnwrap()))._unsafeUnwrap();
    (await connect.run(first))._unsafeUnwrap();
    const secondState = new URL((await connect.start('A2'))._unsafeUnwrap()).searchParams.get('state') ?? '';
    expect((await connect.run({ ...first, state: secondState }))._unsafeUnwrapErr().kind).toBe('auth.invalid-grant');
    expect((await connections.get('A2'))._unsafeUnwrap()).toBeNull();
  });

  it.each([
    ['another error', 'error=invalid_scope&state=s', 'Intuit answered invalid_scope'],
    ['a missing realm', 'code=c&state=s', 'realmId'],
  ])('a callback with %s is a bad callback naming it', (_what, query, mention) => {
    const error = readAuthorizationCallback(new URLSearchParams(query))._unsafeUnwrapErr();
    expect(error.kind).toBe('auth.bad-callback');
    expect(error.kind === 'auth.bad-callback' && error.detail).toContain(mention);
  });
});

describe('intuit-oauth configuration (process-global statics)', () => {
  it('is set once per process: the same again is harmless, another one is refused', () => {
    expect(() => configureIntuitOAuth(endpointsAt(harness.url), { maxRetries: 0, retryDelayMs: 5 })).not.toThrow();
    expect(() => configureIntuitOAuth(endpointsAt('http://127.0.0.1:1'), { maxRetries: 0, retryDelayMs: 5 })).toThrow(/already configured/);
  });
});

describe('keep-alive', () => {
  it('refreshes the connections whose refresh token would lapse within the horizon, even when nothing syncs', async () => {
    const connections = new InMemoryConnectionStore();
    const { authorization } = aProcess(harness, connections, clock);
    await connectedCompany(harness, connections, clock, 'soon');
    await connectedCompany(harness, connections, clock, 'later');
    await connectedCompany(harness, connections, clock, 'revoked');
    const soon = (await connections.get('soon'))._unsafeUnwrap();
    const revoked = (await connections.get('revoked'))._unsafeUnwrap();
    if (soon === null || revoked === null) throw new Error('not stored');
    // Two connections last used long ago: their refresh tokens lapse within ten days (as the store says).
    for (const c of [soon, revoked]) {
      (await connections.save({ ...c, tokens: { ...c.tokens, refreshTokenExpiresAt: clock.now() + 240 * HOUR } }))._unsafeUnwrap();
    }
    harness.sandbox.admin.expireTokens(revoked.realmId, 'refresh');
    const later = (await connections.get('later'))._unsafeUnwrap();
    const report = (await keepConnectionsAlive(connections, authorization, clock, 30 * 24 * HOUR))._unsafeUnwrap();
    expect(report).toEqual({ renewed: ['soon'], reconnectRequired: ['revoked'], failed: [] });
    const renewed = (await connections.get('soon'))._unsafeUnwrap();
    expect(renewed?.tokens.refreshToken).not.toBe(soon.tokens.refreshToken);
    expect(renewed?.tokens.refreshTokenExpiresAt).toBeGreaterThan(clock.now() + 90 * 24 * HOUR);
    expect((await connections.get('later'))._unsafeUnwrap()).toEqual(later);
    expect((await connections.get('revoked'))._unsafeUnwrap()?.status).toBe('reconnect-required');
  });
});
