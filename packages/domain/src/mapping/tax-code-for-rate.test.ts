import { describe, expect, it } from 'vitest';
import type { QboTaxCode } from '../qbo/company-profile.js';
import { decimal } from '../shared/decimal.js';
import { chosenTaxCode, codeFitsRate, compareQboIds, taxCodeForRate } from './tax-code-for-rate.js';

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

describe('compareQboIds', () => {
  it('orders numeric ids by value, before any other id, and other ids as text', () => {
    expect(compareQboIds('9', '10')).toBe(-1);
    expect(compareQboIds('10', '9')).toBe(1);
    expect(compareQboIds('12345678901234567890', '12345678901234567891')).toBe(-1);
    expect(compareQboIds('07', '7')).toBe(0);
    expect(compareQboIds('99', 'a')).toBe(-1);
    expect(compareQboIds('a', '99')).toBe(1);
    expect(compareQboIds('a1', 'a2')).toBe(-1);
    expect(compareQboIds('b', 'a')).toBe(1);
    expect(compareQboIds('a', 'a')).toBe(0);
    expect(compareQboIds('1a', '2')).toBe(1);
  });
});

describe('chosenTaxCode', () => {
  const codes = [code('1', [[0]]), code('5', [[0]]), code('6', [[0]], false), code('7', [[20]])];

  it('uses the account’s choice for the rate while it fits, else the lowest-id code', () => {
    expect(chosenTaxCode(codes, decimal(0), { '0': '5' })?.id).toBe('5');
    expect(chosenTaxCode(codes, decimal(0))?.id).toBe('1');
    expect(chosenTaxCode(codes, decimal(0), { '0': '6' })?.id).toBe('1');
    expect(chosenTaxCode(codes, decimal(0), { '0': '7' })?.id).toBe('1');
    expect(chosenTaxCode(codes, decimal(0), { '0': '404' })?.id).toBe('1');
    expect(chosenTaxCode(codes, decimal(0), { '20': '5' })?.id).toBe('1');
  });

  it('a code fits a rate when it is active and that rate is its only one', () => {
    expect(codeFitsRate(code('1', [[20]]), decimal(2000, 2))).toBe(true);
    expect(codeFitsRate(code('1', [[20]], false), decimal(20))).toBe(false);
    expect(codeFitsRate(code('1', [[20], [20]]), decimal(20))).toBe(false);
    expect(codeFitsRate(code('1', []), decimal(20))).toBe(false);
    expect(codeFitsRate(code('1', [[19]]), decimal(20))).toBe(false);
  });
});
