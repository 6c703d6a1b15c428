import { describe, expect, it } from 'vitest';
import type { QboTaxCode } from '../qbo/company-profile.js';
import { decimal } from '../shared/decimal.js';
import { taxCodeForRate } from './tax-code-for-rate.js';

const code = (id: string, rates: number[][], active = true): QboTaxCode => ({
  id,
  name: `c${id}`,
  active,
  salesRates: rates.map(([units = 0, scale = 0], i) => ({ id: `${id}-${i}`, name: 'r', ratePercent: decimal(units, scale) })),
});

describe('taxCodeForRate', () => {
  it('finds the active single-rate code with this rate, comparing rates by value', () => {
    expect(taxCodeForRate([code('1', [[20]]), code('2', [[550, 2]])], decimal(55, 1))?.id).toBe('2');
  });

  it('skips inactive codes, multi-rate codes and codes without rates', () => {
    const codes = [code('1', [[20]], false), code('2', [[20], [0]]), code('3', []), code('4', [[5]])];
    expect(taxCodeForRate(codes, decimal(20))).toBeUndefined();
    expect(taxCodeForRate(codes, decimal(0))).toBeUndefined();
  });

  it('picks the lowest id, numerically, whatever the order', () => {
    expect(taxCodeForRate([code('10', [[20]]), code('9', [[20]]), code('x', [[20]])], decimal(20))?.id).toBe('9');
    expect(taxCodeForRate([code('b', [[20]]), code('a', [[20]])], decimal(20))?.id).toBe('a');
  });
});
