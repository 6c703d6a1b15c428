// The chain on its own, in front of a counting route instead of the accounting API, so requestid replay,
// concurrency and dropped responses are checked without any entity rules.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { authenticate, dropResponses, enforceLimits, injectFaults, logRequests, replayRequestIds } from './qbo-chain.js';
import type { SandboxEnv } from './sandbox-env.js';
import { resolveOptions } from './sandbox-options.js';
import { createState } from './sandbox-state.js';

function chainApp(delayMs = 0) {
  const state = createState(resolveOptions());
  const company = state.companies.create('FR', {});
  const tokens = state.tokens.connect(state.options.clientId, company.realmId, 'com.intuit.quickbooks.accounting', state.nowMs());
  let writes = 0;
  const app = new Hono<SandboxEnv>();
  app.use(
    '/v3/company/:realmId/*',
    logRequests(state),
    injectFaults(state),
    authenticate(state),
    enforceLimits(state),
    replayRequestIds(state),
    dropResponses(state),
  );
  app.post('/v3/company/:realmId/thing', async (c) => {
    writes += 1;
    const id = writes;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return c.json({ Thing: { Id: String(id) } }, 200, { 'X-Write': String(id) });
  });
  const post = (requestId?: string, token = tokens.access_token) =>
    app.request(`/v3/company/${company.realmId}/thing${requestId === undefined ? '' : `?requestid=${requestId}`}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
  return { app, state, realmId: company.realmId, token: tokens.access_token, post, writes: () => writes };
}

describe('requestid replay', () => {
  test('a replay returns the original status, headers and body without running the route again', async () => {
    const t = chainApp();
    const first = await t.post('rid-1');
    const second = await t.post('rid-1');
    expect(second.status).toBe(first.status);
    expect(second.headers.get('X-Write')).toBe('1');
    expect(await second.json()).toEqual(await first.json());
    expect(t.writes()).toBe(1);
    expect(t.state.log.list(t.realmId).map((e) => e.note)).toEqual([undefined, 'replayed']);
  });

  test('twins sent at the same time run the route once', async () => {
    const t = chainApp(30);
    const answers = await Promise.all([t.post('rid-twin'), t.post('rid-twin'), t.post('rid-twin')]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(t.writes()).toBe(1);
  });

  test('without a requestid every request writes; batch ids are limited to 36 characters', async () => {
    const t = chainApp();
    await t.post();
    await t.post();
    expect(t.writes()).toBe(2);
    const batch = (id: string) =>
      t.app.request(`/v3/company/${t.realmId}/batch?requestid=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });
    const tooLong = await batch('b'.repeat(37));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ Fault: { type: 'ValidationFault', Error: [{ element: 'requestid' }] } });
    expect((await batch('b'.repeat(36))).status).toBe(404); // accepted by the chain; this test app has no batch route
  });

  test('an injected failure happens before the route: nothing is written and the id stays free', async () => {
    const t = chainApp();
    t.state.faults.inject({ failNext: { count: 1, status: 500 } }, t.state.nowMs());
    expect((await t.post('rid-f')).status).toBe(500);
    expect(t.writes()).toBe(0);
    expect((await t.post('rid-f')).status).toBe(200);
    expect(t.writes()).toBe(1);
  });
});

describe('dropped responses', () => {
  test('over HTTP the socket closes without an answer, after the route has written', async () => {
    const t = chainApp();
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      t.state.faults.inject({ realmId: t.realmId, dropResponseNext: 1 }, t.state.nowMs());
      const token = t.state.tokens.connect(t.state.options.clientId, t.realmId, 'x', t.state.nowMs()).access_token;
      const url = `http://127.0.0.1:${port}/v3/company/${t.realmId}/thing`;
      await expect(fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).rejects.toThrow();
      expect(t.writes()).toBe(1);
      const next = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(next.status).toBe(200);
      expect(t.writes()).toBe(2);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('in-process the body stream fails, after the route has written', async () => {
    const t = chainApp();
    t.state.faults.inject({ dropResponseNext: 1 }, t.state.nowMs());
    const res = await t.post();
    await expect(res.text()).rejects.toThrow(/dropped/);
    expect(t.writes()).toBe(1);
  });

  test('in-process, a dropped write with a requestid is replayed on retry, not written again', async () => {
    const t = chainApp();
    t.state.faults.inject({ dropResponseNext: 1 }, t.state.nowMs());
    await expect((await t.post('rid-drop')).text()).rejects.toThrow(/dropped/);
    const retry = await t.post('rid-drop');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ Thing: { Id: '1' } });
    expect(t.writes()).toBe(1);
  });
});
