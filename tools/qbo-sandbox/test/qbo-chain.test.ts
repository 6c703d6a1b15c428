// The middleware chain in front of the Accounting API, driven over real HTTP by node-quickbooks (and raw
// HTTP where the library hides the shape): 401, 429, requestid replay, injected faults, isolation.
import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox } from '../src/index.js';
import { call, callError, qboClient, start, type Started } from './clients.js';

let current: Started | undefined;
afterEach(async () => {
  await current?.running.close();
  current = undefined;
});

const get = (url: string, path: string, token: string): Promise<Response> =>
  fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });

const customerCount = (s: Started, realmId: string): number =>
  ((s.sandbox.admin.inspect(realmId) as { entities: { Customer: unknown[] } }).entities.Customer ?? []).length;

describe('authentication', () => {
  test('an expired access token gets 401 with the lowercase fault envelope, through node-quickbooks', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.expireTokens(company.realmId, 'access');
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    const error = await callError((cb) => qbo.getCompanyInfo(company.realmId, cb));
    expect(error.status).toBe(401);
    const data = error.data as { fault: { error: Array<{ code: string; message: string; detail: string }>; type: string } };
    expect(data.fault.error[0]?.code).toBe('3200');
    expect(data.fault.error[0]?.message).toBe('message=AuthenticationFailed; errorCode=003200; statusCode=401');
    expect(data.fault.error[0]?.detail).toMatch(/^Token expired: /);
    expect(data.fault.type).toBe('AUTHENTICATION');
    expect(data).toMatchObject({ warnings: null, intuitObject: null, batchItemResponse: [], cdcresponse: [] });
  });

  test('an access token lifetime of one second expires after a second', async () => {
    let now = Date.parse('2026-01-05T08:00:00Z');
    current = await start({ accessTokenLifetimeSeconds: 1, clock: () => new Date(now) });
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    expect((await get(current.url, `/v3/company/${company.realmId}/companyinfo/${company.realmId}`, company.accessToken)).status).not.toBe(
      401,
    );
    now += 1000;
    expect((await get(current.url, `/v3/company/${company.realmId}/companyinfo/${company.realmId}`, company.accessToken)).status).toBe(401);
  });

  test('realm isolation: a token of realm A on realm B gets 401, and B keeps its own entities', async () => {
    current = await start();
    const a = current.sandbox.admin.createCompany({ country: 'FR' });
    const b = current.sandbox.admin.createCompany({ country: 'FR' });
    const res = await get(current.url, `/v3/company/${b.realmId}/companyinfo/${b.realmId}`, a.accessToken);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { fault: { error: Array<{ code: string }> } }).fault.error[0]?.code).toBe('3200');
    const missing = await fetch(`${current.url}/v3/company/${a.realmId}/companyinfo/${a.realmId}`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { fault: { error: Array<{ detail: string }> } }).fault.error[0]?.detail).toBe(
      'Malformed bearer token: too short or too long',
    );
  });
});

describe('limits', () => {
  test('11 rapid calls on one realm: one 429 with the XML ThrottleExceeded body, then recovery after the scaled window', async () => {
    let now = Date.parse('2026-01-05T08:00:00Z');
    current = await start({ timeScale: 0.01, clock: () => new Date(now) }); // the 1 s window lasts 10 ms
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const other = current.sandbox.admin.createCompany({ country: 'FR' });
    const path = `/v3/company/${company.realmId}/companyinfo/${company.realmId}`;
    const answers = await Promise.all(Array.from({ length: 11 }, () => get(current!.url, path, company.accessToken)));
    const throttled = answers.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.headers.get('content-type')).toContain('application/xml');
    const xml = await throttled[0]!.text();
    expect(xml).toContain('<Fault type="SERVICE"><Error code="3001">');
    expect(xml).toContain('message=ThrottleExceeded; errorCode=003001; statusCode=429');
    expect(xml).toContain('<Detail>The request limit was reached.  Try again later</Detail>');
    // Another realm is not throttled.
    expect((await get(current.url, `/v3/company/${other.realmId}/companyinfo/${other.realmId}`, other.accessToken)).status).not.toBe(429);
    expect((await get(current.url, path, company.accessToken)).status).toBe(429);
    now += 11;
    expect((await get(current.url, path, company.accessToken)).status).not.toBe(429);
  });

  test('500 requests per minute per realm; the 501st gets 429 until the minute has passed', async () => {
    let now = Date.parse('2026-01-05T08:00:00Z');
    current = await start({ clock: () => new Date(now) });
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const path = `/v3/company/${company.realmId}/companyinfo/${company.realmId}`;
    const statuses: number[] = [];
    for (let i = 0; i < 501; i += 1) {
      const res = await current.sandbox.app.request(path, { headers: { Authorization: `Bearer ${company.accessToken}` } });
      statuses.push(res.status);
      now += 101; // 9.9 per second: under the per-second limit
    }
    expect(statuses.slice(0, 500).filter((s) => s === 429)).toHaveLength(0);
    expect(statuses[500]).toBe(429);
    now += 60_000;
    expect((await current.sandbox.app.request(path, { headers: { Authorization: `Bearer ${company.accessToken}` } })).status).not.toBe(429);
  });

  test('node-quickbooks sees the 429 as an error carrying the XML body', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.injectFaults({ realmId: company.realmId, throttleNow: true });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    const error = await callError((cb) => qbo.getCompanyInfo(company.realmId, cb));
    expect(error.status).toBe(429);
    expect(String(error.data)).toContain('ThrottleExceeded');
  });

  test('40 batch calls per minute per realm; the 41st gets 429, other calls still pass', async () => {
    let now = Date.parse('2026-01-05T08:00:00Z');
    current = await start({ clock: () => new Date(now) });
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const batch = async (): Promise<number> => {
      const res = await fetch(`${current!.url}/v3/company/${company.realmId}/batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${company.accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ BatchItemRequest: [] }),
      });
      await res.arrayBuffer();
      now += 101;
      return res.status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 41; i += 1) statuses.push(await batch());
    expect(statuses.slice(0, 40).filter((s) => s === 429)).toHaveLength(0);
    expect(statuses[40]).toBe(429);
    expect((await get(current.url, `/v3/company/${company.realmId}/companyinfo/${company.realmId}`, company.accessToken)).status).not.toBe(
      429,
    );
    expect(current.sandbox.admin.requests(company.realmId).counts['POST batch']).toBe(41);
    now += 60_000;
    expect(await batch()).not.toBe(429);
  });
});

describe('requestid', () => {
  test('the same requestid twice replays the same body and creates one entity', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    const first = await call((cb) => qbo.createCustomer({ DisplayName: 'Atelier Dupont', requestId: 'rid-cust-1' }, cb));
    const second = await call((cb) => qbo.createCustomer({ DisplayName: 'Atelier Dupont', requestId: 'rid-cust-1' }, cb));
    expect(second).toEqual(first);
    expect(customerCount(current, company.realmId)).toBe(1);
    const log = current.sandbox.admin.requests(company.realmId);
    expect(log.counts['POST customer']).toBe(2);
    expect(log.requests.map((r) => r.note)).toEqual([undefined, 'replayed']);
  });

  test('a requestid is per realm, and longer than 50 characters gets a 400 fault', async () => {
    current = await start();
    const a = current.sandbox.admin.createCompany({ country: 'FR' });
    const b = current.sandbox.admin.createCompany({ country: 'FR' });
    await call((cb) =>
      qboClient(current!.url, a.realmId, a.accessToken).createCustomer({ DisplayName: 'Client A', requestId: 'same' }, cb),
    );
    await call((cb) =>
      qboClient(current!.url, b.realmId, b.accessToken).createCustomer({ DisplayName: 'Client B', requestId: 'same' }, cb),
    );
    expect(customerCount(current, b.realmId)).toBe(1);
    const error = await callError((cb) =>
      qboClient(current!.url, a.realmId, a.accessToken).createCustomer({ DisplayName: 'X', requestId: 'r'.repeat(51) }, cb),
    );
    expect(error.status).toBe(400);
    expect((error.data as { Fault: { type: string } }).Fault.type).toBe('ValidationFault');
  });
});

describe('injected faults', () => {
  test('the next request fails with 503 (SystemFault), the one after succeeds', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.injectFaults({ realmId: company.realmId, failNext: { count: 1, status: 503 } });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    const error = await callError((cb) => qbo.createCustomer({ DisplayName: 'Boulangerie Martin' }, cb));
    expect(error.status).toBe(503);
    expect((error.data as { Fault: { type: string; Error: Array<{ code: string }> } }).Fault).toMatchObject({
      type: 'SystemFault',
      Error: [{ code: '10000' }],
    });
    expect(customerCount(current, company.realmId)).toBe(0);
    const created = await call<{ DisplayName: string }>((cb) => qbo.createCustomer({ DisplayName: 'Boulangerie Martin' }, cb));
    expect(created.DisplayName).toBe('Boulangerie Martin');
  });

  test('drop-response: the client sees a socket error while the entity exists', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.injectFaults({ realmId: company.realmId, dropResponseNext: 1 });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    const error = await callError((cb) => qbo.createCustomer({ DisplayName: 'Garage Leroy' }, cb));
    expect(error.status).toBeUndefined();
    expect(error.code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED|EPIPE/);
    expect(customerCount(current, company.realmId)).toBe(1);
    expect(current.sandbox.admin.requests(company.realmId).requests.at(-1)?.note).toBe('dropped');
  });

  test('a dropped write retried with the same requestid is replayed, not duplicated', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.injectFaults({ realmId: company.realmId, dropResponseNext: 1 });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    await callError((cb) => qbo.createCustomer({ DisplayName: 'Cave Moreau', requestId: 'rid-drop' }, cb));
    const retried = await call<{ DisplayName: string }>((cb) =>
      qbo.createCustomer({ DisplayName: 'Cave Moreau', requestId: 'rid-drop' }, cb),
    );
    expect(retried.DisplayName).toBe('Cave Moreau');
    expect(customerCount(current, company.realmId)).toBe(1);
  });

  test('rates: each request fails with 5xx, or commits and loses its answer, with the probability set, until the rate is set to 0', async () => {
    // Draws 0.1, 0.9, 0.1, 0.9, …: below 0.5 meets the fault.
    let draws = 0;
    current = await start({ random: () => (draws++ % 2 === 0 ? 0.1 : 0.9) });
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const other = current.sandbox.admin.createCompany({ country: 'FR' });
    const qbo = qboClient(current.url, company.realmId, company.accessToken);
    current.sandbox.admin.injectFaults({ realmId: company.realmId, failRate: { rate: 0.5, status: 500 } });
    const first = await callError((cb) => qbo.createCustomer({ DisplayName: 'Atelier Roux' }, cb));
    expect(first.status).toBe(500);
    expect((await call<{ DisplayName: string }>((cb) => qbo.createCustomer({ DisplayName: 'Atelier Roux' }, cb))).DisplayName).toBe(
      'Atelier Roux',
    );
    // Another realm has no rate of its own and none for every realm: it never draws.
    const before = draws;
    expect((await get(current.url, `/v3/company/${other.realmId}/companyinfo/${other.realmId}`, other.accessToken)).status).toBe(200);
    expect(draws).toBe(before);

    current.sandbox.admin.injectFaults({ realmId: company.realmId, failRate: { rate: 0, status: 500 }, dropResponseRate: 0.5 });
    const dropped = await callError((cb) => qbo.createCustomer({ DisplayName: 'Fromagerie Blanc' }, cb));
    expect(dropped.status).toBeUndefined();
    expect(customerCount(current, company.realmId)).toBe(2);
    await call((cb) => qbo.createCustomer({ DisplayName: 'Épicerie Noël' }, cb));
    expect(current.sandbox.admin.requests(company.realmId).requests.map((r) => r.note)).toEqual([
      'injected-500',
      undefined,
      'dropped',
      undefined,
    ]);
    current.sandbox.admin.injectFaults({ realmId: company.realmId, dropResponseRate: 0 });
    for (let i = 0; i < 4; i += 1)
      expect((await get(current.url, `/v3/company/${company.realmId}/companyinfo/${company.realmId}`, company.accessToken)).status).toBe(
        200,
      );
  });

  test('latency delays every request of the realm', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    current.sandbox.admin.injectFaults({ realmId: company.realmId, latencyMs: 150 });
    const t0 = performance.now();
    await (await get(current.url, `/v3/company/${company.realmId}/companyinfo/${company.realmId}`, company.accessToken)).arrayBuffer();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('admin API', () => {
  test('is off by default: every /__admin path answers 404', async () => {
    const sandbox = createSandbox();
    const running = await sandbox.listen(0);
    try {
      for (const [method, path] of [
        ['POST', '/__admin/companies'],
        ['GET', '/__admin/ui'],
        ['POST', '/__admin/reset'],
        ['GET', '/__admin'],
      ] as const) {
        expect(
          (
            await fetch(`${running.url}${path}`, {
              method,
              headers: { 'Content-Type': 'application/json' },
              ...(method === 'POST' ? { body: '{"country":"FR"}' } : {}),
            })
          ).status,
        ).toBe(404);
      }
    } finally {
      await running.close();
    }
  });
});
