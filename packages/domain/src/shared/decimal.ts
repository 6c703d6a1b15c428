import { err, ok, type Result } from 'neverthrow';

/**
 * An exact decimal number: `units / 10^scale`. Quantities, unit prices and VAT rates keep the
 * precision Ogustine sends, so they are never held in binary floating point.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

export const decimal = (units: bigint | number, scale = 0): Decimal => ({ units: BigInt(units), scale });

/**
 * Reads a plain decimal text such as `"12"`, `"-0.5"` or `"23.4567"`.
 * @returns err('not-a-decimal') for anything else (exponents, spaces, commas, empty text)
 */
export const parseDecimal = (text: string): Result<Decimal, 'not-a-decimal'> => {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return err('not-a-decimal');
  const [, sign, whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return ok({ units: sign === '-' ? -magnitude : magnitude, scale: fraction.length });
};

/**
 * Reads a JSON number exactly as its shortest decimal text (what `JSON.stringify` would write), so
 * `0.1` is one tenth, not the nearest binary fraction. Below 1e-6 and from 1e21 that text has an
 * exponent (`1.5e-7`, `1.23e+22`); NaN and the infinities are words, no decimal text.
 * @returns err('not-a-decimal') for NaN, infinities, or numbers beyond 30 places either way
 */
export const decimalFromNumber = (value: number): Result<Decimal, 'not-a-decimal'> => {
  const [mantissa, exponentText] = String(value).split('e') as [string, string?];
  const exponent = Number(exponentText ?? 0);
  if (Math.abs(exponent) > 30) return err('not-a-decimal');
  return parseDecimal(mantissa).map((m) =>
    normalize(exponent >= 0 ? { units: m.units * 10n ** BigInt(exponent), scale: m.scale } : { units: m.units, scale: m.scale - exponent }),
  );
};

/** Removes trailing zeros of the fraction: `1.500` becomes `1.5`. Equal values normalise equal. */
export const normalize = (d: Decimal): Decimal => {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
};

const rescale = (d: Decimal, scale: number): bigint => d.units * 10n ** BigInt(scale - d.scale);

export const add = (a: Decimal, b: Decimal): Decimal => {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
};

export const subtract = (a: Decimal, b: Decimal): Decimal => add(a, { units: -b.units, scale: b.scale });

export const multiply = (a: Decimal, b: Decimal): Decimal => ({ units: a.units * b.units, scale: a.scale + b.scale });

export const compare = (a: Decimal, b: Decimal): -1 | 0 | 1 => {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const equals = (a: Decimal, b: Decimal): boolean => compare(a, b) === 0;

/** Integer division of bigints rounded half away from zero (QBO's "half-up" on amounts). */
export const divideRoundHalfUp = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator === 0n) throw new Error('divideRoundHalfUp: division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
};

/** Rounds to `scale` decimals, half away from zero. */
export const roundHalfUp = (d: Decimal, scale: number): Decimal =>
  d.scale <= scale ? { units: rescale(d, scale), scale } : { units: divideRoundHalfUp(d.units, 10n ** BigInt(d.scale - scale)), scale };

/** `a / b` rounded to `scale` decimals, half away from zero. */
export const divide = (a: Decimal, b: Decimal, scale: number): Decimal => {
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale the numerator so the quotient has `scale` decimals.
  const shift = scale + b.scale - a.scale;
  const numerator = shift >= 0 ? a.units * 10n ** BigInt(shift) : a.units;
  const denominator = shift >= 0 ? b.units : b.units * 10n ** BigInt(-shift);
  return { units: divideRoundHalfUp(numerator, denominator), scale };
};

/** Canonical text: `1.5`, `-0.25`, `20`. Equal values print equal. */
export const toText = (d: Decimal): string => {
  const n = normalize(d);
  const negative = n.units < 0n;
  const digits = (negative ? -n.units : n.units).toString().padStart(n.scale + 1, '0');
  const whole = digits.slice(0, digits.length - n.scale);
  const fraction = digits.slice(digits.length - n.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
};

/** The JSON number for a payload field (QBO takes numbers). Exact for up to 15 significant digits. */
export const toNumber = (d: Decimal): number => Number(toText(d));
