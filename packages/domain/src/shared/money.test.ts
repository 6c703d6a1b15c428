import { describe, expect, it } from 'vitest';
import { decimal } from './decimal.js';
import { centsToAmount, centsToDecimal, sumCents, toCents } from './money.js';

describe('money in cents', () => {
  it('reads cents as a 2-decimal amount and writes the JSON number of a payload', () => {
    expect(centsToDecimal(1234)).toEqual(decimal(1234, 2));
    expect(centsToDecimal(-5)).toEqual(decimal(-5, 2));
    expect(centsToAmount(1234)).toBe(12.34);
    expect(centsToAmount(-5)).toBe(-0.05);
  });

  it('rounds an amount to cents half away from zero, as QBO rounds line amounts', () => {
    expect(toCents(decimal(1861075, 3))).toBe(186108);
    expect(toCents(decimal(1861074, 3))).toBe(186107);
    expect(toCents(decimal(-1861075, 3))).toBe(-186108);
    expect(toCents(decimal(12))).toBe(1200);
  });

  it('sums cents, an empty list to 0', () => {
    expect(sumCents([150, -20, 3])).toBe(133);
    expect(sumCents([])).toBe(0);
  });
});
