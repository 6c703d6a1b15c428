import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appOf, buildContainer } from '../src/composition/container.js';
import { openProductionPorts, type OpenedPorts } from '../src/composition/open-production-ports.js';
import { loadInfrastructureConfig } from '../src/config/infrastructure-config.js';
import { createLogger } from '../src/observability/logger.js';
import { testConfig, tokenFor } from './support/test-app.js';

const folder = mkdtempSync(join(tmpdir(), 'ogustine-http-prod-'));
let opened: OpenedPorts | undefined;

afterAll(async () => {
  await opened?.close();
  rmSync(folder, { recursive: true, force: true });
});

const env = {
  DATABASE_URL: `sqlite:${join(folder, 'not-yet', 'qbo.sqlite')}`,
  INTUIT_CLIENT_ID: 'client-id',
  INTUIT_CLIENT_SECRET: 'client-secret',
  INTUIT_REDIRECT_URI: 'http://127.0.0.1:8080/v1/quickbooks/connection/callback',
  INTUIT_OAUTH_BASE_URL: 'http://127.0.0.1:4010',
  QBO_API_BASE_URL: 'http://127.0.0.1:4010',
  TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  TOKEN_CURRENT_KEY_ID: 'k1',
};

describe('the production composition', () => {
  it('opens the SQL stores (migrated), Intuit’s OAuth and the in-process feed; the app is ready and sends the user to the configured Intuit host', async () => {
    const infrastructure = loadInfrastructureConfig(env);
    if (!infrastructure.ok) throw new Error(infrastructure.error);
    const result = await openProductionPorts(infrastructure.value, createLogger('silent'));
    if (!result.ok) throw new Error(result.error);
    opened = result.value;
    const app = appOf(
      await buildContainer(testConfig(), opened.ports, {
        readiness: opened.readiness,
        processMetrics: false,
        logDestination: { write: () => undefined },
      }),
    );
    expect(await (await app.request('/ready')).json()).toEqual({ status: 'ready', checks: [{ name: 'database', ok: true }] });
    const headers = { authorization: `Bearer ${await tokenFor('A1')}` };
    expect(await (await app.request('/v1/quickbooks/connection', { headers })).json()).toMatchObject({ status: 'not-connected' });
    const start = (await (await app.request('/v1/quickbooks/connection/start', { method: 'POST', headers })).json()) as {
      authorizationUrl: string;
    };
    const url = new URL(start.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4010/connect/oauth2');
    expect(url.searchParams.get('client_id')).toBe('client-id');
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f-]{36}$/);

    // The database goes away: answers are 503 with Retry-After, readiness says so.
    await opened.close();
    opened = undefined;
    const down = await app.request('/v1/quickbooks/schedule', { headers });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect(await down.json()).toMatchObject({ type: 'urn:ogustine-qbo:problem:store-unavailable' });
    const ready = await app.request('/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready', checks: [{ name: 'database', ok: false }] });
  });

  it('names the wrong or missing setting in one line', async () => {
    expect(loadInfrastructureConfig({ ...env, INTUIT_CLIENT_ID: undefined })).toEqual({
      ok: false,
      error: 'Configuration: INTUIT_CLIENT_ID is required',
    });
    expect(loadInfrastructureConfig({ ...env, DATABASE_URL: 'postgres://x' })).toEqual({
      ok: false,
      error: 'Configuration: DATABASE_URL must be mysql://… or sqlite:<file>',
    });
    const badKeys = loadInfrastructureConfig({ ...env, TOKEN_KEYS: 'k1:c2hvcnQ=' });
    if (!badKeys.ok) throw new Error(badKeys.error);
    const refused = await openProductionPorts(badKeys.value, createLogger('silent'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/^Configuration: TOKEN_KEYS .*32 bytes/);
  });
});
