import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { formatDec, mulRound, parseDec, roundDec } from './exact-decimal.js';

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 7 }))
  .map(([negative, digits, places]) => {
    const s = digits.toString().padStart(places + 1, '0');
    const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
    return negative && digits !== 0n ? `-${text}` : text;
  });

test.prop([decimalText])('parseDec is exact: formatting the parsed value gives back the same number', (text) => {
  const parsed = parseDec(text);
  expect(parsed).toBeDefined();
  expect(Number(formatDec(parsed ?? 0n))).toBe(Number(text));
  expect(parseDec(Number(text))).toBe(parsed);
});

test.prop([fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n })])(
  'rounding is half away from zero and symmetric: round(−x) = −round(x)',
  (a, b) => {
    expect(mulRound(-a, b, 2)).toBe(-mulRound(a, b, 2));
    expect(roundDec(-a, 2)).toBe(-roundDec(a, 2));
    const r = roundDec(a, 2);
    expect(r - a <= 50_000n && a - r <= 50_000n).toBe(true);
  },
);
