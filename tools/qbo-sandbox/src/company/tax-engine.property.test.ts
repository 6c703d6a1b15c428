import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { sumDec } from './exact-decimal.js';
import type { EngineLine, EngineRate, TaxMode } from './tax-engine.js';
import { computeTotals } from './tax-engine.js';

const rates: EngineRate[] = [
  { rateId: 'a', percent: 200_000_000n },
  { rateId: 'b', percent: 55_000_000n },
  { rateId: 'c', percent: 99_750_000n },
  { rateId: 'z', percent: 0n },
];
const cents = fc.bigInt({ min: 0n, max: 100_000_000n }).map((c) => c * 100_000n);
const code = fc.subarray(rates, { minLength: 0, maxLength: 2 });
const line: fc.Arbitrary<EngineLine> = fc.oneof(
  fc.record({ kind: fc.constant('item' as const), amount: cents, rates: code }),
  fc.record({ kind: fc.constant('item' as const), amount: cents, taxInclusiveAmt: cents, rates: code }),
  fc.record({ kind: fc.constant('discount' as const), amount: cents.map((c) => (c / 100n / 100_000n) * 100_000n), rates: code }),
);
const mode = fc.constantFrom<TaxMode>('TaxExcluded', 'TaxInclusive');

test.prop([mode, fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean()])(
  'TotalAmt = Σ nets + TotalTax, and TotalTax = Σ TaxLine amounts',
  (m, lines, keepGross) => {
    const outcome = computeTotals({ mode: m, lines, inclusiveOverrideKeepsGross: keepGross });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.value;
    const nets = sumDec(r.lines.flatMap((l) => (l === undefined ? [] : [l.net])));
    expect(r.totalAmt).toBe(nets + r.totalTax);
    expect(r.totalTax).toBe(sumDec(r.taxLines.map((t) => t.amount)));
  },
);

test.prop([
  fc.array(fc.record({ kind: fc.constant('item' as const), amount: cents, rates: code }), { minLength: 1, maxLength: 8 }),
  fc.bigInt({ min: -500n, max: 500n }),
])('a supplied tax line changes TotalTax by exactly its OverrideDeltaAmount (tax excluded)', (lines, deltaCents) => {
  const base = computeTotals({ mode: 'TaxExcluded', lines, inclusiveOverrideKeepsGross: true });
  if (!base.ok) throw new Error('base refused');
  const first = base.value.taxLines[0];
  if (first === undefined) return;
  const supplied = first.amount + deltaCents * 100_000n;
  const over = computeTotals({
    mode: 'TaxExcluded',
    lines,
    suppliedTaxLines: [{ rateId: first.rateId, amount: supplied }],
    inclusiveOverrideKeepsGross: true,
  });
  if (!over.ok) throw new Error('override refused');
  expect(over.value.totalTax - base.value.totalTax).toBe(deltaCents * 100_000n);
  expect(over.value.taxLines[0]?.overrideDelta).toBe(deltaCents * 100_000n);
});
