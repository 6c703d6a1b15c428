// Probe of QBO-API.md §5 Attachable / upload and §7 OAuth 2.0 over raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
let invoiceId = '';
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
  const inv = await gb.create('invoice', {
    CustomerRef: { value: await newCustomer(gb) },
    Line: [itemLine(10, await taxCodeId(gb, '20.0% S'))],
  });
  invoiceId = String(inv['Id']);
});
afterAll(async () => {
  await h.close();
});

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n%probe\n');

const uploadForm = (metadata: Json | undefined, type = 'application/pdf', name = 'x.pdf'): FormData => {
  const form = new FormData();
  if (metadata !== undefined)
    form.append('file_metadata_01', new Blob([JSON.stringify(metadata)], { type: 'application/json' }), 'metadata.json');
  form.append('file_content_01', new Blob([pdfBytes], { type }), name);
  return form;
};

const post = async (form: FormData): Promise<{ status: number; body: Json }> => {
  const res = await gb.raw('POST', 'upload', { body: form });
  return { status: res.status, body: (await res.json()) as Json };
};

describe('§5 Attachable and /upload', () => {
  it('§5 multipart metadata + content → {"AttachableResponse":[{"Attachable":{…}}],"time"} linked to the invoice', async () => {
    const a = await post(
      uploadForm({
        AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoiceId }, IncludeOnSend: true }],
        FileName: 'x.pdf',
        ContentType: 'application/pdf',
      }),
    );
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(['AttachableResponse', 'time']);
    const items = a.body['AttachableResponse'] as Json[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      Attachable: {
        Id: expect.any(String),
        SyncToken: '0',
        FileName: 'x.pdf',
        ContentType: 'application/pdf',
        Size: pdfBytes.length,
        AttachableRef: [{ IncludeOnSend: true, EntityRef: { type: 'Invoice', value: invoiceId } }],
        TempDownloadUri: expect.any(String),
      },
    });
  });

  it('§5 content only (node-quickbooks), then POST /attachable with SyncToken "0" links it', async () => {
    const a = await post(uploadForm(undefined, 'application/pdf', 'only.pdf'));
    const att = ((a.body['AttachableResponse'] as Json[])[0] as { Attachable: Json }).Attachable;
    expect(att).toMatchObject({ FileName: 'only.pdf', SyncToken: '0' });
    const linked = await gb.api('POST', 'attachable', {
      Id: att['Id'],
      SyncToken: '0',
      sparse: true,
      FileName: 'only.pdf',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoiceId } }],
    });
    expect(linked.status).toBe(200);
    expect(entityOf(linked, 'Attachable')).toMatchObject({
      SyncToken: '1',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoiceId } }],
    });
  });

  it('§5 allowed content types (pdf, png, jpeg, csv, xlsx) pass; others fault with 6041 inside AttachableResponse', async () => {
    for (const type of [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]) {
      const a = await post(uploadForm({ FileName: 'f', ContentType: type }, type));
      expect([type, Object.keys((a.body['AttachableResponse'] as Json[])[0] ?? {})]).toEqual([type, ['Attachable']]);
    }
    const bad = await post(uploadForm({ FileName: 'f.exe', ContentType: 'application/x-msdownload' }, 'application/x-msdownload'));
    expect((bad.body['AttachableResponse'] as Json[])[0]).toMatchObject({ Fault: { Error: [{ code: '6041' }] } });
  });

  it('§5 metadata that is not an Attachable → 6040; an entity type that takes no attachment → 6050', async () => {
    const form = new FormData();
    form.append('file_metadata_01', new Blob(['"just a string"'], { type: 'application/json' }), 'm.json');
    form.append('file_content_01', new Blob([pdfBytes], { type: 'application/pdf' }), 'x.pdf');
    expect(((await post(form)).body['AttachableResponse'] as Json[])[0]).toMatchObject({ Fault: { Error: [{ code: '6040' }] } });
    const ref = await post(
      uploadForm({ FileName: 'x.pdf', ContentType: 'application/pdf', AttachableRef: [{ EntityRef: { type: 'TaxCode', value: '1' } }] }),
    );
    expect((ref.body['AttachableResponse'] as Json[])[0]).toMatchObject({ Fault: { Error: [{ code: '6050' }] } });
  });

  it('§5 an upload without any file part → 400, 6041 Invalid Uploaded File', async () => {
    const form = new FormData();
    form.append('file_metadata_01', JSON.stringify({ FileName: 'x.pdf' }));
    const res = await gb.raw('POST', 'upload', { body: form });
    expect(res.status).toBe(400);
    expect((((await res.json()) as { Fault: { Error: Json[] } }).Fault.Error[0] ?? {})['code']).toBe('6041');
  });

  it('§5 query attachables of an invoice by AttachableRef.EntityRef', async () => {
    const q = await gb.query(
      `select Id from attachable where AttachableRef.EntityRef.Type = 'invoice' and AttachableRef.EntityRef.value = '${invoiceId}'`,
    );
    expect((q['Attachable'] as Json[]).length).toBeGreaterThanOrEqual(1);
  });

  it('§5 delete: POST /attachable?operation=delete → status Deleted', async () => {
    const a = await post(uploadForm({ FileName: 'gone.pdf', ContentType: 'application/pdf' }));
    const att = ((a.body['AttachableResponse'] as Json[])[0] as { Attachable: Json }).Attachable;
    const d = await gb.api('POST', 'attachable?operation=delete', att);
    expect(d.body).toEqual({ Attachable: { status: 'Deleted', domain: 'QBO', Id: att['Id'] }, time: expect.any(String) });
    expectFault(await gb.api('GET', `attachable/${String(att['Id'])}`), 400, '610');
  });
});

describe('§7 OAuth 2.0', () => {
  const basic = `Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`;
  const token = async (form: Record<string, string>, extra: Record<string, string> = {}): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${h.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...extra },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const newCompany = async (): Promise<{ realmId: string; refreshToken: string; accessToken: string }> => {
    const res = await fetch(`${h.url}/__admin/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ country: 'GB' }),
    });
    return (await res.json()) as { realmId: string; refreshToken: string; accessToken: string };
  };

  it('§7 token response: access_token, refresh_token, token_type "bearer", expires_in 3600, x_refresh_token_expires_in', async () => {
    const c = await newCompany();
    const a = await token({ grant_type: 'refresh_token', refresh_token: c.refreshToken });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: expect.any(Number),
    });
  });

  it('§7 x-include-refresh-token-hard-expires-in: true adds x_refresh_token_hard_expires_in (≤ 5 years)', async () => {
    const c = await newCompany();
    const a = await token(
      { grant_type: 'refresh_token', refresh_token: c.refreshToken },
      { 'x-include-refresh-token-hard-expires-in': 'true' },
    );
    expect(a.body['x_refresh_token_hard_expires_in']).toEqual(expect.any(Number));
    expect(Number(a.body['x_refresh_token_hard_expires_in'])).toBeLessThanOrEqual(5 * 366 * 86_400);
  });

  it('§7 invalid refresh token → 400 {"error":"invalid_grant", …}', async () => {
    const a = await token({ grant_type: 'refresh_token', refresh_token: 'RT1-nothing' });
    expect(a.status).toBe(400);
    expect(a.body['error']).toBe('invalid_grant');
  });

  it('§7 other OAuth errors: unsupported_grant_type, invalid_client', async () => {
    expect(await token({ grant_type: 'password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const res = await fetch(`${h.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { authorization: 'Basic bm86bm8=', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    expect(((await res.json()) as Json)['error']).toBe('invalid_client');
  });

  it('§7 revoke with JSON {"token"} (intuit-oauth) → 200; the access token then answers 401', async () => {
    const c = await newCompany();
    const res = await fetch(`${h.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token: c.refreshToken }),
    });
    expect(res.status).toBe(200);
    const after = await fetch(`${h.url}/v3/company/${c.realmId}/item/1`, {
      headers: { authorization: `Bearer ${c.accessToken}`, accept: 'application/json' },
    });
    expect(after.status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: c.refreshToken })).body['error']).toBe('invalid_grant');
  });

  it('§7 revoke with a form body token= (node-quickbooks) → 200', async () => {
    const c = await newCompany();
    const res = await fetch(`${h.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: c.accessToken }),
    });
    expect(res.status).toBe(200);
  });

  it('§7 authorize: GET /connect/oauth2 with response_type=code, client_id, redirect_uri, scope, state shows the consent page', async () => {
    const q = new URLSearchParams({
      client_id: 'sandbox-client-id',
      redirect_uri: 'http://localhost/cb',
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state: 's1',
    });
    const res = await fetch(`${h.url}/connect/oauth2?${q.toString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/html/);
  });
});
