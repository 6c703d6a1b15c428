import { describe, expect, it } from 'vitest';
import { accountSpec, createBillingSandbox } from '../src/index.js';

const sandbox = () => createBillingSandbox({ accounts: [accountSpec({ accountId: 'H1', name: 'Ménage & Cie <Lyon>', documents: 150 })] });

describe('the admin page and API', () => {
  it('lists accounts, escaped, and an account page lists 100 documents with a link to the next ones', async () => {
    const s = sandbox();
    const home = await (await s.app.request('/__admin/')).text();
    expect(home).toContain('Ménage &amp; Cie &lt;Lyon&gt;');
    expect(home).toContain('href="/__admin/accounts/H1"');
    const page = await (await s.app.request('/__admin/accounts/H1')).text();
    expect(page.match(/<tr><td>F/g)?.length ?? 0).toBe(100 - (page.match(/<tr><td>AV/g)?.length ?? 0));
    expect(page.match(/\/pdf">PDF<\/a>/g)).toHaveLength(100);
    const next = /href="(\?from=[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    const rest = await (await s.app.request(`/__admin/accounts/H1${next}`)).text();
    expect(rest.match(/\/pdf">PDF<\/a>/g)).toHaveLength(50);
  });

  it('emits from the page button and shows the JSON and PDF of a document without a token', async () => {
    const s = sandbox();
    const posted = await s.app.request('/__admin/accounts/H1/emit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'kind=invoice',
    });
    expect(posted.status).toBe(303);
    expect(s.admin.events()).toHaveLength(1);
    const json = await s.app.request('/__admin/accounts/H1/documents/H1-E1');
    expect(((await json.json()) as { id: string }).id).toBe('H1-E1');
    const pdf = await s.app.request('/__admin/accounts/H1/documents/H1-000001/pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      (
        await s.app.request('/__admin/accounts/H1/emit', {
          method: 'POST',
          body: '{"kind":"nope"}',
          headers: { 'Content-Type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });

  it('adds accounts and documents over JSON, and refuses what it cannot take', async () => {
    const s = sandbox();
    const post = (path: string, body: unknown) =>
      s.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    expect((await post('/__admin/api/accounts', { accountId: 'H2', timeZone: 'America/Martinique', documents: 3 })).status).toBe(201);
    expect((await post('/__admin/api/accounts', { accountId: 'H2' })).status).toBe(409);
    expect((await post('/__admin/api/accounts', { accountId: 'H3', timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await post('/__admin/api/accounts', { accountId: 'H4', documents: 100_000 })).status).toBe(400);
    expect((await post('/__admin/api/accounts/H2/documents', { documents: [{ id: 'X' }] })).status).toBe(201);
    expect((await post('/__admin/api/accounts/H9/documents', { documents: [] })).status).toBe(404);
    expect(s.admin.accounts().find((a) => a.accountId === 'H2')).toMatchObject({ timeZone: 'America/Martinique', documents: 4 });
  });

  it('is off when disabled', async () => {
    const s = createBillingSandbox({ adminEnabled: false });
    expect((await s.app.request('/__admin/')).status).toBe(404);
    expect((await s.app.request('/__admin')).status).toBe(404);
    expect((await s.app.request('/__admin/api/accounts')).status).toBe(404);
  });
});
