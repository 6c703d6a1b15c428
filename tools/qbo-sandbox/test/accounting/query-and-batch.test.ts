// The query language subset and the batch endpoint over real HTTP (QBO-API.md §1 "Query language", §3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { firstError, nodeQb, startHarness } from '../support/accounting-harness.js';

type Json = Record<string, unknown>;
let h: Harness;
let r: Realm;
beforeAll(async () => {
  h = await startHarness();
  r = await h.company('GB');
  for (const name of ['Alpha Ltd', 'Beta Ltd', "King's Groceries", 'Gamma Plc', 'Delta Ltd'])
    await r.create('customer', { DisplayName: name });
});
afterAll(async () => {
  await h.close();
});

const names = (response: Json): unknown[] => ((response['Customer'] as Json[] | undefined) ?? []).map((c) => c['DisplayName']);

describe('query (QBO-API.md §1 Query language)', () => {
  it('SELECT * answers QueryResponse {Customer:[…], startPosition, maxResults}', async () => {
    const q = await r.query('select * from Customer');
    expect(q).toMatchObject({ startPosition: 1, maxResults: 5 });
    expect(names(q)).toEqual(['Alpha Ltd', 'Beta Ltd', "King's Groceries", 'Gamma Plc', 'Delta Ltd']);
  });

  it('an empty result is QueryResponse: {}', async () => {
    const a = await r.api('GET', `query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Nobody'")}`);
    expect(a.body['QueryResponse']).toEqual({});
    expect(typeof a.body['time']).toBe('string');
  });

  it('count(*) answers {totalCount}', async () => {
    expect(await r.query("SELECT COUNT(*) FROM customer WHERE DisplayName LIKE '%Ltd'")).toEqual({ totalCount: 3 });
  });

  it("= with a \\' escape, IN, LIKE '%…', AND, case-insensitive keywords and entity names", async () => {
    expect(names(await r.query("select * from customer where DisplayName = 'King\\'s Groceries'"))).toEqual(["King's Groceries"]);
    expect(names(await r.query("Select * From CUSTOMER Where DisplayName IN ('Beta Ltd', 'Gamma Plc')"))).toEqual([
      'Beta Ltd',
      'Gamma Plc',
    ]);
    expect(names(await r.query("select * from Customer where DisplayName LIKE 'Al%' and Active = true"))).toEqual(['Alpha Ltd']);
  });

  it('< and > on Id and on MetaData.LastUpdatedTime', async () => {
    expect(names(await r.query("select * from Customer where Id > '3'"))).toEqual(['Gamma Plc', 'Delta Ltd']);
    expect(names(await r.query("select * from Customer where Metadata.LastUpdatedTime < '2000-01-01'"))).toEqual([]);
  });

  it('ORDERBY, STARTPOSITION (1-based) and MAXRESULTS page the rows', async () => {
    const q = await r.query('select * from Customer orderby DisplayName desc startposition 2 maxresults 2');
    expect(names(q)).toEqual(['Gamma Plc', 'Delta Ltd']);
    expect(q).toMatchObject({ startPosition: 2, maxResults: 2 });
  });

  it('inactive name-list entries are left out unless the query names Active', async () => {
    const rr = await h.company('GB');
    const c = await rr.create('customer', { DisplayName: 'Gone Ltd' });
    await rr.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Active: false });
    expect(await rr.query('select * from Customer')).toEqual({});
    expect(names(await rr.query('select * from Customer where Active IN (true, false)'))).toEqual(['Gone Ltd']);
  });

  it('a query that does not parse → HTTP 400 code 4000 "Error parsing query"; OR is not supported', async () => {
    for (const text of [
      'select * form Customer',
      "select * from Customer where DisplayName = 'a' or Id = '1'",
      "select * from Customer where DisplayName = 'open",
    ]) {
      const a = await r.api('GET', `query?query=${encodeURIComponent(text)}`);
      expect([a.status, firstError(a)['code'], firstError(a)['Message']]).toEqual([400, '4000', 'Error parsing query']);
    }
  });

  it('an entity the API does not know → 4001', async () => {
    const a = await r.api('GET', `query?query=${encodeURIComponent('select * from Spaceship')}`);
    expect(firstError(a)['code']).toBe('4001');
  });

  it('a query sent by POST as application/text is answered the same', async () => {
    const a = await r.api('POST', 'query', "select * from Customer where DisplayName = 'Beta Ltd'");
    expect(names(a.body['QueryResponse'] as Json)).toEqual(['Beta Ltd']);
  });
});

describe('batch (QBO-API.md §3)', () => {
  it('items are independent: a fault in one (6240, 5010) does not stop the others, HTTP 200 with BatchItemResponse', async () => {
    const rr = await h.company('GB');
    const c = await rr.create('customer', { DisplayName: 'Batch Co' });
    await rr.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'n' });
    const a = await rr.api('POST', 'batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'bid1', operation: 'create', Customer: { DisplayName: 'Batch Co' } },
        { bId: 'bid2', operation: 'create', Customer: { DisplayName: 'Batch New' } },
        { bId: 'bid3', operation: 'update', Customer: { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'late' } },
        { bId: 'bid4', Query: "select * from Customer where DisplayName = 'Batch Co'" },
      ],
    });
    expect(a.status).toBe(200);
    const items = a.body['BatchItemResponse'] as Json[];
    expect(items.map((i) => i['bId'])).toEqual(['bid1', 'bid2', 'bid3', 'bid4']);
    expect(items[0]).toMatchObject({
      Fault: { type: 'ValidationFault', Error: [{ code: '6240', Message: 'Duplicate Name Exists Error' }] },
    });
    expect(items[1]).toMatchObject({ Customer: { DisplayName: 'Batch New', SyncToken: '0' } });
    expect(items[2]).toMatchObject({ Fault: { Error: [{ code: '5010' }] } });
    expect(items[3]).toMatchObject({ QueryResponse: { Customer: [{ Id: c['Id'] }], startPosition: 1, maxResults: 1 } });
  });

  it('more than 30 items → HTTP 400 code 1040', async () => {
    const rr = await h.company('GB');
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, Query: 'select * from Customer' }));
    const a = await rr.api('POST', 'batch', { BatchItemRequest: items });
    expect([a.status, firstError(a)['code']]).toEqual([400, '1040']);
    expect((await rr.api('POST', 'batch', { BatchItemRequest: items.slice(0, 30) })).status).toBe(200);
  });

  it('void through operation "update" + optionsData "void", delete through operation "delete"', async () => {
    const rr = await h.company('GB');
    const cust = await rr.create('customer', { DisplayName: 'V' });
    const code = String(((await rr.query("select * from TaxCode where Name = 'Exempt'"))['TaxCode'] as Json[])[0]?.['Id']);
    const line = {
      DetailType: 'SalesItemLineDetail',
      Amount: 5,
      SalesItemLineDetail: { ItemRef: { value: '1' }, TaxCodeRef: { value: code } },
    };
    const a = await rr.create('invoice', { CustomerRef: { value: cust['Id'] }, Line: [line] });
    const b = await rr.create('invoice', { CustomerRef: { value: cust['Id'] }, Line: [line] });
    const res = await rr.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'v', operation: 'update', optionsData: 'void', Invoice: { Id: a['Id'], SyncToken: '0' } },
        { bId: 'd', operation: 'delete', Invoice: { Id: b['Id'], SyncToken: '0' } },
      ],
    });
    const items = res.body['BatchItemResponse'] as Json[];
    expect(items[0]).toMatchObject({ Invoice: { TotalAmt: 0, PrivateNote: 'Voided' } });
    expect(items[1]).toMatchObject({ Invoice: { status: 'Deleted', Id: b['Id'] } });
  });

  it('node-quickbooks batch: per-item Fault arrives with err null (STACK-NOTES.md §4)', async () => {
    const rr = await h.company('GB');
    const qbo = rr.qbo();
    const answer = await nodeQb<{ BatchItemResponse: Json[] }>((cb) =>
      qbo.batch(
        [
          { bId: '1', operation: 'create', Customer: { DisplayName: 'NQ' } },
          { bId: '2', operation: 'create', Customer: { DisplayName: 'nq' } },
        ] as never,
        cb,
      ),
    );
    expect(answer.BatchItemResponse.map((i) => ('Fault' in i ? 'fault' : 'ok'))).toEqual(['ok', 'fault']);
  });
});
