// The settings page: QBO's French words and the help article's, one number format per language, the documents the
// module sent (number, customer, totals, tax per rate, attachments, PDF), and the links to and from the consent screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './probe/probe-support.js';
import { itemLine, newCustomer, taxCodeId } from './probe/probe-support.js';
import type { Harness, Realm } from './support/accounting-harness.js';
import { startHarness } from './support/accounting-harness.js';

let h: Harness;
let fr: Realm;
let invoice: Json;
beforeAll(async () => {
  h = await startHarness();
  fr = await h.company('FR', { companyName: 'Menuiserie Petit' });
  const customer = await newCustomer(fr, { DisplayName: 'Boulangerie Martin' });
  const [t20, t55] = [await taxCodeId(fr, 'TVA 20 %'), await taxCodeId(fr, 'TVA 5,5 %')];
  invoice = await fr.create('invoice', {
    DocNumber: 'OGUSTINE_2026-11-30',
    CustomerRef: { value: customer },
    Line: [itemLine(1000, t20), itemLine(200, t55)],
  });
  await fr.create('creditmemo', { DocNumber: 'AV-1', CustomerRef: { value: customer }, Line: [itemLine(100, t20)] });
  const form = new FormData();
  form.append(
    'file_metadata_01',
    JSON.stringify({
      FileName: 'facture.pdf',
      ContentType: 'application/pdf',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice['Id'] } }],
    }),
  );
  form.append('file_content_01', new Blob([new TextEncoder().encode('%PDF-1.4 test')], { type: 'application/pdf' }), 'facture.pdf');
  expect((await fr.raw('POST', 'upload', { body: form })).status).toBe(200);
});
afterAll(async () => {
  await h.close();
});

const html = async (path: string): Promise<string> => (await fetch(`${h.url}${path}`)).text();
const nbsp = (s: string): string => s.replace(/[\u202f\u00a0]/g, ' ');

describe('/__admin/ui', () => {
  it('French words of QBO and the help article: « Prise en charge des rabais », « Numéros d’opérations personnalisés »', async () => {
    const page = await html('/__admin/ui');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Prise en charge des rabais');
    expect(page).toContain('Numéros d’opérations personnalisés');
    expect(page).not.toContain('(Discounts');
  });

  it('one number format per language: « 5,5 % » and « 1 200,00 € » in French, "5.5%" and "€1,200.00" in English', async () => {
    const french = nbsp(await html('/__admin/ui'));
    expect(french).toContain('TVA collectée 5,5 % : 5,5 %');
    expect(french).toContain('1 200,00 €');
    expect(french).not.toContain('5.5%');
    expect(french).not.toContain('1,200.00');
    const english = nbsp(await html('/__admin/ui?lang=en'));
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('TVA collectée 5,5 % : 5.5%');
    expect(english).toContain('€1,200.00');
    expect(english).toContain('Discounts');
    expect(english).not.toContain('1 200,00');
  });

  it('documents: number, customer, net, tax, total, tax per rate, attachment link and PDF for invoices and credit memos', async () => {
    const page = nbsp(await html('/__admin/ui'));
    expect(page).toContain('OGUSTINE_2026-11-30');
    expect(page).toContain('AV-1');
    expect(page).toContain('Boulangerie Martin');
    expect(page).toMatch(/<td>1 200,00 €<\/td><td>211,00 €<\/td><td>1 411,00 €<\/td>/);
    expect(page).toContain('TVA collectée 20 % (20 %) : 200,00 € sur 1 000,00 €');
    expect(page).toContain('TVA collectée 5,5 % (5,5 %) : 11,00 € sur 200,00 €');
    const link = /<a href="([^"]+)">facture\.pdf<\/a>/.exec(page)?.[1] ?? '';
    const file = await fetch(link.replace(/&amp;/g, '&'));
    expect([file.status, await file.text()]).toEqual([200, '%PDF-1.4 test']);
    const pdf = /<a href="([^"]+\/documents\/Invoice\/[^"]+\/pdf)">PDF<\/a>/.exec(page)?.[1] ?? '';
    const res = await fetch(`${h.url}${pdf}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });

  it('shows the sandbox clock and each company’s webhook', async () => {
    await h.sandbox.admin.changeTime({ set: new Date('2026-12-01T08:00:00Z'), frozen: true });
    h.sandbox.admin.registerWebhook(fr.realmId, { url: 'http://127.0.0.1:9/hook', verifierToken: 't', entities: ['Invoice'] });
    const page = await html('/__admin/ui');
    expect(page).toContain('<time>2026-12-01T08:00:00.000Z</time> (arrêtée)');
    expect(page).toContain('<code>http://127.0.0.1:9/hook</code> — 0 notification(s) envoyée(s), 0 en échec');
    h.sandbox.admin.unregisterWebhook(fr.realmId);
    await h.sandbox.admin.changeTime({ frozen: false });
  });

  it("QBO's page of a transaction (where « Ouvrir dans QuickBooks » leads) opens its view; an id several companies hold lists them", async () => {
    const id = String(invoice['Id']);
    const opened = await fetch(`${h.url}/app/invoice?txnId=${id}`, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(`/__admin/ui/companies/${fr.realmId}/documents/Invoice/${id}/pdf`);
    // Ids are numbered per company: another company's first invoice takes the same id.
    const other = await h.company('FR', { companyName: 'Plomberie Durand' });
    const twin = await other.create('invoice', {
      DocNumber: 'OGUSTINE_X',
      CustomerRef: { value: await newCustomer(other, { DisplayName: 'Café Durand' }) },
      Line: [itemLine(50, await taxCodeId(other, 'TVA 20 %'))],
    });
    expect(twin['Id']).toBe(invoice['Id']);
    const list = await html(`/app/invoice?txnId=${id}`);
    expect(list).toContain(`/__admin/ui/companies/${fr.realmId}/documents/Invoice/${id}/pdf`);
    expect(list).toContain(`/__admin/ui/companies/${other.realmId}/documents/Invoice/${id}/pdf`);
    expect((await fetch(`${h.url}/app/creditmemo?txnId=does-not-exist`)).status).toBe(404);
    expect((await fetch(`${h.url}/app/estimate?txnId=${id}`)).status).toBe(404);
  });

  it('the settings page links to the consent screen, which links back; approving lands on a page showing the code', async () => {
    const page = await html('/__admin/ui');
    const consent = /<a href="(\/connect\/oauth2\?[^"]+)">/.exec(page)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(consent).toContain('client_id=');
    const screen = await html(consent);
    expect(screen).toContain('href="/__admin/ui"');
    const params = new URL(consent, h.url).searchParams;
    const approved = await fetch(`${h.url}/connect/oauth2`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: params.get('client_id') ?? '',
        redirect_uri: params.get('redirect_uri') ?? '',
        scope: params.get('scope') ?? '',
        response_type: 'code',
        state: 'settings-page',
        realmId: fr.realmId,
        decision: 'approve',
      }),
    });
    const location = approved.headers.get('location') ?? '';
    expect(location).toContain('/__admin/ui/connected?code=');
    expect(await html(new URL(location).pathname + new URL(location).search)).toContain(fr.realmId);
  });
});
