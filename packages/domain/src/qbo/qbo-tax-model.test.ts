import { describe, expect, it } from 'vitest';
import { decimal, parseDecimal, type Decimal } from '../shared/decimal.js';
import type { QboTaxCode } from './company-profile.js';
import { computeQboTotals } from './qbo-tax-model.js';
import type { QboItemLine, QboLine, QboTransactionPayload } from './transaction-payload.js';

const d = (text: string): Decimal => parseDecimal(text)._unsafeUnwrap();

const code = (id: string, ...rates: [string, string][]): QboTaxCode => ({
  id,
  name: `code ${id}`,
  active: true,
  salesRates: rates.map(([rateId, pct]) => ({ id: rateId, name: `rate ${rateId}`, ratePercent: d(pct) })),
});

const item = (amount: number, overrides: Partial<QboItemLine> = {}): QboItemLine => ({
  kind: 'item',
  itemRef: '1',
  description: '',
  amount,
  taxCodeRef: '35',
  ...overrides,
});

const payload = (lines: QboLine[], overrides: Partial<QboTransactionPayload> = {}): QboTransactionPayload => ({
  type: 'Invoice',
  docNumber: 'OGUSTINE_2024-01-15',
  customerRef: '1',
  txnDate: '2024-01-15',
  currency: 'AUD',
  globalTaxCalculation: 'TaxExcluded',
  lines,
  privateNote: '',
  ...overrides,
});

describe('computeQboTotals: real QBO figures (QBO-TAX.md)', () => {
  it('AU TaxExcluded, 2000 at 15 %: tax 300, total 2300', () => {
    const totals = computeQboTotals(payload([item(200_000, { qty: decimal(1), unitPrice: decimal(2000) })]), [code('35', ['56', '15'])]);
    expect(totals._unsafeUnwrap()).toEqual({
      taxLines: [{ taxRateRef: '56', ratePercent: d('15'), netAmountTaxable: 200_000, amount: 30_000, computedAmount: 30_000 }],
      totalTax: 30_000,
      totalAmount: 230_000,
      netTotal: 200_000,
    });
  });

  it('AU TaxInclusive, qty 450 for a gross of 450 at 10 %: net 409.09, tax 40.91, total 450', () => {
    const line = item(40_909, { taxCodeRef: '10', taxInclusiveAmount: 45_000, qty: decimal(450), unitPrice: d('0.9090889') });
    const totals = computeQboTotals(payload([line], { globalTaxCalculation: 'TaxInclusive' }), [code('10', ['20', '10'])])._unsafeUnwrap();
    expect(totals).toMatchObject({ totalTax: 4091, totalAmount: 45_000, netTotal: 40_909 });
    expect(totals.taxLines).toEqual([
      { taxRateRef: '20', ratePercent: d('10'), netAmountTaxable: 40_909, amount: 4091, computedAmount: 4091 },
    ]);
  });

  it('CA, 31 lines at 1.59 (two with qty 11) at 12 %: QBO taxes per line, 9.71, not 9.73 on the 81.09 subtotal', () => {
    const lines = Array.from({ length: 31 }, (_, i) =>
      i < 2 ? item(1749, { qty: decimal(11), unitPrice: d('1.59') }) : item(159, { qty: decimal(1), unitPrice: d('1.59') }),
    );
    const totals = computeQboTotals(payload(lines), [code('35', ['7', '12'])])._unsafeUnwrap();
    expect(totals.netTotal).toBe(8109);
    expect(totals.totalTax).toBe(971);
    expect(totals.totalAmount).toBe(9080);
  });

  it('6070: 128.350 × 14.50 = 1861.075 must be sent as 1861.08, and 1861.07 is refused', () => {
    const qty = d('128.350');
    const unitPrice = d('14.50');
    const codes = [code('35', ['56', '20'])];
    expect(computeQboTotals(payload([item(186_108, { qty, unitPrice })]), codes).isOk()).toBe(true);
    expect(computeQboTotals(payload([item(186_107, { qty, unitPrice })]), codes)._unsafeUnwrapErr()).toEqual({
      kind: 'qbo-model.amount-mismatch',
      lineIndex: 0,
      amount: 186_107,
      expected: 186_108,
    });
  });
});

describe('computeQboTotals: the rest of the model', () => {
  const codes = [code('1', ['11', '20']), code('2', ['12', '5.5']), code('3', ['13', '0']), code('4', ['14', '5'], ['15', '9.975'])];

  it('rounds x.xx5 tax half away from zero, on magnitudes for discount lines', () => {
    // 0.25 × 20 % = 0.05; 10.05 × 5.5 % = 0.55275; 0.09 × 5.5 % = 0.00495 → 0
    const totals = computeQboTotals(
      payload([
        item(1005, { taxCodeRef: '2' }),
        item(909, { taxCodeRef: '2' }),
        { kind: 'discount', amount: 909, taxCodeRef: '2', description: 'Remise' },
      ]),
      codes,
    )._unsafeUnwrap();
    // 9.09 × 5.5 % = 0.49995 → 0.50, and −0.50 for the discount line; 0.55275 → 0.55
    expect(totals.taxLines).toEqual([{ taxRateRef: '12', ratePercent: d('5.5'), netAmountTaxable: 1005, amount: 55, computedAmount: 55 }]);
    expect(totals.totalAmount).toBe(1060);
  });

  it('keeps a zero rate as a 0 tax line and taxes each rate of a multi-rate code separately', () => {
    const totals = computeQboTotals(payload([item(10_000, { taxCodeRef: '3' }), item(1001, { taxCodeRef: '4' })]), codes)._unsafeUnwrap();
    expect(totals.taxLines.map((t) => [t.taxRateRef, t.netAmountTaxable, t.amount])).toEqual([
      ['13', 10_000, 0],
      ['14', 1001, 50], // 0.5005 → 0.50
      ['15', 1001, 100], // 0.99849… → 1.00
    ]);
    expect(totals.totalAmount).toBe(11_151);
  });

  it('tax included with a multi-rate code: the last rate takes what is left of the gross', () => {
    const totals = computeQboTotals(
      payload([item(0, { taxCodeRef: '4', taxInclusiveAmount: 11_498 })], { globalTaxCalculation: 'TaxInclusive' }),
      codes,
    )._unsafeUnwrap();
    // net = round(114.98 / 1.14975) = 100.00; GST 5.00; QST = 14.98 − 5.00 = 9.98
    expect(totals.taxLines.map((t) => t.amount)).toEqual([500, 998]);
    expect(totals).toMatchObject({ netTotal: 10_000, totalAmount: 11_498 });
  });

  it('tax included without TaxInclusiveAmt: gross = round(Amount × (1 + r))', () => {
    const totals = computeQboTotals(
      payload([item(1234, { taxCodeRef: '2' })], { globalTaxCalculation: 'TaxInclusive' }),
      codes,
    )._unsafeUnwrap();
    // 12.34 × 1.055 = 13.0187 → 13.02; net = round(13.02 / 1.055) = 12.34; tax 0.68
    expect(totals).toMatchObject({ totalAmount: 1302, totalTax: 68, netTotal: 1234 });
  });

  it('applies a French DiscountAmt before tax, on the gross when tax is included', () => {
    const excluded = computeQboTotals(
      payload([item(10_000, { discountAmount: 1000 })].map((l) => ({ ...l, taxCodeRef: '1' }))),
      codes,
    )._unsafeUnwrap();
    expect(excluded).toMatchObject({ netTotal: 9000, totalTax: 1800, totalAmount: 10_800 });
    const included = computeQboTotals(
      payload([item(10_000, { taxCodeRef: '1', taxInclusiveAmount: 12_000, discountAmount: 1200 })], {
        globalTaxCalculation: 'TaxInclusive',
      }),
      codes,
    )._unsafeUnwrap();
    expect(included).toMatchObject({ netTotal: 9000, totalTax: 1800, totalAmount: 10_800 });
  });

  it('France ignores discount lines; other countries treat them as negative lines of their code', () => {
    const p = payload([item(10_000, { taxCodeRef: '1' }), { kind: 'discount', amount: 1000, taxCodeRef: '1', description: 'Remise' }]);
    expect(computeQboTotals(p, codes, { country: 'FR' })._unsafeUnwrap().totalAmount).toBe(12_000);
    expect(computeQboTotals(p, codes, { country: 'GB' })._unsafeUnwrap().totalAmount).toBe(10_800);
  });

  it('keeps supplied tax lines: TaxExcluded moves the total, TaxInclusive moves the net', () => {
    const lines = [item(1005, { taxCodeRef: '1' }), item(1005, { taxCodeRef: '1' }), item(500, { taxCodeRef: '3' })];
    const taxLines = [{ taxRateRef: '11', ratePercent: d('20'), netAmountTaxable: 2010, amount: 402 }];
    const excluded = computeQboTotals(payload(lines, { taxLines }), codes)._unsafeUnwrap();
    expect(excluded.taxLines).toEqual([
      { taxRateRef: '11', ratePercent: d('20'), netAmountTaxable: 2010, amount: 402, computedAmount: 402 },
      { taxRateRef: '13', ratePercent: d('0'), netAmountTaxable: 500, amount: 0, computedAmount: 0 },
    ]);
    const over = computeQboTotals(payload(lines, { taxLines: [{ ...taxLines[0]!, amount: 403 }] }), codes)._unsafeUnwrap();
    expect(over).toMatchObject({ totalTax: 403, totalAmount: 2913, netTotal: 2510 });
    const inclusiveLines = lines.map((l) => ({ ...l, taxInclusiveAmount: l.amount }));
    const included = computeQboTotals(
      payload(inclusiveLines, { globalTaxCalculation: 'TaxInclusive', taxLines: [{ ...taxLines[0]!, amount: 336 }] }),
      codes,
    )._unsafeUnwrap();
    // computed: 10.05 → net 8.38, tax 1.67, twice = 3.34; supplied 3.36
    expect(included.taxLines[0]).toMatchObject({ amount: 336, computedAmount: 334 });
    expect(included).toMatchObject({ totalAmount: 2510, totalTax: 336, netTotal: 2174 });
  });

  it('refuses unknown codes and supplied rates that no line uses or that are listed twice', () => {
    expect(computeQboTotals(payload([item(100, { taxCodeRef: '99' })]), codes)._unsafeUnwrapErr()).toEqual({
      kind: 'qbo-model.unknown-tax-code',
      lineIndex: 0,
      taxCodeRef: '99',
    });
    const line = item(100, { taxCodeRef: '1' });
    const taxLine = { taxRateRef: '12', ratePercent: d('5.5'), netAmountTaxable: 100, amount: 6 };
    expect(computeQboTotals(payload([line], { taxLines: [taxLine] }), codes)._unsafeUnwrapErr()).toEqual({
      kind: 'qbo-model.rate-not-on-used-code',
      taxRateRef: '12',
    });
    const twice = { ...taxLine, taxRateRef: '11' };
    expect(computeQboTotals(payload([line], { taxLines: [twice, twice] }), codes)._unsafeUnwrapErr().kind).toBe(
      'qbo-model.rate-listed-twice',
    );
  });
});
