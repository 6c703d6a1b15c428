import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { decimal } from '../../shared/decimal.js';
import { documentArb } from '../arbitraries/document.js';
import { aDocument, aLine, withOgustineTotals } from './document.js';

describe('Ogustine arithmetic of the builders', () => {
  it('computes line totals with discounts and VAT on the per-rate total (excl. tax)', () => {
    const doc = withOgustineTotals(
      aDocument({
        lines: [
          aLine({ quantity: decimal(3), unitPrice: decimal(1999, 2), discount: { kind: 'percent', percent: decimal(105, 1) } }), // 59.97 − 6.30
          aLine({ quantity: decimal(1), unitPrice: decimal(10), discount: { kind: 'amount', amount: 150 }, vatRate: decimal(55, 1) }),
          aLine({ quantity: decimal(1), unitPrice: decimal(1005, 2) }),
        ],
      }),
    );
    expect(doc.lines.map((l) => l.total)).toEqual([5367, 850, 1005]);
    expect(doc.totals.vat).toEqual([
      { rate: decimal(55, 1), base: 850, amount: 47 },
      { rate: decimal(20), base: 6372, amount: 1274 },
    ]);
    expect(doc.totals).toMatchObject({ net: 7222, gross: 8543 });
  });

  it('splits the VAT out of the per-rate gross (incl. tax)', () => {
    const doc = aDocument({ pricesIncludeTax: true, lines: [aLine({ quantity: decimal(1), unitPrice: decimal(100) })] });
    expect(doc.totals).toEqual({ net: 8333, vat: [{ rate: decimal(20), base: 8333, amount: 1667 }], gross: 10000 });
  });
});

test.prop([documentArb()])('a generated document is consistent: gross = net + Σ VAT, net = Σ bases, bases from line totals', (doc) => {
  const net = doc.totals.vat.reduce((s, v) => s + v.base, 0);
  const vat = doc.totals.vat.reduce((s, v) => s + v.amount, 0);
  const lines = doc.lines.reduce((s, l) => s + l.total, 0);
  expect(doc.totals.net).toBe(net);
  expect(doc.totals.gross).toBe(net + vat);
  expect(doc.pricesIncludeTax ? doc.totals.gross : doc.totals.net).toBe(lines);
  expect(doc.lines.every((l) => l.total >= 0)).toBe(true);
  expect(doc.createdAt).toBeLessThanOrEqual(doc.validatedAt);
  expect(withOgustineTotals(doc)).toEqual(doc);
});
