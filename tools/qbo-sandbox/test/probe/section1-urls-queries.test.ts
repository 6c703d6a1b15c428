// Probe of QBO-API.md §1 over raw HTTP: URL shapes, headers, minorversion, the query language and its answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
let std: string;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
  std = await taxCodeId(gb, '20.0% S');
});
afterAll(async () => {
  await h.close();
});

const invoice = async (r: Realm, note?: string): Promise<Json> =>
  r.create('invoice', {
    CustomerRef: { value: await newCustomer(r) },
    Line: [itemLine(100, std)],
    ...(note === undefined ? {} : { PrivateNote: note }),
  });

describe('§1 URL shape and CRUD', () => {
  it('§1 read: GET /{resource}/{id} answers {"Invoice":{…},"time"} with JSON content type and an intuit_tid header', async () => {
    const inv = await invoice(gb);
    const a = await gb.api('GET', `invoice/${String(inv['Id'])}`);
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(['Invoice', 'time']);
    expect(entityOf(a, 'Invoice')['Id']).toBe(inv['Id']);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.headers.get('intuit_tid')).toBeTruthy();
  });

  it('§1 company info: GET /companyinfo/{realmId} answers CompanyInfo', async () => {
    const a = await gb.api('GET', `companyinfo/${gb.realmId}`);
    expect(a.status).toBe(200);
    expect(entityOf(a, 'CompanyInfo')).toMatchObject({ Country: 'GB' });
  });

  it('§1 resource names are lowercase paths: invoice, creditmemo, customer, item, preferences, taxcode, taxrate answer 200', async () => {
    const inv = await invoice(gb);
    const cm = await gb.create('creditmemo', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(10, std)] });
    for (const path of [`invoice/${String(inv['Id'])}`, `creditmemo/${String(cm['Id'])}`, 'item/1', 'preferences', `taxcode/${std}`]) {
      expect([path, (await gb.api('GET', path)).status]).toEqual([path, 200]);
    }
  });

  it('§1 minorversion is accepted with any value (below 75, 75, above 75, garbage)', async () => {
    for (const v of ['4', '65', '75', '99', 'abc']) expect((await gb.api('GET', `item/1?minorversion=${v}`)).status).toBe(200);
  });

  it('§1 delete: POST /invoice?operation=delete {Id,SyncToken} → {"Invoice":{"status":"Deleted","domain":"QBO","Id"},"time"}; then reading it fails', async () => {
    const inv = await invoice(gb);
    const a = await gb.api('POST', 'invoice?operation=delete', { Id: inv['Id'], SyncToken: inv['SyncToken'] });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ Invoice: { status: 'Deleted', domain: 'QBO', Id: inv['Id'] }, time: expect.any(String) });
    expect((await gb.api('GET', `invoice/${String(inv['Id'])}`)).status).toBe(400);
  });

  it('§1 CreditMemo delete works like Invoice (status "Deleted")', async () => {
    const cm = await gb.create('creditmemo', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(10, std)] });
    const a = await gb.api('POST', 'creditmemo?operation=delete', { Id: cm['Id'], SyncToken: cm['SyncToken'] });
    expect(a.body).toEqual({ CreditMemo: { status: 'Deleted', domain: 'QBO', Id: cm['Id'] }, time: expect.any(String) });
  });

  it('§1 void: the full invoice comes back, SyncToken incremented, amounts 0, "Voided" prepended to PrivateNote', async () => {
    const inv = await invoice(gb, 'keep this');
    const a = await gb.api('POST', 'invoice?operation=void', { Id: inv['Id'], SyncToken: inv['SyncToken'] });
    expect(a.status).toBe(200);
    const voided = entityOf(a, 'Invoice');
    expect(voided['SyncToken']).toBe(String(Number(inv['SyncToken']) + 1));
    expect(voided).toMatchObject({
      Id: inv['Id'],
      TotalAmt: 0,
      Balance: 0,
      TxnTaxDetail: { TotalTax: 0 },
      CustomerRef: inv['CustomerRef'],
    });
    expect(String(voided['PrivateNote'])).toMatch(/^Voided/);
    expect(String(voided['PrivateNote'])).toContain('keep this');
    expect((voided['Line'] as Json[]).every((l) => l['Amount'] === 0)).toBe(true);
  });

  it('§1 PDF: GET /invoice/{id}/pdf and /creditmemo/{id}/pdf answer application/pdf bytes', async () => {
    const inv = await invoice(gb);
    const cm = await gb.create('creditmemo', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(10, std)] });
    for (const path of [`invoice/${String(inv['Id'])}/pdf`, `creditmemo/${String(cm['Id'])}/pdf`]) {
      const res = await gb.raw('GET', path, { headers: { accept: 'application/pdf' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });

  it('§1 email: POST /invoice/{id}/send?sendTo= answers the invoice with EmailStatus "EmailSent" and the address in BillEmail', async () => {
    const inv = await invoice(gb);
    const a = await gb.api('POST', `invoice/${String(inv['Id'])}/send?sendTo=${encodeURIComponent('billing@example.com')}`);
    expect(a.status).toBe(200);
    expect(entityOf(a, 'Invoice')).toMatchObject({
      Id: inv['Id'],
      EmailStatus: 'EmailSent',
      BillEmail: { Address: 'billing@example.com' },
    });
  });

  it('§1 JSON bodies carry a top-level "time"; faults too', async () => {
    expect(typeof (await gb.api('GET', 'preferences')).body['time']).toBe('string');
    expect(typeof (await gb.api('GET', 'invoice/999999')).body['time']).toBe('string');
  });
});

describe('§1 query language', () => {
  let r: Realm;
  beforeAll(async () => {
    r = await h.company('GB');
    for (const name of ["King's Groceries", 'Alpha', 'Beta', 'Gamma']) await r.create('customer', { DisplayName: name });
  });

  it('§1 query by GET ?query= answers {"QueryResponse":{"Customer":[…],"startPosition":1,"maxResults":N},"time"}', async () => {
    const a = await r.api('GET', `query?query=${encodeURIComponent('select * from Customer')}&minorversion=75`);
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(['QueryResponse', 'time']);
    const q = a.body['QueryResponse'] as Json;
    expect(q).toMatchObject({ startPosition: 1, maxResults: 4 });
    expect((q['Customer'] as Json[]).length).toBe(4);
  });

  it('§1 query by POST with Content-Type application/text and the raw SELECT as body', async () => {
    const res = await r.raw('POST', 'query?minorversion=75', {
      body: "select * from Customer where DisplayName = 'Alpha'",
      headers: { 'content-type': 'application/text' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { QueryResponse: { Customer: Json[] } };
    expect(body.QueryResponse.Customer.map((c) => c['DisplayName'])).toEqual(['Alpha']);
  });

  it('§1 an empty result is "QueryResponse":{}', async () => {
    expect(await r.query("select * from Customer where DisplayName = 'Nobody'")).toEqual({});
  });

  it('§1 count(*) answers totalCount', async () => {
    expect(await r.query('select count(*) from Customer')).toEqual({ totalCount: 4 });
  });

  it('§1 keywords are case-insensitive (SELECT/select, FROM, WHERE, ORDERBY, MAXRESULTS)', async () => {
    const upper = await r.query("SELECT * FROM Customer WHERE DisplayName LIKE '%a%' ORDERBY DisplayName DESC MAXRESULTS 10");
    const lower = await r.query("select * from customer where DisplayName like '%a%' orderby DisplayName desc maxresults 10");
    expect(lower).toEqual(upper);
    expect((upper['Customer'] as Json[]).map((c) => c['DisplayName'])).toEqual(['Gamma', 'Beta', 'Alpha']);
  });

  it("§1 string literals take single quotes with \\' escaping an apostrophe (node-quickbooks)", async () => {
    const q = await r.query("select * from Customer where DisplayName = 'King\\'s Groceries'");
    expect((q['Customer'] as Json[]).map((c) => c['DisplayName'])).toEqual(["King's Groceries"]);
  });

  it('§1 operators = IN < > <= >= LIKE (only % wildcard) are understood', async () => {
    expect(((await r.query("select * from Customer where DisplayName IN ('Alpha', 'Beta')"))['Customer'] as Json[]).length).toBe(2);
    expect(
      ((await r.query("select * from Customer where DisplayName < 'Beta'"))['Customer'] as Json[]).map((c) => c['DisplayName']),
    ).toEqual(['Alpha']);
    expect(((await r.query("select * from Customer where DisplayName >= 'Gamma'"))['Customer'] as Json[]).length).toBe(2);
    expect(((await r.query("select * from Customer where DisplayName LIKE 'Al%'"))['Customer'] as Json[]).length).toBe(1);
  });

  it('§1 OR is not supported: a query with OR is refused with a 4000-range fault', async () => {
    const a = await r.api(
      'GET',
      `query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Alpha' OR DisplayName = 'Beta'")}`,
    );
    expect(a.status).toBe(400);
    expect(String((a.body['Fault'] as { Error: Json[] }).Error[0]?.['code'])).toMatch(/^400[0-2]$/);
  });

  it('§1 STARTPOSITION is 1-based: STARTPOSITION 2 MAXRESULTS 2 gives the 2nd and 3rd rows, startPosition 2', async () => {
    const q = await r.query('select * from Customer orderby DisplayName STARTPOSITION 2 MAXRESULTS 2');
    expect(q).toMatchObject({ startPosition: 2, maxResults: 2 });
    expect((q['Customer'] as Json[]).map((c) => c['DisplayName'])).toEqual(['Beta', 'Gamma']);
  });

  it('§1 at most 1000 rows per response, even with MAXRESULTS above it', async () => {
    const big = await h.company('GB');
    const batch = (from: number): Json => ({
      BatchItemRequest: Array.from({ length: 30 }, (_, i) => ({
        bId: `b${i}`,
        operation: 'create',
        Customer: { DisplayName: `C${from + i}` },
      })),
    });
    for (let i = 0; i < 34; i += 1) expect((await big.api('POST', 'batch', batch(i * 30))).status).toBe(200);
    const q = await big.query('select * from Customer MAXRESULTS 1020');
    expect((q['Customer'] as Json[]).length).toBe(1000);
    expect(q['maxResults']).toBe(1000);
    expect(await big.query('select count(*) from Customer')).toEqual({ totalCount: 1020 });
  });

  it('§1 a query the parser cannot read → 400 fault code 4000', async () => {
    const a = await r.api('GET', `query?query=${encodeURIComponent('selec * form Customer')}`);
    expectFault(a, 400, '4000');
  });
});
