// The HTTP app on its production ports (SQLite, Intuit's OAuth and the QuickBooks API) against the
// local QBO sandbox, over real HTTP, as the Ogustine UI and the user's browser would drive it.
import { serve, type ServerType } from '@hono/node-server';
import { createSandbox, type RunningSandbox } from '@ogustine-qbo/qbo-sandbox';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOf, buildContainer } from '../src/composition/container.js';
import { openProductionPorts, type OpenedPorts } from '../src/composition/open-production-ports.js';
import { loadInfrastructureConfig } from '../src/config/infrastructure-config.js';
import { createLogger } from '../src/observability/logger.js';
import { testConfig, tokenFor } from './support/test-app.js';

const CLIENT_ID = 'http-test-client';
const CLIENT_SECRET = 'http-test-secret';
const folder = mkdtempSync(join(tmpdir(), 'ogustine-http-sandbox-'));
let sandbox: RunningSandbox;
let opened: OpenedPorts;
let server: ServerType;
let base: string;
// The server listens before the app exists: Intuit's redirect URI, part of the configuration, names its port.
let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
const app = (req: Request) => handler(req);

type Json = Record<string, unknown>;
const api = async (method: string, path: string, account = 'A1'): Promise<Response> =>
  fetch(base + path, { method, headers: { authorization: `Bearer ${await tokenFor(account)}`, 'accept-language': 'en' } });

beforeAll(async () => {
  sandbox = await createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true }).listen(0);
  server = serve({ fetch: (req) => app(req), hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const infrastructure = loadInfrastructureConfig({
    DATABASE_URL: `sqlite:${join(folder, 'qbo.sqlite')}`,
    INTUIT_CLIENT_ID: CLIENT_ID,
    INTUIT_CLIENT_SECRET: CLIENT_SECRET,
    INTUIT_REDIRECT_URI: `${base}/v1/quickbooks/connection/callback`,
    INTUIT_OAUTH_BASE_URL: sandbox.url,
    QBO_API_BASE_URL: sandbox.url,
    TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    TOKEN_CURRENT_KEY_ID: 'k1',
  });
  if (!infrastructure.ok) throw new Error(infrastructure.error);
  const result = await openProductionPorts(infrastructure.value, createLogger('silent'));
  if (!result.ok) throw new Error(result.error);
  opened = result.value;
  const built = appOf(
    await buildContainer(testConfig(), opened.ports, {
      readiness: opened.readiness,
      processMetrics: false,
      logDestination: { write: () => undefined },
    }),
  );
  handler = (req) => built.fetch(req);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await opened.close();
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('over real HTTP against the QBO sandbox', () => {
  it('connects through Intuit’s consent page, reads the company, checks it, lists tax codes, and disconnects (revoked at Intuit)', async () => {
    const start = (await (await api('POST', '/v1/quickbooks/connection/start')).json()) as { authorizationUrl: string };
    const consent = new URL(start.authorizationUrl);
    expect(consent.origin).toBe(new URL(sandbox.url).origin);
    // The user approves a new French company on the consent page; Intuit sends the browser to our callback.
    const form = new URLSearchParams({ ...Object.fromEntries(consent.searchParams), realmId: 'new', country: 'FR', decision: 'approve' });
    const approved = await fetch(new URL('/connect/oauth2', consent), { method: 'POST', body: form, redirect: 'manual' });
    const callback = approved.headers.get('location') ?? '';
    expect(callback.startsWith(`${base}/v1/quickbooks/connection/callback?`)).toBe(true);
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toMatch(/quickbooks=connected&realmId=\d+/);

    const status = (await (await api('GET', '/v1/quickbooks/connection')).json()) as Json;
    expect(status).toMatchObject({ status: 'connected' });
    expect(((status['company'] as Json)['name'] as string).length).toBeGreaterThan(0);

    const checked = await api('POST', '/v1/quickbooks/prerequisites/check');
    expect(checked.status).toBe(200);
    const prerequisites = (await checked.json()) as Json;
    expect(['met', 'failing']).toContain(prerequisites['state']);
    expect((prerequisites['checks'] as Json[]).map((c) => c['id'])).toContain('vat');

    const taxCodes = (await (await api('GET', '/v1/quickbooks/tax-codes')).json()) as { rates: Json[] };
    expect(taxCodes.rates.length).toBeGreaterThan(0);

    // Another account sees none of it.
    expect(await (await api('GET', '/v1/quickbooks/connection', 'B2')).json()).toMatchObject({ status: 'not-connected', company: null });

    const disconnected = (await (await api('DELETE', '/v1/quickbooks/connection')).json()) as Json;
    expect(disconnected).toMatchObject({ revokedAtIntuit: true });
    expect(await (await api('GET', '/v1/quickbooks/connection')).json()).toMatchObject({ status: 'not-connected' });
  });
});
