import { err } from 'neverthrow';
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import {
  add,
  compare,
  decimal,
  decimalFromNumber,
  divide,
  divideRoundHalfUp,
  equals,
  multiply,
  normalize,
  parseDecimal,
  roundHalfUp,
  subtract,
  toNumber,
  toText,
} from './decimal.js';

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

// ---- each operation against a bigint oracle of exact fractions (units / 10^scale), not the module's own helpers ----

const pow = (n: number): bigint => 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);
/** Sign of x/10^xs − y/10^ys, by cross-multiplication. */
const sign = (x: bigint, xs: number, y: bigint, ys: number): number => {
  const diff = x * pow(ys) - y * pow(xs);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
/** n/d (d ≠ 0) rounded half away from zero, from truncation and the remainder. */
const roundedQuotient = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  const r = n % d;
  if (2n * abs(r) < abs(d)) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
};

const unitsArb = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
const scaleArb = fc.integer({ min: 0, max: 7 });
const decimalArb = fc.tuple(unitsArb, scaleArb).map(([u, s]) => decimal(u, s));

describe('decimal against an exact-fraction oracle', () => {
  test.prop([decimalArb, decimalArb])('add, subtract and multiply are exact, at the larger (or summed) scale', (a, b) => {
    const sum = add(a, b);
    const difference = subtract(a, b);
    const product = multiply(a, b);
    expect(sum.scale).toBe(Math.max(a.scale, b.scale));
    expect(difference.scale).toBe(Math.max(a.scale, b.scale));
    expect(product.scale).toBe(a.scale + b.scale);
    const s = a.scale + b.scale;
    expect(sign(sum.units, sum.scale, a.units * pow(b.scale) + b.units * pow(a.scale), s)).toBe(0);
    expect(sign(difference.units, difference.scale, a.units * pow(b.scale) - b.units * pow(a.scale), s)).toBe(0);
    expect(product.units).toBe(a.units * b.units);
  });

  test.prop([decimalArb, decimalArb])('compare and equals order values, whatever their scales', (a, b) => {
    const expected = sign(a.units, a.scale, b.units, b.scale);
    expect(compare(a, b)).toBe(expected);
    expect(equals(a, b)).toBe(expected === 0);
    // Random pairs are almost never equal: the same value at another scale always is.
    expect(compare(a, decimal(a.units * 10n, a.scale + 1))).toBe(0);
    expect(equals(a, decimal(a.units * 10n, a.scale + 1))).toBe(true);
  });

  test.prop([unitsArb, fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }).filter((d) => d !== 0n)])(
    'divideRoundHalfUp is the quotient rounded half away from zero, for every sign',
    (n, d) => {
      expect(divideRoundHalfUp(n, d)).toBe(roundedQuotient(n, d));
    },
  );

  test.prop([decimalArb, fc.tuple(unitsArb, scaleArb).filter(([u]) => u !== 0n), fc.integer({ min: 0, max: 9 })])(
    'divide is a / b rounded half away from zero to the scale asked, also when that scale is below the operands’',
    (a, [bu, bs], scale) => {
      const q = divide(a, decimal(bu, bs), scale);
      expect(q.scale).toBe(scale);
      // a / b = a.units × 10^bs / (bu × 10^a.scale); at `scale` decimals: × 10^scale.
      expect(q.units).toBe(roundedQuotient(a.units * pow(bs + scale), bu * pow(a.scale)));
    },
  );

  test.prop([decimalArb, fc.integer({ min: 0, max: 9 })])(
    'roundHalfUp rounds to the scale asked, exact when it is not below',
    (d, scale) => {
      const r = roundHalfUp(d, scale);
      expect(r.scale).toBe(scale);
      expect(r.units).toBe(scale >= d.scale ? d.units * pow(scale - d.scale) : roundedQuotient(d.units, pow(d.scale - scale)));
    },
  );

  test.prop([decimalArb])('normalize keeps the value and drops every trailing zero of the fraction, no more', (d) => {
    const n = normalize(d);
    expect(sign(n.units, n.scale, d.units, d.scale)).toBe(0);
    expect(n.scale <= d.scale).toBe(true);
    if (n.scale > 0) expect(n.units % 10n).not.toBe(0n);
    else expect(n.units).toBe(d.units / pow(d.scale));
  });
});

describe('decimal: texts and numbers', () => {
  test('parses signs, leading zeros and fractions, and only whole texts', () => {
    expect(parseDecimal('12')._unsafeUnwrap()).toEqual(decimal(12));
    expect(parseDecimal('-0.5')._unsafeUnwrap()).toEqual(decimal(-5, 1));
    expect(parseDecimal('007.250')._unsafeUnwrap()).toEqual(decimal(7250, 3));
    expect(parseDecimal('23.4567')._unsafeUnwrap()).toEqual(decimal(234567, 4));
    for (const t of ['-', '+1', '1.2.3', 'a1', '1a', '1 ', '--1', '١٢']) expect(parseDecimal(t)).toEqual(err('not-a-decimal'));
  });

  test('prints the canonical text: no trailing zeros, leading zero, sign', () => {
    expect(toText(decimal(5, 3))).toBe('0.005');
    expect(toText(decimal(-5, 3))).toBe('-0.005');
    expect(toText(decimal(-1200, 2))).toBe('-12');
    expect(toText(decimal(1250, 3))).toBe('1.25');
    expect(toText(decimal(0, 4))).toBe('0');
    expect(toText(decimal(700))).toBe('700');
    expect(toNumber(decimal(-125, 2))).toBe(-1.25);
  });

  test('reads numbers in exponent notation within 30 places, normalised', () => {
    expect(decimalFromNumber(1.5e-7)._unsafeUnwrap()).toEqual(decimal(15, 8));
    expect(decimalFromNumber(-2.5e-8)._unsafeUnwrap()).toEqual(decimal(-25, 9));
    expect(decimalFromNumber(1.23e22)._unsafeUnwrap()).toEqual(decimal(123n * 10n ** 20n));
    expect(decimalFromNumber(1e30)._unsafeUnwrap()).toEqual(decimal(10n ** 30n));
    expect(decimalFromNumber(1e-30)._unsafeUnwrap()).toEqual(decimal(1, 30));
    expect(decimalFromNumber(12.5)._unsafeUnwrap()).toEqual(decimal(125, 1));
    for (const n of [1e31, 1e-31, -1e31, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(decimalFromNumber(n)).toEqual(err('not-a-decimal'));
  });

  test('divideRoundHalfUp refuses a zero denominator (a bug in the caller)', () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow('division by zero');
  });
});
