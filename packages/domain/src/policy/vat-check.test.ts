import { describe, expect, it } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { vatDiscrepancies, vatTolerance } from './vat-check.js';

describe('VAT check: boundaries', () => {
  it('tolerates ⌈(lines + 1) / 2⌉ cents, one line at least', () => {
    expect([0, 1, 2, 3, 4, 5].map(vatTolerance)).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('accepts a VAT exactly at the tolerance and refuses one a cent beyond, with its figures', () => {
    // Two lines at 5.5 %: base 100.05 → computed round(5.50275) = 5.50; tolerance 2 cents.
    const lines = [aLine({ vatRate: decimal(55, 1) }), aLine({ vatRate: decimal(55, 1) }), aLine({ vatRate: decimal(20) })];
    const doc = (amount: number) =>
      aDocument({
        lines,
        totals: {
          net: 0,
          gross: 0,
          vat: [
            { rate: decimal(55, 1), base: 10_005, amount },
            { rate: decimal(20), base: 1000, amount: 200 },
          ],
        },
      });
    expect(vatDiscrepancies(doc(552))).toEqual([]);
    expect(vatDiscrepancies(doc(548))).toEqual([]);
    expect(vatDiscrepancies(doc(553))).toEqual([{ rate: decimal(55, 1), base: 10_005, stated: 553, computed: 550, tolerance: 2 }]);
    expect(vatDiscrepancies(doc(547))).toEqual([{ rate: decimal(55, 1), base: 10_005, stated: 547, computed: 550, tolerance: 2 }]);
  });
});
