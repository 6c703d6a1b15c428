import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { testApp, tokenFor } from './support/test-app.js';

describe('health, readiness, metrics, reference page', () => {
  it('answers health, and readiness only while every check passes (503 with Retry-After otherwise)', async () => {
    const t = await testApp();
    expect(await (await t.app.request('/health')).json()).toEqual({ status: 'ok' });
    expect((await t.app.request('/ready')).status).toBe(200);

    const { buildContainer, appOf } = await import('../src/composition/container.js');
    const { testConfig } = await import('./support/test-app.js');
    const { InMemoryModule } = await import('@ogustine-qbo/domain/testing');
    const down = appOf(
      await buildContainer(testConfig(), new InMemoryModule(), {
        processMetrics: false,
        logDestination: { write: () => undefined },
        readiness: [
          { name: 'database', check: async () => true },
          { name: 'broker', check: async () => Promise.reject(new Error('refused')) },
        ],
      }),
    );
    const res = await down.request('/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toEqual({
      status: 'not-ready',
      checks: [
        { name: 'database', ok: true },
        { name: 'broker', ok: false },
      ],
    });
  });

  it('counts requests by route pattern, never by raw path (bounded labels)', async () => {
    const t = await testApp();
    await t.call('A1', 'GET', '/v1/quickbooks/documents/D1/status');
    await t.call('A1', 'GET', '/v1/quickbooks/documents/D2/status');
    await t.app.request('/no/such/path');
    const text = await (await t.app.request('/metrics')).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/quickbooks\/documents\/:documentId\/status",status="404"\} 2/);
    expect(text).toMatch(/route="unmatched",status="404"\} 1/);
    expect(text).not.toContain('/documents/D1');
  });

  it('serves the reference page with its own scripts only: it works offline', async () => {
    const t = await testApp();
    const html = await (await t.app.request('/reference')).text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source.startsWith('/'), source).toBe(true);
      const asset = await t.app.request(source);
      expect(asset.status, source).toBe(200);
    }
    expect(await (await t.app.request('/reference/reference.js')).text()).toContain("fetch('/openapi.json')");
  });
});

describe('request logs', () => {
  it('log one line per request with its id (echoed to the client), path without query, and never a token', async () => {
    const t = await testApp();
    const token = await tokenFor('A1');
    const res = await t.app.request('/v1/quickbooks/runs/initial-sync/events?ticket=SECRET-TICKET', {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-42' },
    });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    const generated = await t.call('A1', 'GET', '/v1/quickbooks/connection');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l['reqId'] === 'req-42' && l['msg'] === 'request');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/v1/quickbooks/runs/initial-sync/events', status: 401 });
    const all = t.logs.join('\n');
    expect(all).not.toContain('SECRET-TICKET');
    expect(all).not.toContain(token);
    // A hostile request id is replaced, not logged.
    const hostile = await t.call('A1', 'GET', '/v1/quickbooks/connection', undefined, { 'x-request-id': 'a\u0007b'.repeat(3) + ' {}' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unexpected error is a 500 problem without its stack, logged with it', async () => {
    const t = await testApp();
    t.module.settings.get = () => {
      throw new Error('boom at store.ts:12');
    };
    const res = await t.call('A1', 'GET', '/v1/quickbooks/connection');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:ogustine-qbo:problem:internal' });
    expect(text).not.toContain('boom');
    expect(t.logs.join('\n')).toContain('boom');
  });
});

describe('body size and content type', () => {
  it('refuses a body over the limit with 413 before reading it, and a non-JSON body with 415 or 400', async () => {
    const t = await testApp({ BODY_LIMIT_BYTES: '2048' });
    const big = await t.call('A1', 'PUT', '/v1/quickbooks/schedule', { syncFrom: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ type: 'urn:ogustine-qbo:problem:payload-too-large', errors: [{ field: 'body' }] });
    const text = await t.call('A1', 'PUT', '/v1/quickbooks/schedule', undefined, { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(text.status);
    const broken = await t.app.request('/v1/quickbooks/schedule', {
      method: 'PUT',
      headers: { authorization: `Bearer ${await tokenFor('A1')}`, 'content-type': 'application/json' },
      body: '{"syncFrom":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: 'urn:ogustine-qbo:problem:malformed-body' });
  });
});

describe('configuration', () => {
  const base = { JWT_HS256_SECRET: 'x'.repeat(32), JWT_ISSUER: 'https://ogustine.test', JWT_AUDIENCE: 'ogustine-qbo' };

  it('accepts a complete environment with defaults', () => {
    const loaded = loadConfig(base);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value).toMatchObject({ port: 8080, host: '127.0.0.1', bodyLimitBytes: 65_536, uiReturnUrl: '/' });
  });

  it.each([
    [{ ...base, JWT_HS256_SECRET: 'short-secret' }, 'Configuration: JWT_HS256_SECRET must be at least 32 bytes'],
    [{ ...base, JWT_ISSUER: undefined }, 'Configuration: JWT_ISSUER is required'],
    [{ ...base, HTTP_PORT: '70000' }, 'Configuration: HTTP_PORT'],
    [{ ...base, JWT_JWKS_URL: 'https://keys.test/jwks.json' }, 'Configuration: JWT_HS256_SECRET set exactly one of'],
    [{ ...base, JWT_HS256_SECRET: undefined, JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx' }, 'Configuration: JWT_ALGORITHM'],
    [{ ...base, UI_RETURN_URL: 'javascript:alert(1)' }, 'Configuration: UI_RETURN_URL'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'Configuration: LOG_LEVEL'],
  ])('stops on a wrong value with one line naming the variable, never its value (%#)', (env, line) => {
    const loaded = loadConfig(env);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.startsWith(line)).toBe(true);
      expect(loaded.error).not.toContain('\n');
      expect(loaded.error).not.toContain('short-secret');
    }
  });
});

describe('a dependency that is down', () => {
  it('the queue refusing a launch is a 503 with Retry-After, never a 500', async () => {
    const { aCompany, connectOverHttp, invoice, receive } = await import('./support/journey-fixtures.js');
    const t = await testApp();
    aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, 'A1');
    t.module.queue.failNext(5);
    const res = await t.call('A1', 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true }, { 'accept-language': 'en' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const problem = (await res.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ type: 'urn:ogustine-qbo:problem:queue-unavailable' });
    expect(problem['detail']).toContain('Nothing was lost');
    expect(JSON.stringify(problem)).not.toContain('did not answer');
  });
});
