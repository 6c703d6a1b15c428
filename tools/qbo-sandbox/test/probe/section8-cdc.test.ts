// Probe of QBO-API.md §8 change data capture: GET /cdc?entities=…&changedSince=… with its limits, deletes included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let now = Date.parse('2026-06-01T12:00:00Z');
let h: Harness;
let gb: Realm;
let vat: string;
beforeAll(async () => {
  h = await startHarness({ clock: () => new Date(now) });
  gb = await h.company('GB');
  vat = await taxCodeId(gb, '20.0% S');
});
afterAll(async () => {
  await h.close();
});

const cdc = (entities: string, since: string) => gb.api('GET', `cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}`);
const rowsOf = (a: { body: Json }, type: string): Json[] => {
  const responses = ((a.body['CDCResponse'] as Json[])[0]?.['QueryResponse'] ?? []) as Json[];
  return responses.flatMap((r) => (Array.isArray(r[type]) ? (r[type] as Json[]) : []));
};

describe('§8 change data capture', () => {
  it('§8 CDC: changed entities since an instant, in {"CDCResponse":[{"QueryResponse":[{"<Entity>":[…],"startPosition","maxResults"}]}],"time"}', async () => {
    now += 60_000;
    const before = await newCustomer(gb);
    now += 60_000;
    const since = new Date(now).toISOString();
    now += 1000;
    const after = await newCustomer(gb);
    const inv = await gb.create('invoice', { CustomerRef: { value: after }, Line: [itemLine(10, vat)] });
    const a = await cdc('Invoice,Customer', since);
    expect(a.status).toBe(200);
    expect(typeof a.body['time']).toBe('string');
    const responses = (a.body['CDCResponse'] as Json[])[0]?.['QueryResponse'] as Json[];
    expect(responses.map((r) => Object.keys(r).sort())).toEqual([
      ['Invoice', 'maxResults', 'startPosition'],
      ['Customer', 'maxResults', 'startPosition'],
    ]);
    expect(rowsOf(a, 'Customer').map((c) => c['Id'])).toEqual([after]);
    expect(rowsOf(a, 'Customer').map((c) => c['Id'])).not.toContain(before);
    expect(rowsOf(a, 'Invoice').map((i) => i['Id'])).toEqual([inv['Id']]);
  });

  it('§8 CDC: an update counts as a change; a deleted invoice comes back with status "Deleted"', async () => {
    const customer = await newCustomer(gb);
    const inv = await gb.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    const c = entityOf(await gb.api('GET', `customer/${customer}`), 'Customer');
    now += 60_000;
    const since = new Date(now).toISOString();
    now += 1000;
    await gb.api('POST', 'customer', { Id: customer, SyncToken: c['SyncToken'], sparse: true, DisplayName: 'Renamed in CDC' });
    await gb.api('POST', 'invoice?operation=delete', { Id: inv['Id'], SyncToken: inv['SyncToken'] });
    const a = await cdc('Customer,Invoice', since);
    expect(rowsOf(a, 'Customer').map((r) => r['DisplayName'])).toEqual(['Renamed in CDC']);
    expect(rowsOf(a, 'Invoice')).toEqual([expect.objectContaining({ Id: inv['Id'], status: 'Deleted' })]);
  });

  it('§8 CDC: nothing changed → an empty QueryResponse element per entity', async () => {
    now += 60_000;
    const a = await cdc('Item', new Date(now).toISOString());
    expect(a.body['CDCResponse']).toEqual([{ QueryResponse: [{}] }]);
  });

  it('§8 CDC: looks back at most 30 days', async () => {
    expect((await cdc('Customer', new Date(now - 29 * 86_400_000).toISOString())).status).toBe(200);
    expectFault(await cdc('Customer', new Date(now - 31 * 86_400_000).toISOString()), 400, '4001');
  });

  it('§8 CDC: entities and changedSince are required (2020); an entity CDC does not serve → 4001', async () => {
    expect(expectFault(await gb.api('GET', 'cdc?changedSince=2026-06-01'), 400, '2020')['element']).toBe('entities');
    expect(expectFault(await gb.api('GET', 'cdc?entities=Customer'), 400, '2020')['element']).toBe('changedSince');
    expectFault(await cdc('Spaceship', new Date(now).toISOString()), 400, '4001');
  });

  it('§8 CDC: at most 1000 objects per response', async () => {
    const many = await h.company('GB');
    const since = new Date(now).toISOString();
    now += 1000;
    const batch = (from: number) =>
      many.api('POST', 'batch', {
        BatchItemRequest: Array.from({ length: 30 }, (_, i) => ({
          bId: String(i),
          operation: 'create',
          Customer: { DisplayName: `Bulk ${from + i}` },
        })),
      });
    // The clock stands still unless moved: one second between batches keeps the per-second limit out of the way.
    for (let from = 0; from < 1020; from += 30) {
      now += 1000;
      await batch(from);
    }
    const a = await many.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(since)}`);
    expect(rowsOf(a, 'Customer')).toHaveLength(1000);
  });

  it('§8 CDC with node-quickbooks changeDataCapture (changedSince not URL-encoded)', async () => {
    now += 60_000;
    const since = new Date(now);
    now += 1000;
    const id = await newCustomer(gb);
    const qbo = gb.qbo() as unknown as { changeDataCapture: (e: string[], s: Date, cb: (err: unknown, d: Json) => void) => void };
    const data = await new Promise<Json>((resolve, reject) =>
      qbo.changeDataCapture(['Customer'], since, (e, d) => (e ? reject(e as Error) : resolve(d))),
    );
    expect(rowsOf({ body: data }, 'Customer').map((c) => c['Id'])).toEqual([id]);
  });
});
