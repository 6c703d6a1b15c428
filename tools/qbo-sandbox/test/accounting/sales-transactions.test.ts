// Invoices and credit memos over real HTTP: shapes, QBO's totals and validation faults. Each title cites QBO-API.md
// (or QBO-TAX.md / docs/qbo-computation-model.md for totals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanySettings } from '../../src/company/company-settings.js';
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

interface Setup {
  r: Realm;
  customerId: string;
  itemId: string;
  code(name: string): Promise<string>;
}

const setup = async (country: string, settings: Partial<CompanySettings> = {}): Promise<Setup> => {
  const r = await h.company(country, settings);
  const customer = await r.create('customer', { DisplayName: 'Client Test' });
  const items = (await r.query('select * from Item'))['Item'] as Json[];
  return {
    r,
    customerId: String(customer['Id']),
    itemId: String(items[0]?.['Id']),
    code: async (name) => String(((await r.query(`select * from TaxCode where Name = '${name}'`))['TaxCode'] as Json[])[0]?.['Id']),
  };
};

const itemLine = (itemId: string, amount: number, taxCode?: string, extra: Json = {}): Json => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: itemId }, ...(taxCode === undefined ? {} : { TaxCodeRef: { value: taxCode } }), ...extra },
});

describe('invoice shape and totals', () => {
  it('GB invoice: TxnTaxDetail per rate, SubTotalLineDetail appended, TotalAmt/Balance numbers (QBO-API.md §10, QBO-TAX.md §5)', async () => {
    const s = await setup('GB');
    const std = await s.code('20.0% S');
    const red = await s.code('5.0% R');
    const a = await s.r.api('POST', 'invoice?minorversion=75', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 100, std), itemLine(s.itemId, 10.1, red), itemLine(s.itemId, 0.55, std)],
    });
    expect(a.status).toBe(200);
    const inv = a.body['Invoice'] as Json;
    expect(inv).toMatchObject({
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      TotalAmt: 131.27,
      Balance: 131.27,
      GlobalTaxCalculation: 'TaxExcluded',
      CustomerRef: { value: s.customerId, name: 'Client Test' },
    });
    expect(inv['TxnTaxDetail']).toMatchObject({
      TotalTax: 20.62,
      TaxLine: [
        { Amount: 20.11, DetailType: 'TaxLineDetail', TaxLineDetail: { PercentBased: true, TaxPercent: 20, NetAmountTaxable: 100.55 } },
        { Amount: 0.51, TaxLineDetail: { TaxPercent: 5, NetAmountTaxable: 10.1 } },
      ],
    });
    const lines = inv['Line'] as Json[];
    expect(lines.at(-1)).toEqual({ Amount: 110.65, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(lines[0]).toMatchObject({ Id: '1', LineNum: 1 });
    expect(typeof inv['DocNumber']).toBe('string');
    expect(inv['MetaData']).toEqual({ CreateTime: expect.any(String), LastUpdatedTime: expect.any(String) });
  });

  it('AU tax inclusive: gross 450 at 10 % → Amount 409.09, tax 40.91, TotalAmt 450 (QBO-TAX.md §1.2)', async () => {
    const s = await setup('AU');
    const gst = await s.code('GST');
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      GlobalTaxCalculation: 'TaxInclusive',
      Line: [itemLine(s.itemId, 450, gst, { Qty: 450, UnitPrice: 1, TaxInclusiveAmt: 450 })],
    });
    expect(inv).toMatchObject({ TotalAmt: 450, TxnTaxDetail: { TotalTax: 40.91 } });
    expect((inv['Line'] as Json[])[0]).toMatchObject({
      Amount: 409.09,
      SalesItemLineDetail: { UnitPrice: 0.9090889, TaxInclusiveAmt: 450 },
    });
  });

  it('Amount ≠ UnitPrice × Qty → 6070 "Supplied value: 1,861.07" (QBO-TAX.md §1.4, QBO-API.md §6)', async () => {
    const s = await setup('GB');
    const a = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 1861.07, await s.code('20.0% S'), { Qty: 128.35, UnitPrice: 14.5 })],
    });
    expect([a.status, firstError(a)['code']]).toEqual([400, '6070']);
    expect(String(firstError(a)['Detail'])).toContain('Amount is not equal to UnitPrice * Qty. Supplied value: 1,861.07');
    const ok = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 1861.08, await s.code('20.0% S'), { Qty: 128.35, UnitPrice: 14.5 })],
    });
    expect(ok.status).toBe(200);
  });

  it("the caller's TxnTaxDetail tax lines are kept, OverrideDeltaAmount = supplied − computed (QBO-TAX.md §2, model rules 8-9)", async () => {
    const s = await setup('GB');
    const std = await s.code('20.0% S');
    const rate = String(((await s.r.query("select * from TaxRate where Name = '20.0% S'"))['TaxRate'] as Json[])[0]?.['Id']);
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 0.55, std), itemLine(s.itemId, 0.55, std)],
      TxnTaxDetail: {
        TaxLine: [
          {
            Amount: 0.22,
            DetailType: 'TaxLineDetail',
            TaxLineDetail: { TaxRateRef: { value: rate }, PercentBased: true, TaxPercent: 20, NetAmountTaxable: 1.1 },
          },
        ],
      },
    });
    expect(inv).toMatchObject({
      TotalAmt: 1.32,
      TxnTaxDetail: { TotalTax: 0.22, TaxLine: [{ Amount: 0.22, TaxLineDetail: { OverrideDeltaAmount: 0 } }] },
    });
    const wrong = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 10, std)],
      TxnTaxDetail: { TaxLine: [{ Amount: 1, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: '999' } } }] },
    });
    expect(firstError(wrong)['code']).toBe('6000');
  });

  it('credit memo: same totals, RemainingCredit, delete answers status Deleted (QBO-API.md §5 CreditMemo, §1 delete)', async () => {
    const s = await setup('GB');
    const cm = await s.r.create('creditmemo', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 50, await s.code('20.0% S'))],
    });
    expect(cm).toMatchObject({ TotalAmt: 60, Balance: 60, RemainingCredit: 60 });
    const del = await s.r.api('POST', 'creditmemo?operation=delete', { Id: cm['Id'], SyncToken: cm['SyncToken'] });
    expect(del.body).toMatchObject({ CreditMemo: { status: 'Deleted', domain: 'QBO', Id: cm['Id'] } });
    const voided = await s.r.api('POST', 'creditmemo?operation=void', { Id: cm['Id'], SyncToken: '0' });
    expect(voided.status).toBe(400);
  });
});

describe('invoice updates, delete and void', () => {
  it('sparse update keeps lines, full update with a stale SyncToken → 5010, line Ids kept (QBO-API.md §1 Updates)', async () => {
    const s = await setup('GB');
    const std = await s.code('20.0% S');
    const inv = await s.r.create('invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 100, std)] });
    const sparse = await s.r.api('POST', 'invoice', { Id: inv['Id'], SyncToken: '0', sparse: true, PrivateNote: 'memo' });
    expect(sparse.body).toMatchObject({ Invoice: { SyncToken: '1', PrivateNote: 'memo', TotalAmt: 120 } });
    const full = await s.r.api('POST', 'invoice', {
      Id: inv['Id'],
      SyncToken: '1',
      CustomerRef: { value: s.customerId },
      Line: [{ Id: '1', ...itemLine(s.itemId, 200, std) }, itemLine(s.itemId, 10, std)],
    });
    expect(full.body).toMatchObject({
      Invoice: { SyncToken: '2', TotalAmt: 252, Line: [{ Id: '1' }, { Id: '2' }, { DetailType: 'SubTotalLineDetail' }] },
    });
    const stale = await s.r.api('POST', 'invoice', { Id: inv['Id'], SyncToken: '1', sparse: true, PrivateNote: 'x' });
    expect(firstError(stale)['code']).toBe('5010');
  });

  it('void zeroes amounts, prepends "Voided" to PrivateNote, increments SyncToken (QBO-API.md §1 void)', async () => {
    const s = await setup('GB');
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      PrivateNote: 'note',
      Line: [itemLine(s.itemId, 100, await s.code('20.0% S'), { Qty: 2, UnitPrice: 50 })],
    });
    const a = await s.r.api('POST', 'invoice?operation=void', { Id: inv['Id'], SyncToken: '0' });
    expect(a.body).toMatchObject({
      Invoice: {
        SyncToken: '1',
        TotalAmt: 0,
        Balance: 0,
        PrivateNote: 'Voided - note',
        TxnTaxDetail: { TotalTax: 0 },
        Line: [{ Amount: 0, SalesItemLineDetail: { Qty: 0 } }, { Amount: 0 }],
      },
    });
  });

  it('delete answers {Invoice:{status:"Deleted",domain:"QBO",Id}} and the invoice is gone (QBO-API.md §1 delete, §10)', async () => {
    const s = await setup('GB');
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 1, await s.code('Exempt'))],
    });
    const a = await s.r.api('POST', 'invoice?operation=delete', { Id: inv['Id'], SyncToken: '0' });
    expect(a.body['Invoice']).toEqual({ status: 'Deleted', domain: 'QBO', Id: inv['Id'] });
    expect((await s.r.api('GET', `invoice/${String(inv['Id'])}`)).status).toBe(400);
  });

  it('node-quickbooks createInvoice / voidInvoice / deleteInvoice (STACK-NOTES.md §4)', async () => {
    const s = await setup('GB');
    const qbo = s.r.qbo();
    const std = await s.code('20.0% S');
    const inv = await nodeQb<Json>((cb) =>
      qbo.createInvoice(
        { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 10, std, { Qty: 1, UnitPrice: 10 })] } as never,
        cb,
      ),
    );
    expect(inv['TotalAmt']).toBe(12);
    // node-quickbooks hands void and delete answers over whole (`{Invoice: …}`), unlike create.
    const voided = await nodeQb<{ Invoice: Json }>((cb) => qbo.voidInvoice({ Id: String(inv['Id']), SyncToken: '0' } as never, cb));
    expect(voided.Invoice['TotalAmt']).toBe(0);
    const deleted = await nodeQb<Json>((cb) => qbo.deleteInvoice({ Id: String(inv['Id']), SyncToken: '1' } as never, cb));
    expect(deleted).toMatchObject({ Invoice: { status: 'Deleted' } });
  });
});

describe('invoice validation faults (QBO-API.md §5 Invoice, §6)', () => {
  it('missing CustomerRef → 2020 element CustomerRef; no lines → 2020 element Line', async () => {
    const s = await setup('GB');
    const a = await s.r.api('POST', 'invoice', { Line: [itemLine(s.itemId, 1, await s.code('Exempt'))] });
    expect([a.status, firstError(a)['code'], firstError(a)['element'], firstError(a)['Detail']]).toEqual([
      400,
      '2020',
      'CustomerRef',
      'Required parameter CustomerRef is missing in the request',
    ]);
    const b = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, Line: [] });
    expect([firstError(b)['code'], firstError(b)['element']]).toEqual(['2020', 'Line']);
  });

  it('DocNumber over 21 characters → 2050 "Min:0 Max:21 supported. Supplied length:33"', async () => {
    const s = await setup('GB');
    const a = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      DocNumber: 'x'.repeat(33),
      Line: [itemLine(s.itemId, 1, await s.code('Exempt'))],
    });
    expect(firstError(a)).toMatchObject({ code: '2050', element: 'DocNumber' });
    expect(String(firstError(a)['Detail'])).toContain('Min:0 Max:21 supported. Supplied length:33');
  });

  it('duplicate DocNumber → 6140 when the company warns; ?include=allowduplicatedocnum lets it through', async () => {
    const s = await setup('GB', { customTxnNumbers: true });
    const body = { CustomerRef: { value: s.customerId }, DocNumber: 'F-1', Line: [itemLine(s.itemId, 1, await s.code('Exempt'))] };
    const first = await s.r.create('invoice', body);
    const dup = await s.r.api('POST', 'invoice', body);
    expect([dup.status, firstError(dup)['code'], firstError(dup)['Message']]).toEqual([400, '6140', 'Duplicate Document Number Error']);
    expect(String(firstError(dup)['Detail'])).toContain(`DocNumber=F-1 is assigned to TxnType=Invoice with TxnId=${String(first['Id'])}`);
    expect((await s.r.api('POST', 'invoice?include=allowduplicatedocnum', body)).status).toBe(200);
    await s.r.settings({ warnDuplicateDocNum: false });
    expect((await s.r.api('POST', 'invoice', body)).status).toBe(200);
  });

  it('unknown CustomerRef / ItemRef / TaxCodeRef → 2500; inactive item → 610', async () => {
    const s = await setup('GB');
    const std = await s.code('20.0% S');
    const cust = await s.r.api('POST', 'invoice', { CustomerRef: { value: '999' }, Line: [itemLine(s.itemId, 1, std)] });
    expect([firstError(cust)['code'], firstError(cust)['element']]).toEqual(['2500', 'CustomerRef']);
    const item = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine('999', 1, std)] });
    expect([firstError(item)['code'], firstError(item)['element']]).toEqual(['2500', 'ItemRef']);
    const code = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 1, '999')] });
    expect([firstError(code)['code'], firstError(code)['element']]).toEqual(['2500', 'TaxCodeRef']);
    const extra = await s.r.create('item', { Name: 'Old service', Type: 'Service', IncomeAccountRef: { value: '1' } });
    await s.r.api('POST', 'item', { Id: extra['Id'], SyncToken: '0', sparse: true, Active: false });
    const inactive = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(String(extra['Id']), 1, std)],
    });
    expect([firstError(inactive)['code'], firstError(inactive)['Message']]).toEqual(['610', 'Object Not Found']);
  });

  it('a line without a tax code → 6000 with the country wording (GB VAT rate, CA GST/HST rate, FR taux de TVA)', async () => {
    const expected: Record<string, string> = {
      GB: 'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
      CA: 'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.',
      FR: 'Business Validation Error: Assurez-vous que toutes vos opérations ont un taux de TVA avant de les enregistrer.',
    };
    for (const [country, detail] of Object.entries(expected)) {
      const s = await setup(country);
      const a = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, DocNumber: 'F1', Line: [itemLine(s.itemId, 10)] });
      expect([a.status, firstError(a)]).toEqual([
        400,
        { Message: 'A business validation error has occurred while processing your request', Detail: detail, code: '6000', element: '' },
      ]);
    }
  });

  it('a discount while the company does not allow discounts → 6000 saying to enable discounts (choice of wording)', async () => {
    const s = await setup('GB', { allowDiscount: false });
    const std = await s.code('20.0% S');
    const a = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [
        itemLine(s.itemId, 100, std),
        { DetailType: 'DiscountLineDetail', Amount: 10, DiscountLineDetail: { PercentBased: false, TaxCodeRef: { value: std } } },
      ],
    });
    expect(firstError(a)['code']).toBe('6000');
    expect(String(firstError(a)['Detail'])).toContain('enable discounts in Account and Settings > Sales');
    const fr = await setup('FR', { allowDiscount: false });
    const b = await fr.r.api('POST', 'invoice', {
      CustomerRef: { value: fr.customerId },
      DocNumber: 'F2',
      Line: [itemLine(fr.itemId, 100, await fr.code('TVA 20 %'), { DiscountRate: 10 })],
    });
    expect(String(firstError(b)['Detail'])).toContain('enable discounts');
  });

  it('a discount line with neither amount nor percent → 6090 (QBO-API.md §5 Invoice discount line)', async () => {
    const s = await setup('GB', { allowDiscount: true });
    const std = await s.code('20.0% S');
    const a = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 100, std), { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true } }],
    });
    expect(firstError(a)['code']).toBe('6090');
  });

  it('GB discount line with a tax code reduces the taxed base (model rule 5)', async () => {
    const s = await setup('GB', { allowDiscount: true });
    const std = await s.code('20.0% S');
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      Line: [
        itemLine(s.itemId, 100, std),
        { DetailType: 'DiscountLineDetail', Amount: 10, DiscountLineDetail: { PercentBased: false, TaxCodeRef: { value: std } } },
      ],
    });
    expect(inv).toMatchObject({ TotalAmt: 108, TxnTaxDetail: { TotalTax: 18 } });
  });

  it('France: DocNumber required with custom numbers (2020); line DiscountRate applied; a global discount line is saved with 0 (QBO-API.md §9, §6)', async () => {
    const s = await setup('FR', { allowDiscount: true });
    const tva = await s.code('TVA 20 %');
    const missing = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 100, tva)] });
    expect([firstError(missing)['code'], firstError(missing)['element']]).toEqual(['2020', 'DocNumber']);
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      DocNumber: 'F1001',
      Line: [
        itemLine(s.itemId, 100, tva, { DiscountRate: 10 }),
        { DetailType: 'DiscountLineDetail', Amount: 5, DiscountLineDetail: { PercentBased: false } },
      ],
    });
    expect(inv).toMatchObject({
      DocNumber: 'F1001',
      TotalAmt: 108,
      TxnTaxDetail: { TotalTax: 18 },
      TransactionLocationType: 'WithinFrance',
    });
    expect((inv['Line'] as Json[])[0]).toMatchObject({ SalesItemLineDetail: { DiscountAmt: 10, DiscountRate: 10 } });
    expect((inv['Line'] as Json[])[1]).toMatchObject({ DetailType: 'DiscountLineDetail', Amount: 0 });
  });

  it('US company: TaxCodeRef must be TAX or NON → 6100; no VAT computed (QBO-API.md §5 TaxCode)', async () => {
    const s = await setup('US');
    const a = await s.r.api('POST', 'invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 100, '5')] });
    expect([firstError(a)['code'], firstError(a)['element']]).toEqual(['6100', 'TaxCodeRef']);
    const inv = await s.r.create('invoice', { CustomerRef: { value: s.customerId }, Line: [itemLine(s.itemId, 100)] });
    expect(inv).toMatchObject({
      TotalAmt: 100,
      TxnTaxDetail: { TotalTax: 0 },
      Line: [{ SalesItemLineDetail: { TaxCodeRef: { value: 'NON' } } }, { DetailType: 'SubTotalLineDetail' }],
    });
    expect(inv['GlobalTaxCalculation']).toBeUndefined();
  });

  it('VAT not set up: TxnTaxDetail is ignored and a line TaxCodeRef dropped (QBO-API.md §5 Invoice Tax; choice)', async () => {
    const s = await setup('GB', { vatEnabled: false });
    const inv = await s.r.create('invoice', {
      CustomerRef: { value: s.customerId },
      Line: [itemLine(s.itemId, 100, '3')],
      TxnTaxDetail: { TotalTax: 20 },
    });
    expect(inv).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });
    expect(((inv['Line'] as Json[])[0]?.['SalesItemLineDetail'] as Json)['TaxCodeRef']).toBeUndefined();
  });

  it('GlobalTaxCalculation NotApplicable with a TxnTaxDetail → 6170 (QBO-API.md §6)', async () => {
    const s = await setup('GB');
    const a = await s.r.api('POST', 'invoice', {
      CustomerRef: { value: s.customerId },
      GlobalTaxCalculation: 'NotApplicable',
      Line: [itemLine(s.itemId, 100, await s.code('20.0% S'))],
      TxnTaxDetail: { TotalTax: 1 },
    });
    expect(firstError(a)['code']).toBe('6170');
  });
});
