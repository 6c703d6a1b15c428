import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decimal, divide, multiply } from '../shared/decimal.js';
import { centsToDecimal } from '../shared/money.js';
import type { QboTaxCode } from './company-profile.js';
import { computeQboTotals } from './qbo-tax-model.js';
import type { QboItemLine, QboTransactionPayload } from './transaction-payload.js';

const RATES = [decimal(0), decimal(55, 1), decimal(20), decimal(9975, 3)];
const codes: QboTaxCode[] = RATES.map((ratePercent, i) => ({
  id: `${i}`,
  name: `c${i}`,
  active: true,
  salesRates: [{ id: `r${i}`, name: 'r', ratePercent }],
}));

const linesArb = fc.array(
  fc.record({ amount: fc.integer({ min: -100_000, max: 10_000_000 }), code: fc.integer({ min: 0, max: RATES.length - 1 }) }),
  { minLength: 1, maxLength: 40 },
);

const payloadOf = (lines: { amount: number; code: number }[], inclusive: boolean): QboTransactionPayload => ({
  type: 'Invoice',
  docNumber: 'OGUSTINE_1',
  customerRef: '1',
  txnDate: '2024-01-01',
  currency: 'EUR',
  globalTaxCalculation: inclusive ? 'TaxInclusive' : 'TaxExcluded',
  lines: lines.map((l): QboItemLine => ({
    kind: 'item',
    itemRef: '1',
    description: '',
    taxCodeRef: `${l.code}`,
    amount: l.amount,
    ...(inclusive ? { taxInclusiveAmount: l.amount } : {}),
  })),
  privateNote: '',
});

test.prop([linesArb, fc.boolean()])(
  'QBO totals add up: TotalAmt = Σ nets + TotalTax, and each rate’s tax stays near the tax on its total (½ cent per line excl., 1½ incl.)',
  (lines, inclusive) => {
    const totals = computeQboTotals(payloadOf(lines, inclusive), codes)._unsafeUnwrap();
    expect(totals.totalAmount).toBe(totals.netTotal + totals.totalTax);
    if (inclusive) expect(totals.totalAmount).toBe(lines.reduce((s, l) => s + l.amount, 0));
    for (const t of totals.taxLines) {
      const count = lines.filter((l) => `r${l.code}` === t.taxRateRef).length;
      const onTotal = Number(divide(multiply(centsToDecimal(t.netAmountTaxable), t.ratePercent), decimal(100), 2).units);
      expect(Math.abs(t.amount - onTotal)).toBeLessThanOrEqual(Math.ceil(count / 2) + (inclusive ? count : 0));
    }
  },
);
