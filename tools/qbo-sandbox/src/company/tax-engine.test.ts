import { describe, expect, it } from 'vitest';
import type { Dec } from './exact-decimal.js';
import { formatDec, parseDec } from './exact-decimal.js';
import type { EngineLine, EngineRate } from './tax-engine.js';
import { computeTotals } from './tax-engine.js';

const d = (v: number | string): Dec => {
  const parsed = parseDec(v);
  if (parsed === undefined) throw new Error(`bad decimal ${v}`);
  return parsed;
};
const rate = (rateId: string, percent: number): EngineRate => ({ rateId, percent: d(percent) });
const item = (amount: number, rates: EngineRate[], extra: Partial<Extract<EngineLine, { kind: 'item' }>> = {}): EngineLine => ({
  kind: 'item',
  amount: d(amount),
  rates,
  ...extra,
});
const compute = (input: Parameters<typeof computeTotals>[0]) => {
  const outcome = computeTotals(input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  return outcome.value;
};
const s = formatDec;

describe('tax engine (docs/qbo-computation-model.md, QBO-TAX.md examples)', () => {
  it('AU tax excluded: 2000 at 15 % gives TotalTax 300 and TotalAmt 2300 (QBO-TAX.md §5, invoice 224)', () => {
    const r = compute({
      mode: 'TaxExcluded',
      lines: [item(2000, [rate('56', 15)], { qty: d(1), unitPrice: d(2000) })],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(r.totalTax), s(r.totalAmt), s(r.subTotal)]).toEqual(['300', '2300', '2000']);
    expect(r.taxLines.map((t) => [t.rateId, s(t.amount), s(t.netAmountTaxable)])).toEqual([['56', '300', '2000']]);
  });

  it('AU tax included: qty 450, gross 450 at 10 % gives net 409.09, tax 40.91, UnitPrice 0.9090889 (QBO-TAX.md §1.2, invoice 1019)', () => {
    const r = compute({
      mode: 'TaxInclusive',
      lines: [item(450, [rate('20', 10)], { qty: d(450), unitPrice: d(1), taxInclusiveAmt: d(450) })],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(r.totalTax), s(r.totalAmt), s(r.lines[0]?.amount ?? 0n), s(r.lines[0]?.unitPrice ?? 0n)]).toEqual([
      '40.91',
      '450',
      '409.09',
      '0.9090889',
    ]);
  });

  it('CA: tax is rounded per line, 31 lines at 12 % give 9.71 not 9.73 (QBO-TAX.md §1.1, [CAC1])', () => {
    const lines = [
      ...Array.from({ length: 29 }, () => item(1.59, [rate('13', 12)])),
      ...Array.from({ length: 2 }, () => item(17.49, [rate('13', 12)], { qty: d(11), unitPrice: d(1.59) })),
    ];
    const r = compute({ mode: 'TaxExcluded', lines, inclusiveOverrideKeepsGross: true });
    expect([s(r.subTotal), s(r.totalTax)]).toEqual(['81.09', '9.71']);
  });

  it('6070: Amount 1861.07 for 128.350 × 14.50 is refused, QBO expects 1861.08 (QBO-TAX.md §1.4, [PESOS])', () => {
    const outcome = computeTotals({
      mode: 'TaxExcluded',
      lines: [item(1861.07, [], { qty: d(128.35), unitPrice: d(14.5) })],
      inclusiveOverrideKeepsGross: true,
    });
    expect(outcome.ok ? 'accepted' : [outcome.error.kind, 'expected' in outcome.error ? s(outcome.error.expected) : '']).toEqual([
      'amount-mismatch',
      '1861.08',
    ]);
  });

  it('a zero rate still produces a 0 TaxLine (model rule 5/6)', () => {
    const r = compute({ mode: 'TaxExcluded', lines: [item(100, [rate('z', 0)])], inclusiveOverrideKeepsGross: true });
    expect(r.taxLines.map((t) => [s(t.amount), s(t.netAmountTaxable)])).toEqual([['0', '100']]);
  });

  it('two rates on one included line: the last rate takes the remainder (model rule 4)', () => {
    const r = compute({
      mode: 'TaxInclusive',
      lines: [item(0, [rate('gst', 5), rate('qst', 9.975)], { taxInclusiveAmt: d(114.98) })],
      inclusiveOverrideKeepsGross: true,
    });
    expect(r.taxLines.map((t) => s(t.amount))).toEqual(['5', '9.98']);
    expect(s(r.totalAmt)).toBe('114.98');
  });

  it('FR line discount: DiscountRate wins over DiscountAmt and tax is on the discounted net (model rule 2-3)', () => {
    const r = compute({
      mode: 'TaxExcluded',
      lines: [item(200, [rate('tva20', 20)], { discountAmt: d(50), discountRate: d(10) })],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(r.lines[0]?.discount ?? 0n), s(r.totalTax), s(r.totalAmt), s(r.subTotal)]).toEqual(['20', '36', '216', '200']);
  });

  it('percent discount line applies to the item lines above it, taxed at its code (model rule 5)', () => {
    const r = compute({
      mode: 'TaxExcluded',
      lines: [item(100, [rate('s', 20)]), item(50, [rate('s', 20)]), { kind: 'discount', percent: d(10), rates: [rate('s', 20)] }],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(r.lines[2]?.amount ?? 0n), s(r.totalTax), s(r.totalAmt)]).toEqual(['15', '27', '162']);
  });

  it('supplied tax lines are kept, with OverrideDeltaAmount = supplied − computed (model rules 8-9)', () => {
    const r = compute({
      mode: 'TaxExcluded',
      lines: [item(1.59, [rate('s', 12)]), item(1.59, [rate('s', 12)])],
      suppliedTaxLines: [{ rateId: 's', amount: d(0.38) }],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(r.totalTax), s(r.totalAmt), s(r.taxLines[0]?.overrideDelta ?? 99n)]).toEqual(['0.38', '3.56', '0']);
    const o = compute({
      mode: 'TaxExcluded',
      lines: [item(1.59, [rate('s', 12)]), item(1.59, [rate('s', 12)])],
      suppliedTaxLines: [{ rateId: 's', amount: d(0.37) }],
      inclusiveOverrideKeepsGross: true,
    });
    expect([s(o.totalTax), s(o.totalAmt), s(o.taxLines[0]?.overrideDelta ?? 99n)]).toEqual(['0.37', '3.55', '-0.01']);
  });

  it('an overridden rate keeps the supplied NetAmountTaxable; a computed rate keeps the sum of nets (model rule 9)', () => {
    // Three lines at 1.00 incl. 20 %: per line net 0.83 (Σ 2.49, tax 0.51); per rate 2.50 and 0.50.
    const lines = [1, 2, 3].map(() => item(0, [rate('s', 20)], { taxInclusiveAmt: d(1) }));
    const computed = compute({ mode: 'TaxInclusive', lines, inclusiveOverrideKeepsGross: true });
    expect([computed.taxLines[0]?.netAmountTaxable, computed.taxLines[0]?.amount]).toEqual([d(2.49), d(0.51)]);
    const kept = compute({
      mode: 'TaxInclusive',
      lines,
      suppliedTaxLines: [{ rateId: 's', amount: d(0.5), netAmountTaxable: d(2.5) }],
      inclusiveOverrideKeepsGross: true,
    });
    expect([kept.taxLines[0]?.netAmountTaxable, kept.taxLines[0]?.amount, kept.totalAmt, kept.totalAmt - kept.totalTax]).toEqual([
      d(2.5),
      d(0.5),
      d(3),
      d(2.5),
    ]);
  });

  it('a supplied tax line for a rate no line carries is refused (model rule 8)', () => {
    const outcome = computeTotals({
      mode: 'TaxExcluded',
      lines: [item(10, [rate('s', 20)])],
      suppliedTaxLines: [{ rateId: 'other', amount: d(1) }],
      inclusiveOverrideKeepsGross: true,
    });
    expect(outcome.ok ? 'accepted' : outcome.error.kind).toBe('tax-line-rate-not-on-lines');
  });

  it('inclusive override: TotalAmt keeps the gross when inclusiveOverrideKeepsGross, else nets + supplied tax (model rule 10)', () => {
    const lines = [item(0, [rate('s', 20)], { taxInclusiveAmt: d(120) })];
    const keep = compute({
      mode: 'TaxInclusive',
      lines,
      suppliedTaxLines: [{ rateId: 's', amount: d(19.99) }],
      inclusiveOverrideKeepsGross: true,
    });
    const add = compute({
      mode: 'TaxInclusive',
      lines,
      suppliedTaxLines: [{ rateId: 's', amount: d(19.99) }],
      inclusiveOverrideKeepsGross: false,
    });
    expect([s(keep.totalAmt), s(keep.totalNet), s(add.totalAmt)]).toEqual(['120', '100.01', '119.99']);
  });
});
