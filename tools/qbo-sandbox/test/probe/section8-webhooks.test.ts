// Probe of QBO-API.md §8 webhooks, and of the accountant's edits (admin API) that make drift happen outside the app.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, itemLine, newCustomer, taxCodeId } from './probe-support.js';

interface Received {
  readonly body: string;
  readonly signature: string | undefined;
  readonly contentType: string | undefined;
}

let h: Harness;
let receiver: Server;
let endpoint: string;
const received: Received[] = [];
beforeAll(async () => {
  h = await startHarness();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const signature = req.headers['intuit-signature'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: Array.isArray(signature) ? signature[0] : signature,
        contentType: req.headers['content-type'],
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await fetch(`${h.url}/__admin/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
};

/** A GB company whose webhook points at the receiver, and a function that returns the events received since the last call. */
const followed = async (token: string): Promise<{ realm: Realm; events: () => Promise<Json[]> }> => {
  const realm = await h.company('GB');
  expect((await admin('PUT', `companies/${realm.realmId}/webhook`, { url: endpoint, verifierToken: token })).status).toBe(200);
  let seen = received.length;
  return {
    realm,
    async events() {
      await h.sandbox.admin.webhooksIdle();
      const mine = received.slice(seen).map((r) => JSON.parse(r.body) as Json);
      seen = received.length;
      return mine
        .flatMap((n) => n['eventNotifications'] as Json[])
        .filter((n) => n['realmId'] === realm.realmId)
        .flatMap((n) => (n['dataChangeEvent'] as Json)['entities'] as Json[]);
    },
  };
};

describe('§8 webhooks', () => {
  it('§8 webhooks: creates of invoices, credit memos, customers and items are POSTed in the classic payload, one realm per notification', async () => {
    const { realm, events } = await followed('verifier-1');
    const vat = await taxCodeId(realm, '20.0% S');
    const customer = await newCustomer(realm);
    const income = ((await realm.query("select * from Account where AccountType = 'Income'"))['Account'] as Json[])[0];
    const item = await realm.create('item', { Name: 'Hooked', Type: 'Service', IncomeAccountRef: { value: income?.['Id'] } });
    const invoice = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    const credit = await realm.create('creditmemo', { CustomerRef: { value: customer }, Line: [itemLine(5, vat)] });
    const got = await events();
    expect(got.map((e) => [e['name'], e['id'], e['operation']])).toEqual([
      ['Customer', customer, 'Create'],
      ['Item', item['Id'], 'Create'],
      ['Invoice', invoice['Id'], 'Create'],
      ['CreditMemo', credit['Id'], 'Create'],
    ]);
    expect(String(got[0]?.['lastUpdated'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{4}$/);
  });

  it('§8 webhooks: intuit-signature is base64(HMAC-SHA256(raw body, verifier token))', async () => {
    const { realm, events } = await followed('s3cr3t-verifier');
    await newCustomer(realm);
    await events();
    const last = received[received.length - 1];
    expect(last?.contentType).toContain('application/json');
    expect(last?.signature).toBe(
      createHmac('sha256', 's3cr3t-verifier')
        .update(last?.body ?? '')
        .digest('base64'),
    );
    expect(last?.signature).not.toBe(
      createHmac('sha256', 'another-token')
        .update(last?.body ?? '')
        .digest('base64'),
    );
  });

  it('§8 webhooks: updates, deletes, voids and e-mails of invoices are notified with their operation', async () => {
    const { realm, events } = await followed('verifier-2');
    const vat = await taxCodeId(realm, '20.0% S');
    const customer = await newCustomer(realm);
    const a = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    const b = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    await events();
    const updated = entityOf(
      await realm.api('POST', 'invoice', { Id: a['Id'], SyncToken: a['SyncToken'], sparse: true, PrivateNote: 'x' }),
      'Invoice',
    );
    await realm.api('POST', `invoice/${String(a['Id'])}/send?sendTo=client@example.com`);
    await realm.api('POST', 'invoice?operation=void', { Id: a['Id'], SyncToken: String(Number(updated['SyncToken']) + 1) });
    await realm.api('POST', 'invoice?operation=delete', { Id: b['Id'], SyncToken: b['SyncToken'] });
    expect((await events()).map((e) => [e['id'], e['operation']])).toEqual([
      [a['Id'], 'Update'],
      [a['Id'], 'Emailed'],
      [a['Id'], 'Void'],
      [b['Id'], 'Delete'],
    ]);
  });

  it('§8 webhooks: entities the company does not follow are not sent; after DELETE nothing is sent', async () => {
    const { realm, events } = await followed('verifier-3');
    await realm.create('account', { Name: 'Not followed', AccountType: 'Income' });
    expect(await events()).toEqual([]);
    expect((await admin('DELETE', `companies/${realm.realmId}/webhook`)).status).toBe(204);
    await newCustomer(realm);
    expect(await events()).toEqual([]);
  });

  it('§8 webhooks: the admin API lists the deliveries with the endpoint status', async () => {
    const { realm, events } = await followed('verifier-4');
    await newCustomer(realm);
    await events();
    const listed = await admin('GET', `companies/${realm.realmId}/webhook`);
    expect(listed.body).toMatchObject({ registration: { url: endpoint }, deliveries: [{ status: 200, url: endpoint }] });
    expect((await admin('PUT', `companies/${realm.realmId}/webhook`, { url: 'not a url', verifierToken: 'x' })).status).toBe(400);
  });
});

describe('accountant edits in QBO (admin API)', () => {
  it('renameCustomer: the customer is renamed, SyncToken + 1, a webhook Update is sent', async () => {
    const { realm, events } = await followed('verifier-5');
    const customer = await newCustomer(realm);
    await events();
    const edit = await admin('POST', `companies/${realm.realmId}/accountant-edits`, {
      action: 'renameCustomer',
      customerId: customer,
      displayName: 'Renamed by the accountant',
    });
    expect(edit.status).toBe(200);
    const stored = entityOf(await realm.api('GET', `customer/${customer}`), 'Customer');
    expect([stored['DisplayName'], stored['SyncToken']]).toEqual(['Renamed by the accountant', '1']);
    expect((await events()).map((e) => [e['name'], e['operation']])).toEqual([['Customer', 'Update']]);
  });

  it('delete and void of invoices by the accountant; a later app update with the old SyncToken gets 5010 or 610', async () => {
    const { realm, events } = await followed('verifier-6');
    const vat = await taxCodeId(realm, '20.0% S');
    const customer = await newCustomer(realm);
    const a = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    const b = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    await events();
    expect((await admin('POST', `companies/${realm.realmId}/accountant-edits`, { action: 'void', id: a['Id'] })).status).toBe(200);
    expect(
      (await admin('POST', `companies/${realm.realmId}/accountant-edits`, { action: 'delete', entity: 'Invoice', id: b['Id'] })).status,
    ).toBe(200);
    expect((await events()).map((e) => [e['id'], e['operation']])).toEqual([
      [a['Id'], 'Void'],
      [b['Id'], 'Delete'],
    ]);
    const stale = await realm.api('POST', 'invoice', { Id: a['Id'], SyncToken: a['SyncToken'], sparse: true, PrivateNote: 'late' });
    expect((stale.body['Fault'] as { Error: Json[] }).Error[0]?.['code']).toBe('5010');
    expect((await realm.api('GET', `invoice/${String(b['Id'])}`)).status).toBe(400);
  });

  it('changeLine: a new line amount, tax computed again; a line that does not exist → 400 with a 610 fault', async () => {
    const { realm, events } = await followed('verifier-7');
    const vat = await taxCodeId(realm, '20.0% S');
    const customer = await newCustomer(realm);
    const inv = await realm.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(10, vat), itemLine(20, vat)] });
    await events();
    const lineId = String(((inv['Line'] as Json[])[1] as Json)['Id']);
    const edit = await admin('POST', `companies/${realm.realmId}/accountant-edits`, {
      action: 'changeLine',
      entity: 'Invoice',
      id: inv['Id'],
      lineId,
      amount: 50,
      description: 'Changed by the accountant',
    });
    expect(edit.status).toBe(200);
    const stored = entityOf(await realm.api('GET', `invoice/${String(inv['Id'])}`), 'Invoice');
    expect([stored['TotalAmt'], (stored['TxnTaxDetail'] as Json)['TotalTax'], (stored['Line'] as Json[])[1]?.['Description']]).toEqual([
      72,
      12,
      'Changed by the accountant',
    ]);
    expect((await events()).map((e) => e['operation'])).toEqual(['Update']);
    const missing = await admin('POST', `companies/${realm.realmId}/accountant-edits`, {
      action: 'changeLine',
      entity: 'Invoice',
      id: inv['Id'],
      lineId: '99',
      amount: 1,
    });
    expect([missing.status, ((missing.body['Fault'] as Json)['Error'] as Json[])[0]?.['code']]).toEqual([400, '610']);
    expect((await admin('POST', `companies/${realm.realmId}/accountant-edits`, { action: 'explode' })).status).toBe(400);
  });

  it('an accountant edit shows in change data capture', async () => {
    const realm = await h.company('GB');
    const customer = await newCustomer(realm);
    const since = new Date(Date.now() - 1000).toISOString();
    await admin('POST', `companies/${realm.realmId}/accountant-edits`, {
      action: 'renameCustomer',
      customerId: customer,
      displayName: 'Seen by CDC',
    });
    const cdc = await realm.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(since)}`);
    const rows = (((cdc.body['CDCResponse'] as Json[])[0]?.['QueryResponse'] as Json[])[0]?.['Customer'] ?? []) as Json[];
    expect(rows.map((r) => r['DisplayName'])).toContain('Seen by CDC');
  });
});
