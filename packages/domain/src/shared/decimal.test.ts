import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { decimal, decimalFromNumber, divide, multiply, parseDecimal, roundHalfUp, toText } from './decimal.js';

describe('decimal', () => {
  test('rounds half away from zero', () => {
    expect(toText(roundHalfUp(decimal(1861075, 3), 2))).toBe('1861.08');
    expect(toText(roundHalfUp(decimal(-5, 3), 2))).toBe('-0.01');
    expect(toText(roundHalfUp(decimal(4, 3), 2))).toBe('0');
  });
  test('reads JSON numbers as their shortest decimal text', () => {
    expect(toText(decimalFromNumber(0.1)._unsafeUnwrap())).toBe('0.1');
    expect(toText(decimalFromNumber(1e-7)._unsafeUnwrap())).toBe('0.0000001');
    expect(decimalFromNumber(Number.NaN).isErr()).toBe(true);
  });
  test('rejects text that is not a plain decimal', () => {
    for (const t of ['', '1,5', ' 1', '1e3', '.5', '1.']) expect(parseDecimal(t).isErr()).toBe(true);
  });
  test.prop([fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 7 })])(
    'text round-trips: parse(toText(d)) equals d',
    (units, scale) => {
      const d = decimal(units, scale);
      expect(toText(parseDecimal(toText(d))._unsafeUnwrap())).toBe(toText(d));
    },
  );
  test.prop([fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 6n })])(
    'division then multiplication stays within half a unit of the last place',
    (a, b) => {
      const q = divide(decimal(a), decimal(b), 7);
      const back = multiply(q, decimal(b));
      const diff = back.units - a * 10n ** 7n;
      expect(2n * (diff < 0n ? -diff : diff) <= b).toBe(true);
    },
  );
});
