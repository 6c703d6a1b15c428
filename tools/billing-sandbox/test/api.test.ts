import { describe, expect, it } from 'vitest';
import { accountSpec } from '../src/index.js';
import { start } from './support/start.js';

interface Page {
  documents: { id: string; createdAt: string; accountId: string }[];
  nextCursor: string | null;
}

const one = accountSpec({ accountId: 'P1', documents: 250, historyFrom: '2024-01-01', historyTo: '2024-12-31' });

describe('the billing core API (docs/billing-core-api.md)', () => {
  it('refuses a request without the service token, or with another one', async () => {
    const { get, url } = await start({ accounts: [one] });
    const anonymous = await fetch(`${url}/v1/accounts/P1`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('service token') } });
    expect((await get('/v1/accounts/P1', { Authorization: 'Bearer other' })).status).toBe(401);
  });

  it('tells an account, and says which thing is not found', async () => {
    const { get } = await start({ accounts: [one] });
    expect(await (await get('/v1/accounts/P1')).json()).toEqual({
      accountId: 'P1',
      name: 'Compte P1',
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
    });
    for (const [path, code] of [
      ['/v1/accounts/P9', 'account_not_found'],
      ['/v1/accounts/P9/documents?createdFrom=2024-01-01', 'account_not_found'],
      ['/v1/accounts/P1/documents/P1-999999/pdf', 'document_not_found'],
    ] as const) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('pages through every document once, in validation order, by cursor, limit 1 to 500 (100 by default)', async () => {
    const { get } = await start({ accounts: [one] });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(
        `/v1/accounts/P1/documents?createdFrom=2024-01-01&limit=60${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      const page = (await response.json()) as Page;
      ids.push(...page.documents.map((d) => d.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, n) => `P1-${String(n + 1).padStart(6, '0')}`));
    expect(((await (await get('/v1/accounts/P1/documents?createdFrom=2024-01-01')).json()) as Page).documents).toHaveLength(100);
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'limit=2.5']) {
      const response = await get(`/v1/accounts/P1/documents?createdFrom=2024-01-01&${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it('serves documents created on or after the day in the account time zone, and refuses a bad day or cursor', async () => {
    const { get } = await start({ accounts: [one] });
    const parisDay = (d: { createdAt: string }): string =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(d.createdAt));
    const all = ((await (await get('/v1/accounts/P1/documents?createdFrom=1900-01-01&limit=500')).json()) as Page).documents;
    const page = (await (await get('/v1/accounts/P1/documents?createdFrom=2024-07-01&limit=500')).json()) as Page;
    const expected = all.filter((d) => parisDay(d) >= '2024-07-01').map((d) => d.id);
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(150);
    expect(page.documents.map((d) => d.id)).toEqual(expected);
    expect((await get('/v1/accounts/P1/documents?createdFrom=2024-02-30')).status).toBe(400);
    expect((await get('/v1/accounts/P1/documents')).status).toBe(400);
    const bad = await get('/v1/accounts/P1/documents?createdFrom=2024-01-01&cursor=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
  });

  it('serves a real PDF with the DejaVu font embedded, the same bytes twice, under the document number', async () => {
    const { get } = await start({ accounts: [one] });
    const first = await get('/v1/accounts/P1/documents/P1-000003/pdf');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="(Facture|Avoir)-[A-Z]+2024-00003\.pdf"$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(Number(first.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    const again = Buffer.from(await (await get('/v1/accounts/P1/documents/P1-000003/pdf')).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });

  it('keeps added documents as given, in validation order with the seeded ones', async () => {
    const { get, sandbox } = await start({ accounts: [one] });
    const seeded = ((await (await get('/v1/accounts/P1/documents?createdFrom=2024-01-01&limit=2')).json()) as Page).documents;
    const [first, second] = seeded as [Page['documents'][number] & { validatedAt: string }, Page['documents'][number]];
    const between = { ...first, id: 'X1', validatedAt: new Date(Date.parse(first.validatedAt) + 1).toISOString(), anything: true };
    expect(sandbox.admin.addDocuments('P1', [between, { id: 'X1' }, { id: 'P1-000002' }])).toBe(1);
    const page = ((await (await get('/v1/accounts/P1/documents?createdFrom=2024-01-01&limit=3')).json()) as Page).documents;
    expect(page.map((d) => d.id)).toEqual([first.id, 'X1', second.id]);
    expect(page[1]).toEqual(between);
  });
});

describe('faults on demand', () => {
  it('fails the next requests of an account with the status asked, with Retry-After, then answers again', async () => {
    const { get, sandbox } = await start({ accounts: [one, accountSpec({ accountId: 'P2' })] });
    sandbox.admin.injectFaults({ accountId: 'P1', failNext: { count: 2, status: 503, retryAfterSeconds: 3 } });
    const failed = await get('/v1/accounts/P1');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('3');
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect((await get('/v1/accounts/P2')).status).toBe(200);
    expect((await get('/v1/accounts/P1/documents?createdFrom=2024-01-01')).status).toBe(503);
    expect((await get('/v1/accounts/P1')).status).toBe(200);
  });

  it('answers a malformed body once when asked, and a PDF goes missing on demand', async () => {
    const { get, sandbox } = await start({ accounts: [one] });
    sandbox.admin.injectFaults({ malformedNext: 1 });
    const broken = await get('/v1/accounts/P1/documents?createdFrom=2024-01-01');
    expect(broken.status).toBe(200);
    await expect(broken.clone().json()).rejects.toThrow();
    expect((await get('/v1/accounts/P1/documents?createdFrom=2024-01-01')).status).toBe(200);
    sandbox.admin.removePdf('P1', 'P1-000001');
    const missing = await get('/v1/accounts/P1/documents/P1-000001/pdf');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('pdf_not_found');
    sandbox.admin.resetFaults();
    expect((await get('/v1/accounts/P1/documents/P1-000001/pdf')).status).toBe(200);
  });

  it('answers an account slowly when asked, so a client with a short time-out gives up', async () => {
    const { url, get, sandbox } = await start({ accounts: [one, accountSpec({ accountId: 'P2' })] });
    sandbox.admin.injectFaults({ accountId: 'P1', latencyMs: 5_000 });
    const slow = fetch(`${url}/v1/accounts/P1`, {
      headers: { Authorization: 'Bearer billing-sandbox-token' },
      signal: AbortSignal.timeout(200),
    });
    await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await get('/v1/accounts/P2')).status).toBe(200);
    sandbox.admin.injectFaults({ accountId: 'P1', latencyMs: 0 });
    expect((await get('/v1/accounts/P1')).status).toBe(200);
  });
});
