// Probe of QBO-API.md §5 Invoice / CreditMemo and §10's sample, with QBO-TAX.md §5's real examples reproduced to the cent.
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

// The sandbox stamps dates in its fixed -07:00 offset (README: Companies).
const today = (): string => new Date(Date.now() - 7 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('§5 Invoice and CreditMemo', () => {
  it('§10 invoice create (US sample request): shape of the answer, SubTotalLineDetail, TxnTaxDetail, TotalAmt, Balance', async () => {
    const us = await h.company('US');
    const customer = await newCustomer(us, { BillAddr: { Line1: '4581 Finch St.', City: 'Bayshore' } });
    const a = await us.api('POST', 'invoice', {
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100.0, SalesItemLineDetail: { ItemRef: { name: 'Services', value: '1' } } }],
      CustomerRef: { value: customer },
    });
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(['Invoice', 'time']);
    const inv = entityOf(a, 'Invoice');
    expect(inv).toMatchObject({
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      CustomerRef: { value: customer, name: expect.any(String) },
      TotalAmt: 100,
      Balance: 100,
      Deposit: 0,
      ApplyTaxAfterDiscount: false,
      EmailStatus: 'NotSet',
      LinkedTxn: [],
      TxnTaxDetail: { TotalTax: 0 },
      BillAddr: { Line1: '4581 Finch St.' },
      MetaData: { CreateTime: expect.any(String), LastUpdatedTime: expect.any(String) },
    });
    expect(typeof inv['Id']).toBe('string');
    expect(typeof inv['DocNumber']).toBe('string');
    expect(inv['Line']).toEqual([
      {
        Id: '1',
        LineNum: 1,
        Amount: 100,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { name: 'Services', value: '1' }, TaxCodeRef: { value: 'NON' } },
      },
      { DetailType: 'SubTotalLineDetail', Amount: 100, SubTotalLineDetail: {} },
    ]);
  });

  it('§5 required: CustomerRef and at least one line (2020 with element)', async () => {
    expect(expectFault(await gb.api('POST', 'invoice', { Line: [itemLine(1, std)] }), 400, '2020')['element']).toBe('CustomerRef');
    expect(expectFault(await gb.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(gb) } }), 400, '2020')['element']).toBe(
      'Line',
    );
    expect(
      expectFault(await gb.api('POST', 'creditmemo', { CustomerRef: { value: await newCustomer(gb) }, Line: [] }), 400, '2020')['element'],
    ).toBe('Line');
  });

  it("§5 BillAddr and ShipAddr default to the customer's addresses", async () => {
    const customer = await newCustomer(gb, { BillAddr: { Line1: '1 Bill St' }, ShipAddr: { Line1: '2 Ship St' } });
    const inv = await gb.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(1, std)] });
    expect(inv).toMatchObject({ BillAddr: { Line1: '1 Bill St' }, ShipAddr: { Line1: '2 Ship St' } });
  });

  it('§6 DocNumber max 21: 22 characters → 2050 "… Min:0 Max:21 supported. Supplied length:22"', async () => {
    const e = expectFault(
      await gb.api('POST', 'invoice', {
        CustomerRef: { value: await newCustomer(gb) },
        DocNumber: 'D'.repeat(22),
        Line: [itemLine(1, std)],
      }),
      400,
      '2050',
    );
    expect(e['Detail']).toMatch(/Min:0 Max:21 supported\. Supplied length:22$/);
    expect(e['element']).toBe('DocNumber');
    expect(
      (
        await gb.api('POST', 'invoice', {
          CustomerRef: { value: await newCustomer(gb) },
          DocNumber: 'D'.repeat(21),
          Line: [itemLine(1, std)],
        })
      ).status,
    ).toBe(200);
  });

  it('§6 duplicate DocNumber → 6140 with the documented Message and Detail; ?include=allowduplicatedocnum lets it through', async () => {
    const r = await h.company('GB', { customTxnNumbers: true, warnDuplicateDocNum: true });
    const code = await taxCodeId(r, '20.0% S');
    const first = await r.create('invoice', {
      CustomerRef: { value: await newCustomer(r) },
      DocNumber: 'INV-7',
      Line: [itemLine(1, code)],
    });
    const e = expectFault(
      await r.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(r) }, DocNumber: 'INV-7', Line: [itemLine(1, code)] }),
      400,
      '6140',
    );
    expect(e['Message']).toBe('Duplicate Document Number Error');
    expect(e['Detail']).toBe(
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=INV-7 is assigned to TxnType=Invoice with TxnId=${String(first['Id'])}`,
    );
    expect(
      (
        await r.api('POST', 'invoice?include=allowduplicatedocnum', {
          CustomerRef: { value: await newCustomer(r) },
          DocNumber: 'INV-7',
          Line: [itemLine(1, code)],
        })
      ).status,
    ).toBe(200);
  });

  it('§5 DocNumber: custom numbers off → generated; custom numbers on and none given → none (outside France)', async () => {
    const generated = await gb.create('invoice', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(1, std)] });
    expect(generated['DocNumber']).toMatch(/^\d+$/);
    const r = await h.company('GB', { customTxnNumbers: true });
    const code = await taxCodeId(r, '20.0% S');
    const none = await r.create('invoice', { CustomerRef: { value: await newCustomer(r) }, Line: [itemLine(1, code)] });
    expect(none['DocNumber'] ?? null).toBeNull();
  });

  it('§5 France with custom numbers on: DocNumber is required (2020 DocNumber)', async () => {
    const fr = await h.company('FR');
    const tva = await taxCodeId(fr, 'TVA 20 %');
    expect(
      expectFault(
        await fr.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(fr) }, Line: [itemLine(1, tva)] }),
        400,
        '2020',
      )['element'],
    ).toBe('DocNumber');
    expect(
      (await fr.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(fr) }, DocNumber: 'F1001', Line: [itemLine(1, tva)] }))
        .status,
    ).toBe(200);
  });

  it('§5 TxnDate defaults to today (YYYY-MM-DD); DueDate defaults to TxnDate + the terms days (Net 30, as §10 sample)', async () => {
    const inv = await gb.create('invoice', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(1, std)] });
    expect(inv['TxnDate']).toBe(today());
    expect(inv['DueDate']).toBe(plusDays(String(inv['TxnDate']), 30));
    const dated = await gb.create('invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      TxnDate: '2015-07-24',
      Line: [itemLine(1, std)],
    });
    expect(dated['DueDate']).toBe('2015-08-23');
    const due = await gb.create('invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      TxnDate: '2015-07-24',
      DueDate: '2015-07-31',
      Line: [itemLine(1, std)],
    });
    expect(due['DueDate']).toBe('2015-07-31');
  });

  it('§5 TotalAmt and Balance are computed by the server; supplied values are overwritten', async () => {
    const inv = await gb.create('invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      Line: [itemLine(100, std)],
      TotalAmt: 5,
      Balance: 5,
    });
    expect(inv).toMatchObject({ TotalAmt: 120, Balance: 120, TxnTaxDetail: { TotalTax: 20 } });
  });

  it('§5 text limits: PrivateNote ≤ 4000, CustomerMemo ≤ 1000, line Description ≤ 4000', async () => {
    const c = await newCustomer(gb);
    expect(
      (
        await gb.api('POST', 'invoice', {
          CustomerRef: { value: c },
          Line: [itemLine(1, std)],
          PrivateNote: 'p'.repeat(4000),
          CustomerMemo: { value: 'm'.repeat(1000) },
        })
      ).status,
    ).toBe(200);
    expectFault(
      await gb.api('POST', 'invoice', { CustomerRef: { value: c }, Line: [itemLine(1, std)], PrivateNote: 'p'.repeat(4001) }),
      400,
      '2050',
    );
    expectFault(
      await gb.api('POST', 'invoice', { CustomerRef: { value: c }, Line: [itemLine(1, std)], CustomerMemo: { value: 'm'.repeat(1001) } }),
      400,
      '2050',
    );
    expectFault(
      await gb.api('POST', 'invoice', { CustomerRef: { value: c }, Line: [{ ...itemLine(1, std), Description: 'd'.repeat(4001) }] }),
      400,
      '2050',
    );
  });

  it('§5 a line without ItemRef is documentation only: its Amount is not counted', async () => {
    const inv = await gb.create('invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      Line: [itemLine(100, std), { DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: {} }],
    });
    expect(inv['TotalAmt']).toBe(120);
  });

  it('§5 TxnTaxDetail is ignored and not stored when UsingSalesTax=false', async () => {
    const off = await h.company('GB', { vatEnabled: false });
    const inv = await off.create('invoice', {
      CustomerRef: { value: await newCustomer(off) },
      Line: [itemLine(100)],
      TxnTaxDetail: { TotalTax: 20 },
    });
    expect(inv).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });
  });

  it('§5 CreditMemo: same lines and tax; RemainingCredit and Balance equal TotalAmt on create; DocNumber generated', async () => {
    const cm = await gb.create('creditmemo', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(50, std)] });
    expect(cm).toMatchObject({ TotalAmt: 60, Balance: 60, RemainingCredit: 60, TxnTaxDetail: { TotalTax: 10 } });
  });

  it('§5 France: TransactionLocationType defaults to WithinFrance; line DiscountRate wins over DiscountAmt', async () => {
    const fr = await h.company('FR');
    const tva = await taxCodeId(fr, 'TVA 20 %');
    const inv = await fr.create('invoice', {
      CustomerRef: { value: await newCustomer(fr) },
      DocNumber: 'F9',
      Line: [itemLine(100, tva, { DiscountAmt: 5, DiscountRate: 10 })],
    });
    expect(inv).toMatchObject({ TransactionLocationType: 'WithinFrance', TxnTaxDetail: { TotalTax: 18 }, TotalAmt: 108 });
  });

  it('§5 EmailStatus NeedToSend needs BillEmail (2020 BillEmail)', async () => {
    const a = await gb.api('POST', 'invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      EmailStatus: 'NeedToSend',
      Line: [itemLine(1, std)],
    });
    expect(expectFault(a, 400, '2020')['element']).toBe('BillEmail');
    expect(
      (
        await gb.api('POST', 'invoice', {
          CustomerRef: { value: await newCustomer(gb) },
          EmailStatus: 'NeedToSend',
          BillEmail: { Address: 'a@b.co' },
          Line: [itemLine(1, std)],
        })
      ).status,
    ).toBe(200);
  });
});

describe('QBO-TAX.md §5 real responses reproduced to the cent', () => {
  it('QBO-TAX §5 AU TaxExcluded: 2000.00 at 15 % → TaxLine 300.00 on 2000.00, TotalAmt 2300.00', async () => {
    const au = await h.company('AU', { taxCodes: [{ name: 'GST 15', rates: [{ name: 'GST 15', ratePercent: 15 }] }] });
    const code = await taxCodeId(au, 'GST 15');
    const inv = await au.create('invoice', {
      CustomerRef: { value: await newCustomer(au) },
      GlobalTaxCalculation: 'TaxExcluded',
      Line: [itemLine(2000, code, { UnitPrice: 2000, Qty: 1 })],
    });
    expect(inv).toMatchObject({ GlobalTaxCalculation: 'TaxExcluded', TotalAmt: 2300, Balance: 2300, TxnTaxDetail: { TotalTax: 300 } });
    expect((inv['Line'] as Json[]).at(-1)).toEqual({ Amount: 2000, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect((inv['TxnTaxDetail'] as { TaxLine: Json[] }).TaxLine).toEqual([
      {
        Amount: 300,
        DetailType: 'TaxLineDetail',
        TaxLineDetail: { TaxRateRef: { value: expect.any(String) }, PercentBased: true, TaxPercent: 15, NetAmountTaxable: 2000 },
      },
    ]);
    expect((inv['TxnTaxDetail'] as Json)['TxnTaxCodeRef']).toBeUndefined();
  });

  it('QBO-TAX §5 AU TaxInclusive: TaxInclusiveAmt 450 at 10 % → line 409.09, tax 40.91, TotalAmt 450', async () => {
    const au = await h.company('AU');
    const code = await taxCodeId(au, 'GST');
    const inv = await au.create('invoice', {
      CustomerRef: { value: await newCustomer(au) },
      GlobalTaxCalculation: 'TaxInclusive',
      Line: [itemLine(409.09, code, { TaxInclusiveAmt: 450, UnitPrice: 0.9090889, Qty: 450 })],
    });
    const line = (inv['Line'] as Json[])[0] as Json;
    expect(line).toMatchObject({ Amount: 409.09, SalesItemLineDetail: { TaxInclusiveAmt: 450, UnitPrice: 0.9090889, Qty: 450 } });
    expect(inv).toMatchObject({
      TotalAmt: 450,
      Balance: 450,
      TxnTaxDetail: {
        TotalTax: 40.91,
        TaxLine: [{ Amount: 40.91, TaxLineDetail: { PercentBased: true, TaxPercent: 10, NetAmountTaxable: 409.09 } }],
      },
    });
    expect((inv['Line'] as Json[]).at(-1)).toEqual({ Amount: 409.09, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  });

  it('QBO-TAX §5 CA HST 15 %: net 114.48 → TotalTax 17.17', async () => {
    const ca = await h.company('CA', { taxCodes: [{ name: 'HST NS', rates: [{ name: 'HST NS', ratePercent: 15 }] }] });
    const code = await taxCodeId(ca, 'HST NS');
    const inv = await ca.create('invoice', { CustomerRef: { value: await newCustomer(ca) }, Line: [itemLine(114.48, code)] });
    expect(inv).toMatchObject({
      TxnTaxDetail: { TotalTax: 17.17, TaxLine: [{ Amount: 17.17, TaxLineDetail: { TaxPercent: 15, NetAmountTaxable: 114.48 } }] },
      TotalAmt: 131.65,
    });
  });

  it('QBO-TAX §5 zero-rated lines still produce a TaxLine with Amount 0, TaxPercent 0 and the NetAmountTaxable', async () => {
    const zero = await taxCodeId(gb, '0.0% Z');
    const inv = await gb.create('invoice', {
      CustomerRef: { value: await newCustomer(gb) },
      Line: [itemLine(80, zero), itemLine(100, std)],
    });
    const lines = (inv['TxnTaxDetail'] as { TaxLine: { Amount: number; TaxLineDetail: Json }[] }).TaxLine;
    expect(lines.map((l) => [l.Amount, l.TaxLineDetail['TaxPercent'], l.TaxLineDetail['NetAmountTaxable']]).sort()).toEqual(
      [
        [0, 0, 80],
        [20, 20, 100],
      ].sort(),
    );
  });
});
