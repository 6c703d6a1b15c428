// Probe of QBO-API.md §1 (updates and optimistic locking), §2 (requestid) and §3 (batch) over raw HTTP.
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

const staleDetail =
  /^Stale Object Error : You and .+ were working on this at the same time\. .+ finished before you did, so your work was not saved\.$/;

describe('§1 updates and optimistic locking', () => {
  it('§1 SyncToken is a string that increments on every change', async () => {
    const c = await gb.create('customer', { DisplayName: 'Sync Co' });
    expect(c['SyncToken']).toBe('0');
    const u = entityOf(await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'a' }), 'Customer');
    expect(u['SyncToken']).toBe('1');
  });

  it('§1 a stale SyncToken → 400, 5010 "Stale Object Error" with the documented Detail wording', async () => {
    const c = await gb.create('customer', { DisplayName: 'Stale Co' });
    await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'a' });
    const e = expectFault(await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'b' }), 400, '5010');
    expect(e['Message']).toBe('Stale Object Error');
    expect(e['Detail']).toMatch(staleDetail);
  });

  it('§1 full update: writable fields left out are set to NULL (Customer Notes, Invoice PrivateNote)', async () => {
    const c = await gb.create('customer', { DisplayName: 'Full Co', Notes: 'note', CompanyName: 'Full Ltd' });
    const u = entityOf(await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', DisplayName: 'Full Co' }), 'Customer');
    expect(u['Notes']).toBeUndefined();
    expect(u['CompanyName']).toBeUndefined();
    const inv = await gb.create('invoice', { CustomerRef: { value: c['Id'] }, Line: [itemLine(10, std)], PrivateNote: 'memo' });
    const full = entityOf(
      await gb.api('POST', 'invoice', {
        Id: inv['Id'],
        SyncToken: inv['SyncToken'],
        CustomerRef: { value: c['Id'] },
        Line: [itemLine(10, std)],
      }),
      'Invoice',
    );
    expect(full['PrivateNote']).toBeUndefined();
  });

  it('§1 sparse update: only the fields sent change', async () => {
    const c = await gb.create('customer', { DisplayName: 'Sparse Co', Notes: 'note', CompanyName: 'Sparse Ltd' });
    const u = entityOf(await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'changed' }), 'Customer');
    expect(u).toMatchObject({ DisplayName: 'Sparse Co', CompanyName: 'Sparse Ltd', Notes: 'changed' });
  });

  it('§1 Customer.DisplayName cannot be removed with a sparse update', async () => {
    const c = await gb.create('customer', { DisplayName: 'Named Co' });
    const a = await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, DisplayName: '' });
    expect(a.status).toBe(400);
    expect((await gb.api('GET', `customer/${String(c['Id'])}`)).body).toMatchObject({ Customer: { DisplayName: 'Named Co' } });
  });

  it('§1 line Id rule: an existing Id > 0 updates that line; no Id, Id ≤ 0 or an unknown Id creates a new line', async () => {
    const inv = await gb.create('invoice', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(10, std), itemLine(20, std)] });
    const ids = (inv['Line'] as Json[]).filter((l) => l['DetailType'] === 'SalesItemLineDetail').map((l) => l['Id']);
    expect(ids).toEqual(['1', '2']);
    const u = entityOf(
      await gb.api('POST', 'invoice', {
        Id: inv['Id'],
        SyncToken: inv['SyncToken'],
        sparse: true,
        Line: [{ ...itemLine(15, std), Id: '2' }, { ...itemLine(5, std), Id: '0' }, { ...itemLine(6, std), Id: '77' }, itemLine(7, std)],
      }),
      'Invoice',
    );
    const lines = (u['Line'] as Json[]).filter((l) => l['DetailType'] === 'SalesItemLineDetail');
    expect(lines.map((l) => [l['Id'], l['Amount']])).toEqual([
      ['2', 15],
      ['3', 5],
      ['4', 6],
      ['5', 7],
    ]);
  });

  it('§1 an update needs Id and SyncToken: a missing SyncToken → 2020 with element SyncToken', async () => {
    const c = await gb.create('customer', { DisplayName: 'No Token Co' });
    const e = expectFault(await gb.api('POST', 'customer', { Id: c['Id'], sparse: true, Notes: 'x' }), 400, '2020');
    expect(e['element']).toBe('SyncToken');
  });

  it('§1 stale SyncToken on delete and void → 5010', async () => {
    const inv = await gb.create('invoice', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(10, std)] });
    expectFault(await gb.api('POST', 'invoice?operation=delete', { Id: inv['Id'], SyncToken: '9' }), 400, '5010');
    expectFault(await gb.api('POST', 'invoice?operation=void', { Id: inv['Id'], SyncToken: '9' }), 400, '5010');
  });
});

describe('§2 requestid', () => {
  it('§2 the same requestid returns the same response and does not repeat the write', async () => {
    const r = await h.company('GB');
    const id = crypto.randomUUID();
    const first = await r.api('POST', `customer?requestid=${id}`, { DisplayName: 'Once Co' });
    const second = await r.api('POST', `customer?requestid=${id}`, { DisplayName: 'Once Co' });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await r.query('select count(*) from Customer')).toEqual({ totalCount: 1 });
  });

  it('§2 requestid is per realm: the same id on another company runs again', async () => {
    const a = await h.company('GB');
    const b = await h.company('GB');
    const id = crypto.randomUUID();
    await a.api('POST', `customer?requestid=${id}`, { DisplayName: 'Realm Co' });
    const other = await b.api('POST', `customer?requestid=${id}`, { DisplayName: 'Realm Co' });
    expect(other.status).toBe(200);
    expect(await b.query('select count(*) from Customer')).toEqual({ totalCount: 1 });
  });

  it('§2 §3 a batch sent again with the same requestid gets the first answer, item for item, and creates nothing twice', async () => {
    const r = await h.company('GB');
    const id = crypto.randomUUID();
    const batch = {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch Once' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Batch Twice' } },
      ],
    };
    const first = await r.api('POST', `batch?requestid=${id}`, batch);
    const second = await r.api('POST', `batch?requestid=${id}`, batch);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await r.query('select count(*) from Customer')).toEqual({ totalCount: 2 });
  });

  it('§2 requestid up to 50 characters is accepted, 51 is refused; on batch 36 is accepted, 37 refused', async () => {
    const r = await h.company('GB');
    expect((await r.api('POST', `customer?requestid=${'a'.repeat(50)}`, { DisplayName: 'Fifty' })).status).toBe(200);
    expect((await r.api('POST', `customer?requestid=${'b'.repeat(51)}`, { DisplayName: 'Fifty-one' })).status).toBe(400);
    const batch = { BatchItemRequest: [{ bId: 'b1', operation: 'create', Customer: { DisplayName: 'In batch' } }] };
    expect((await r.api('POST', `batch?requestid=${'c'.repeat(36)}`, batch)).status).toBe(200);
    expect((await r.api('POST', `batch?requestid=${'d'.repeat(37)}`, batch)).status).toBe(400);
  });
});

describe('§3 batch', () => {
  it('§3 BatchItemResponse: entities, per-item Fault {type, Error[]} with bId, query items, delete items; HTTP 200 and a time', async () => {
    const r = await h.company('GB');
    const code = await taxCodeId(r, '20.0% S');
    const taken = await r.create('customer', { DisplayName: 'Taken' });
    const inv = await r.create('invoice', { CustomerRef: { value: taken['Id'] }, Line: [itemLine(10, code)] });
    const a = await r.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'bid1', operation: 'create', Customer: { DisplayName: 'Taken' } },
        { bId: 'bid2', operation: 'delete', Invoice: { Id: inv['Id'], SyncToken: inv['SyncToken'] } },
        { bId: 'bid3', operation: 'update', Customer: { Id: taken['Id'], SyncToken: '7', sparse: true, Notes: 'x' } },
        { bId: 'bid4', Query: "select * from Customer where DisplayName = 'Taken'" },
        { bId: 'bid5', operation: 'create', Customer: { DisplayName: 'Fresh' } },
      ],
    });
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(['BatchItemResponse', 'time']);
    const items = a.body['BatchItemResponse'] as Json[];
    const byId = new Map(items.map((i) => [i['bId'], i]));
    expect(byId.size).toBe(5);
    const dup = byId.get('bid1') as Json;
    expect(Object.keys(dup).sort()).toEqual(['Fault', 'bId']);
    expect(dup['Fault']).toMatchObject({
      type: 'ValidationFault',
      Error: [{ Message: 'Duplicate Name Exists Error', code: '6240', element: '' }],
    });
    expect(byId.get('bid2')).toEqual({ bId: 'bid2', Invoice: { status: 'Deleted', domain: 'QBO', Id: inv['Id'] } });
    expect(byId.get('bid3')).toMatchObject({
      Fault: { type: 'ValidationFault', Error: [{ Message: 'Stale Object Error', code: '5010' }] },
    });
    expect(byId.get('bid4')).toMatchObject({ QueryResponse: { Customer: [{ DisplayName: 'Taken' }], startPosition: 1, maxResults: 1 } });
    expect(byId.get('bid5')).toMatchObject({ Customer: { DisplayName: 'Fresh', SyncToken: '0' } });
  });

  it('§3 at most 30 payloads: 30 pass, 31 → 1040 "Batch size exceeds allowed limit"', async () => {
    const r = await h.company('GB');
    const items = (n: number): Json => ({
      BatchItemRequest: Array.from({ length: n }, (_, i) => ({ bId: `b${i}`, Query: 'select * from Item' })),
    });
    expect((await r.api('POST', 'batch', items(30))).status).toBe(200);
    const e = expectFault(await r.api('POST', 'batch', items(31)), 400, '1040');
    expect(e['Message']).toBe('Batch size exceeds allowed limit');
  });

  it('§3 void in a batch: operation "update" with optionsData "void"', async () => {
    const r = await h.company('GB');
    const code = await taxCodeId(r, '20.0% S');
    const inv = await r.create('invoice', { CustomerRef: { value: await newCustomer(r) }, Line: [itemLine(10, code)] });
    const a = await r.api('POST', 'batch', {
      BatchItemRequest: [{ bId: 'v', operation: 'update', optionsData: 'void', Invoice: { Id: inv['Id'], SyncToken: inv['SyncToken'] } }],
    });
    const item = (a.body['BatchItemResponse'] as Json[])[0] ?? {};
    expect(item).toMatchObject({ bId: 'v', Invoice: { Id: inv['Id'], TotalAmt: 0, SyncToken: '1' } });
    expect(String((item['Invoice'] as Json)['PrivateNote'])).toMatch(/^Voided/);
  });

  it('§3 items are independent: an item cannot use an entity created earlier in the same batch', async () => {
    const r = await h.company('GB');
    const a = await r.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'a', operation: 'create', Customer: { DisplayName: 'Same' } },
        { bId: 'b', operation: 'create', Customer: { DisplayName: 'Other' } },
      ],
    });
    expect((a.body['BatchItemResponse'] as Json[]).every((i) => 'Customer' in i)).toBe(true);
  });
});
