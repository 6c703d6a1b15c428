import { describe, expect, it } from 'vitest';
import { documentTotals, lineTotalCents, priceText, quantityText, rateText } from '../src/documents/amounts.js';
import type { WireLine } from '../src/documents/wire-document.js';

const line = (vatRate: string, totalCents: number): WireLine => ({
  service: { id: 'S', name: 'S' },
  description: '',
  quantity: '1',
  unitPrice: '0',
  vatRate,
  totalCents,
});

describe("Ogustine's arithmetic", () => {
  it('rounds a line half up, then takes off a percent (rounded half up) or a fixed discount', () => {
    expect(lineTotalCents({ quantityHundredths: 250, unitPriceCents: 2490 })).toBe(6225);
    expect(lineTotalCents({ quantityHundredths: 150, unitPriceCents: 2233 })).toBe(3350); // 3349.5 → 3350
    expect(lineTotalCents({ quantityHundredths: 400, unitPriceCents: 2500, discount: { percent: '10' } })).toBe(9000);
    expect(lineTotalCents({ quantityHundredths: 100, unitPriceCents: 1005, discount: { percent: '12.5' } })).toBe(879); // 125.625 → 126
    expect(lineTotalCents({ quantityHundredths: 150, unitPriceCents: 2200, discount: { amountCents: 300 } })).toBe(3000);
  });

  it('computes VAT once per rate, ascending rates, on totals excluding or including tax', () => {
    expect(documentTotals([line('20', 9000), line('5.5', 6225), line('20', 3000)], false)).toEqual({
      netCents: 18225,
      grossCents: 20967,
      vat: [
        { rate: '5.5', baseCents: 6225, amountCents: 342 },
        { rate: '20', baseCents: 12000, amountCents: 2400 },
      ],
    });
    // 120.00 TTC at 20 %: VAT = 120 × 20 / 120 = 20.00, base 100.00; 10.55 TTC at 5.5 %: VAT 0.55.
    expect(documentTotals([line('20', 12000), line('5.5', 1055), line('0', 500)], true)).toEqual({
      netCents: 11500,
      grossCents: 13555,
      vat: [
        { rate: '0', baseCents: 500, amountCents: 0 },
        { rate: '5.5', baseCents: 1000, amountCents: 55 },
        { rate: '20', baseCents: 10000, amountCents: 2000 },
      ],
    });
  });

  it('writes decimals as the format asks', () => {
    expect([rateText(200), rateText(55), rateText(0), rateText(100)]).toEqual(['20', '5.5', '0', '10']);
    expect([quantityText(250), quantityText(100), quantityText(1205), quantityText(1250)]).toEqual(['2.5', '1', '12.05', '12.5']);
    expect([priceText(2490), priceText(5), priceText(100000)]).toEqual(['24.90', '0.05', '1000.00']);
  });
});
