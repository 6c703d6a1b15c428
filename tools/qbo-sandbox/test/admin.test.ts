// The test-control API over HTTP, as the README documents it, and the HTML settings page.
import { afterEach, describe, expect, test } from 'vitest';
import { start, type Started } from './clients.js';

let current: Started | undefined;
afterEach(async () => {
  await current?.running.close();
  current = undefined;
});

const json = async (url: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
};

describe('/__admin JSON API', () => {
  test('companies: create with defaults of the country, list, inspect, change settings', async () => {
    current = await start();
    const admin = `${current.url}/__admin`;
    expect((await json(`${admin}/companies`, 'POST', { companyName: 'Sans pays' })).status).toBe(400);
    expect((await json(`${admin}/companies`, 'POST', { country: 'FR', bogus: 1 })).status).toBe(400);

    const created = await json(`${admin}/companies`, 'POST', { country: 'FR', companyName: 'Menuiserie Petit', allowDiscount: false });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      settings: { country: 'FR', companyName: 'Menuiserie Petit', allowDiscount: false, vatEnabled: true, homeCurrency: 'EUR' },
    });
    const realmId = String(created.body['realmId']);
    expect(typeof created.body['accessToken']).toBe('string');
    expect(typeof created.body['refreshToken']).toBe('string');

    expect((await json(`${admin}/companies`, 'GET')).body).toEqual({
      companies: [{ realmId, companyName: 'Menuiserie Petit', country: 'FR' }],
    });
    const inspected = await json(`${admin}/companies/${realmId}`, 'GET');
    expect(inspected.body).toMatchObject({ realmId, entities: expect.any(Object) as unknown });
    expect((await json(`${admin}/companies/0000`, 'GET')).status).toBe(404);

    const patched = await json(`${admin}/companies/${realmId}/settings`, 'PATCH', { allowDiscount: true, customTxnNumbers: false });
    expect(patched.body).toMatchObject({ settings: { allowDiscount: true, customTxnNumbers: false } });
    expect((await json(`${admin}/companies/${realmId}/settings`, 'PATCH', { vatEnabled: 'yes' })).status).toBe(400);
  });

  test('request log with counts per endpoint, cleared on DELETE', async () => {
    current = await start();
    const c = current.sandbox.admin.createCompany({ country: 'FR' });
    for (let i = 0; i < 3; i += 1) {
      await (
        await fetch(`${current.url}/v3/company/${c.realmId}/companyinfo/${c.realmId}`, {
          headers: { Authorization: `Bearer ${c.accessToken}` },
        })
      ).arrayBuffer();
    }
    const log = await json(`${current.url}/__admin/requests?realmId=${c.realmId}`, 'GET');
    expect(log.body['counts']).toEqual({ 'GET companyinfo': 3 });
    expect((log.body['requests'] as unknown[]).length).toBe(3);
    expect((await json(`${current.url}/__admin/requests`, 'DELETE')).status).toBe(204);
    expect((await json(`${current.url}/__admin/requests`, 'GET')).body['counts']).toEqual({});
  });

  test('faults, token expiry and reset over HTTP', async () => {
    current = await start();
    const c = current.sandbox.admin.createCompany({ country: 'FR' });
    const info = () =>
      fetch(`${current!.url}/v3/company/${c.realmId}/companyinfo/${c.realmId}`, { headers: { Authorization: `Bearer ${c.accessToken}` } });
    expect((await json(`${current.url}/__admin/faults`, 'POST', { failNext: { count: 2, status: 502 } })).status).toBe(400);
    expect((await json(`${current.url}/__admin/faults`, 'POST', {})).status).toBe(400);
    expect((await json(`${current.url}/__admin/faults`, 'POST', { failRate: { rate: 1.5, status: 500 } })).status).toBe(400);
    expect((await json(`${current.url}/__admin/faults`, 'POST', { dropResponseRate: -0.1 })).status).toBe(400);
    expect((await json(`${current.url}/__admin/faults`, 'POST', { realmId: c.realmId, failNext: { count: 2, status: 500 } })).status).toBe(
      200,
    );
    expect((await info()).status).toBe(500);
    expect((await info()).status).toBe(500);
    expect((await info()).status).not.toBe(500);
    expect((await json(`${current.url}/__admin/faults`, 'POST', { throttleNow: true })).status).toBe(200);
    expect((await info()).status).toBe(429);

    const expired = await json(`${current.url}/__admin/tokens/expire`, 'POST', { realmId: c.realmId, which: 'access' });
    expect(expired.body).toMatchObject({ expired: 1 });
    expect((await json(`${current.url}/__admin/tokens/expire`, 'POST', { realmId: c.realmId, which: 'all' })).status).toBe(400);

    expect((await json(`${current.url}/__admin/reset`, 'POST')).status).toBe(204);
    expect((await json(`${current.url}/__admin/companies`, 'GET')).body).toEqual({ companies: [] });
  });
});

describe('/__admin/ui settings page', () => {
  test('lists companies with French labels, escapes names, and applies the forms', async () => {
    current = await start();
    const c = current.sandbox.admin.createCompany({ country: 'FR', companyName: '<b>Dupont & Fils</b>', allowDiscount: false });
    const html = await (await fetch(`${current.url}/__admin/ui`)).text();
    expect(html).toContain('&lt;b&gt;Dupont &amp; Fils&lt;/b&gt;');
    expect(html).not.toContain('<b>Dupont');
    expect(html).toContain('Prise en charge des rabais');
    expect(html).not.toContain('Remises autorisées');

    const form = new URLSearchParams({ companyName: 'Dupont', vatEnabled: 'on', allowDiscount: 'on' });
    const saved = await fetch(`${current.url}/__admin/ui/companies/${c.realmId}/settings`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    expect(current.sandbox.admin.company(c.realmId)?.settings).toMatchObject({
      companyName: 'Dupont',
      vatEnabled: true,
      allowDiscount: true,
      customTxnNumbers: false,
    });

    const rate = await fetch(`${current.url}/__admin/ui/companies/${c.realmId}/tax-rates`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'TVA 13 %', ratePercent: '13,5' }),
      redirect: 'manual',
    });
    expect(rate.status).toBe(303);
    expect(current.sandbox.admin.company(c.realmId)?.settings.taxCodes.at(-1)).toEqual({
      name: 'TVA 13 %',
      rates: [{ name: 'TVA 13 %', ratePercent: 13.5 }],
    });

    const bad = await fetch(`${current.url}/__admin/ui/companies/${c.realmId}/tax-rates`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'X', ratePercent: 'abc' }),
      redirect: 'manual',
    });
    expect(bad.headers.get('location')).toContain('error=');

    const created = await fetch(`${current.url}/__admin/ui/companies`, {
      method: 'POST',
      body: new URLSearchParams({ companyName: 'Gamma Ltd', country: 'GB' }),
      redirect: 'manual',
    });
    expect(created.status).toBe(303);
    expect(current.sandbox.admin.listCompanies().map((x) => x.country)).toEqual(['FR', 'GB']);
  });
});
