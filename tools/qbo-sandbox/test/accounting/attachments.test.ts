// Upload, attachable, download and the transaction PDF over real HTTP (QBO-API.md §5 "Attachable and /upload", §1 PDF).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { firstError, nodeQb, startHarness } from '../support/accounting-harness.js';

type Json = Record<string, unknown>;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% a tiny file\n%%EOF\n');

const withInvoice = async (): Promise<{ r: Realm; invoice: Json }> => {
  const r = await h.company('GB');
  const cust = await r.create('customer', { DisplayName: 'Ada (Ltd) \\ Ørsted' });
  const code = String(((await r.query("select * from TaxCode where Name = '20.0% S'"))['TaxCode'] as Json[])[0]?.['Id']);
  const invoice = await r.create('invoice', {
    CustomerRef: { value: cust['Id'] },
    Line: [
      { DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: '1' }, TaxCodeRef: { value: code } } },
    ],
  });
  return { r, invoice };
};

describe('upload and attachable', () => {
  it('multipart file_metadata_01 + file_content_01 → AttachableResponse with the Attachable linked to the invoice', async () => {
    const { r, invoice } = await withInvoice();
    const form = new FormData();
    form.append(
      'file_metadata_01',
      new Blob(
        [
          JSON.stringify({
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice['Id'] }, IncludeOnSend: false }],
            FileName: 'facture.pdf',
            ContentType: 'application/pdf',
          }),
        ],
        { type: 'application/json' },
      ),
    );
    form.append('file_content_01', new Blob([pdfBytes], { type: 'application/pdf' }), 'facture.pdf');
    const res = await r.raw('POST', 'upload?minorversion=75', { body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const att = (body['AttachableResponse'] as Json[])[0]?.['Attachable'] as Json;
    expect(att).toMatchObject({
      SyncToken: '0',
      FileName: 'facture.pdf',
      ContentType: 'application/pdf',
      Size: pdfBytes.length,
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice['Id'] } }],
    });
    expect(typeof att['TempDownloadUri']).toBe('string');
    const found = await r.query(
      `select * from Attachable where AttachableRef.EntityRef.Type = 'invoice' and AttachableRef.EntityRef.value = '${String(invoice['Id'])}'`,
    );
    expect((found['Attachable'] as Json[]).map((a) => a['Id'])).toEqual([att['Id']]);
  });

  it('a metadata part referencing an unknown invoice faults that file alone (2500) inside AttachableResponse', async () => {
    const { r } = await withInvoice();
    const form = new FormData();
    form.append(
      'file_metadata_01',
      new Blob(
        [
          JSON.stringify({
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: '999' } }],
            FileName: 'x.pdf',
            ContentType: 'application/pdf',
          }),
        ],
        { type: 'application/json' },
      ),
    );
    form.append('file_content_01', new Blob([pdfBytes], { type: 'application/pdf' }), 'x.pdf');
    const body = (await (await r.raw('POST', 'upload', { body: form })).json()) as Json;
    expect((body['AttachableResponse'] as Json[])[0]).toMatchObject({ Fault: { Error: [{ code: '2500' }] } });
  });

  it('node-quickbooks upload: content-only part, then POST /attachable?operation=update with SyncToken "0" links it (STACK-NOTES.md §4)', async () => {
    const { r, invoice } = await withInvoice();
    const qbo = r.qbo();
    const answer = await nodeQb<Json>((cb) =>
      qbo.upload('invoice.pdf', 'application/pdf', Buffer.from(pdfBytes), 'Invoice', String(invoice['Id']), cb),
    );
    const linked = (answer['Attachable'] ?? answer) as Json;
    expect(linked).toMatchObject({
      SyncToken: '1',
      FileName: 'invoice.pdf',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice['Id'] } }],
    });
    const read = await r.api('GET', `attachable/${String(linked['Id'])}`);
    expect(read.body).toMatchObject({ Attachable: { Id: linked['Id'], Size: pdfBytes.length } });
  });

  it('a second update with the old SyncToken "0" is stale (5010) (QBO-API.md §1 Updates)', async () => {
    const { r, invoice } = await withInvoice();
    const form = new FormData();
    form.append('file_content_01', new Blob([pdfBytes], { type: 'application/pdf' }), 'a.pdf');
    const att =
      ((await (await r.raw('POST', 'upload', { body: form })).json()) as { AttachableResponse: { Attachable: Json }[] })
        .AttachableResponse[0]?.Attachable ?? {};
    const link = { Id: att['Id'], SyncToken: '0', sparse: true, AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice['Id'] } }] };
    expect((await r.api('POST', 'attachable?operation=update', link)).status).toBe(200);
    expect(firstError(await r.api('POST', 'attachable?operation=update', link))['code']).toBe('5010');
  });

  it('a file type QBO does not take → 6041 (QBO-API.md §5 allowed types)', async () => {
    const { r } = await withInvoice();
    const form = new FormData();
    form.append('file_content_01', new Blob([new Uint8Array([1, 2])], { type: 'application/x-msdownload' }), 'a.exe');
    const body = (await (await r.raw('POST', 'upload', { body: form })).json()) as Json;
    expect((body['AttachableResponse'] as Json[])[0]).toMatchObject({ Fault: { Error: [{ code: '6041' }] } });
  });

  it('GET /download/{id} answers a temporary URL that serves the file for 15 minutes (QBO-API.md §5 download)', async () => {
    const { r } = await withInvoice();
    const form = new FormData();
    form.append('file_content_01', new Blob([pdfBytes], { type: 'application/pdf' }), 'd.pdf');
    const att =
      ((await (await r.raw('POST', 'upload', { body: form })).json()) as { AttachableResponse: { Attachable: Json }[] })
        .AttachableResponse[0]?.Attachable ?? {};
    const res = await r.raw('GET', `download/${String(att['Id'])}`);
    const link = await res.text();
    expect(res.status).toBe(200);
    expect(link.startsWith(`${h.url}/__files/${r.realmId}/`)).toBe(true);
    // The link is served over real HTTP, without a bearer token.
    const served = await fetch(link);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pdfBytes);
    const company = h.sandbox.admin.company(r.realmId);
    for (const entry of company?.downloadTokens.values() ?? []) entry.expiresAt = Date.now() - 1;
    expect((await fetch(link)).status).toBe(404);
  });
});

describe('transaction PDF (QBO-API.md §1 PDF)', () => {
  it('GET /invoice/{id}/pdf and /creditmemo/{id}/pdf answer application/pdf with number, customer and totals', async () => {
    const { r, invoice } = await withInvoice();
    const res = await r.raw('GET', `invoice/${String(invoice['Id'])}/pdf`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain(`(Invoice ${String(invoice['DocNumber'])}) Tj`);
    expect(text).toContain('(Customer: Ada \\(Ltd\\) \\\\ \\330rsted) Tj');
    expect(text).toContain('(Total: 120.00 GBP) Tj');
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const firstObjectOffset = Number(/xref\n0 6\n0000000000 65535 f \n(\d{10})/.exec(text)?.[1]);
    expect(text.slice(firstObjectOffset, firstObjectOffset + 7)).toBe('1 0 obj');
    const cm = await r.create('creditmemo', {
      CustomerRef: invoice['CustomerRef'],
      Line: (invoice['Line'] as Json[]).slice(0, 1).map(({ Id: _id, ...l }) => l),
    });
    const cmPdf = await r.raw('GET', `creditmemo/${String(cm['Id'])}/pdf`);
    expect(Buffer.from(await cmPdf.arrayBuffer()).toString('latin1')).toContain('(Credit memo');
  });

  it('node-quickbooks getInvoicePdf receives the PDF bytes (STACK-NOTES.md §4)', async () => {
    const { r, invoice } = await withInvoice();
    const qbo = r.qbo();
    const pdf = await nodeQb<Buffer>((cb) => qbo.getInvoicePdf(String(invoice['Id']), cb));
    expect(Buffer.from(pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('PDF of an unknown invoice → HTTP 400, 610', async () => {
    const { r } = await withInvoice();
    const a = await r.api('GET', 'invoice/999/pdf');
    expect([a.status, firstError(a)['code']]).toEqual([400, '610']);
  });
});
