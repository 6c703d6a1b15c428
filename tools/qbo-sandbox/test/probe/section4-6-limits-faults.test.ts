// Probe of QBO-API.md §4 (throttling) and §6 (fault envelopes, statuses, codes and wordings) over raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/server/create-sandbox.js';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
});
afterAll(async () => {
  await h.close();
});

const throttleXml =
  /<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429<\/Message><Detail>The request limit was reached\. {2}Try again later<\/Detail><\/Error><\/Fault><\/IntuitResponse>$/;

const admin = (path: string, body: unknown): Promise<Response> =>
  fetch(`${h.url}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('§4 throttling (a sandbox at the real time scale)', () => {
  const sandbox = createSandbox({ adminEnabled: true });
  let url = '';
  let close = async (): Promise<void> => {};
  beforeAll(async () => {
    ({ url, close } = await sandbox.listen(0));
  });
  afterAll(async () => {
    await close();
  });
  const call = (realmId: string, token: string): Promise<Response> =>
    fetch(`${url}/v3/company/${realmId}/item/1`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });

  it('§4 a throttled request → 429 with the documented XML body and an XML content type, although JSON was asked', async () => {
    const { realmId, accessToken } = sandbox.admin.createCompany({ country: 'GB' });
    await fetch(`${url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ realmId, throttleNow: true }),
    });
    const res = await call(realmId, accessToken);
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const text = await res.text();
    expect(text).toMatch(/<IntuitResponse[^>]*>/);
    expect(text).toMatch(throttleXml);
  });

  it('§4 more than 10 requests per second per realm → 429', async () => {
    const { realmId, accessToken } = sandbox.admin.createCompany({ country: 'GB' });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await call(realmId, accessToken);
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(2);
  });
});

describe('§6 faults', () => {
  it('§6 validation fault envelope: {"Fault":{"Error":[{Message,Detail,code,element}],"type":"ValidationFault"},"time"}, code a string, HTTP 400', async () => {
    const e = expectFault(await gb.api('POST', 'customer', {}), 400, '2020');
    expect(typeof e['code']).toBe('string');
  });

  it('§6 401 (expired token): the lowercase envelope exactly as captured, every key present', async () => {
    const r = await h.company('GB');
    await admin('tokens/expire', { realmId: r.realmId, which: 'access' });
    const res = await r.raw('GET', 'item/1');
    expect(res.status).toBe(401);
    const body = (await res.json()) as Json;
    expect(Object.keys(body).sort()).toEqual(
      [
        'attachableResponse',
        'batchItemResponse',
        'cdcresponse',
        'fault',
        'intuitObject',
        'queryResponse',
        'report',
        'requestId',
        'status',
        'syncErrorResponse',
        'time',
        'warnings',
      ].sort(),
    );
    expect(body).toMatchObject({
      warnings: null,
      intuitObject: null,
      report: null,
      queryResponse: null,
      batchItemResponse: [],
      attachableResponse: [],
      syncErrorResponse: null,
      requestId: null,
      status: null,
      cdcresponse: [],
    });
    expect(typeof body['time']).toBe('number');
    const fault = body['fault'] as { error: Json[]; type: string };
    expect(fault.type).toBe('AUTHENTICATION');
    expect(fault.error).toHaveLength(1);
    expect(Object.keys(fault.error[0] ?? {}).sort()).toEqual(['code', 'detail', 'element', 'message']);
    expect(fault.error[0]).toMatchObject({
      message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
      code: '3200',
      element: null,
    });
    expect(String(fault.error[0]?.['detail'])).toMatch(/^Token expired: /);
  });

  it('§6 401 for a missing or malformed bearer: detail "Malformed bearer token: too short or too long"', async () => {
    const res = await fetch(`${h.url}/v3/company/${gb.realmId}/item/1`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { fault: { error: Json[] } };
    expect(body.fault.error[0]?.['detail']).toBe('Malformed bearer token: too short or too long');
  });

  it('§6 401 for an unknown token: detail null', async () => {
    const res = await fetch(`${h.url}/v3/company/${gb.realmId}/item/1`, {
      headers: { authorization: 'Bearer eyJunknowntoken0000000000', accept: 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { fault: { error: Json[] } }).fault.error[0]?.['detail']).toBeNull();
  });

  it('§6 500 and 503: SystemFault envelope with code "10000" and a time', async () => {
    const r = await h.company('GB');
    for (const status of [500, 503]) {
      await admin('faults', { realmId: r.realmId, failNext: { count: 1, status } });
      expectFault(await r.api('GET', 'item/1'), status, '10000', 'SystemFault');
    }
  });

  it('§6 2020 "Required param missing…": Detail "Required parameter X is missing in the request", element X', async () => {
    const e = expectFault(await gb.api('POST', 'invoice', { Line: [itemLine(10)] }), 400, '2020');
    expect(e).toEqual({
      Message: 'Required param missing, need to supply the required value for the API',
      Detail: 'Required parameter CustomerRef is missing in the request',
      code: '2020',
      element: 'CustomerRef',
    });
  });

  it('§6 6240 Duplicate Name Exists Error with the documented Detail', async () => {
    await gb.create('customer', { DisplayName: 'Twice' });
    const e = expectFault(await gb.api('POST', 'customer', { DisplayName: 'Twice' }), 400, '6240');
    expect(e['Message']).toBe('Duplicate Name Exists Error');
    expect(String(e['Detail']).replace(/\s+/g, ' ')).toBe(
      'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    );
  });

  it('§6 6000 Business Validation Error: Message and "Business Validation Error: …" Detail; GB and CA missing tax code wordings', async () => {
    const expected: Record<string, string> = {
      GB: 'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
      CA: 'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.',
    };
    for (const [country, detail] of Object.entries(expected)) {
      const r = await h.company(country);
      const e = expectFault(
        await r.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(r) }, Line: [itemLine(10)] }),
        400,
        '6000',
      );
      expect([e['Message'], e['Detail']]).toEqual(['A business validation error has occurred while processing your request', detail]);
    }
  });

  it('§6 6070: Amount ≠ UnitPrice × Qty is refused', async () => {
    const code = await taxCodeId(gb, '20.0% S');
    const a = await gb.api('POST', 'invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      Line: [itemLine(10, code, { Qty: 3, UnitPrice: 4 })],
    });
    expectFault(a, 400, '6070');
  });

  it('§6 610 Object Not Found with the documented Detail for an unknown id', async () => {
    const e = expectFault(await gb.api('GET', 'invoice/987654'), 400, '610');
    expect(e['Detail']).toBe(
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    );
  });

  it('§6 6100: a US line TaxCodeRef other than TAX or NON', async () => {
    const r = await h.company('US');
    expectFault(await r.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(r) }, Line: [itemLine(10, '5')] }), 400, '6100');
  });

  it('§6 6170: TxnTaxDetail with GlobalTaxCalculation NotApplicable', async () => {
    const code = await taxCodeId(gb, '20.0% S');
    const a = await gb.api('POST', 'invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      GlobalTaxCalculation: 'NotApplicable',
      Line: [itemLine(10, code)],
      TxnTaxDetail: { TotalTax: 2 },
    });
    expectFault(a, 400, '6170');
  });

  it('§6 6090: a discount line with neither amount nor percent', async () => {
    const r = await h.company('GB', { allowDiscount: true });
    const code = await taxCodeId(r, '20.0% S');
    const a = await r.api('POST', 'invoice', {
      CustomerRef: { value: await newCustomer(r) },
      Line: [itemLine(10, code), { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } }],
    });
    expectFault(a, 400, '6090');
  });
});
