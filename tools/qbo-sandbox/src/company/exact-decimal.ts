// Exact decimals for money and rates: bigint counts of 1e-7 (QBO keeps Qty, UnitPrice and rates to 7 decimals,
// amounts to 2). No float ever touches a computed amount.

/** A decimal as a bigint number of 1e-7 units. */
export type Dec = bigint;

export const SCALE_DIGITS = 7;
const SCALE = 10n ** 7n;
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** n / d rounded half away from zero. */
export const roundDiv = (n: bigint, d: bigint): bigint => {
  if (d === 0n) throw new Error('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return negative ? -q : q;
};

/**
 * Reads a JSON number or numeric string exactly as written in decimal (1861.075 stays 1861.075), rounded half away
 * from zero past 7 decimals.
 * @returns the decimal, or undefined when the value is not a finite number
 */
export const parseDec = (value: unknown): Dec | undefined => {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (m === null || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}` || '0';
  const exponent = Number(m[4] ?? '0') - (m[3] ?? '').length;
  const magnitude = BigInt(digits);
  const shift = exponent + SCALE_DIGITS;
  const scaled = shift >= 0 ? magnitude * pow10(shift) : roundDiv(magnitude, pow10(-shift));
  return m[1] === '-' ? -scaled : scaled;
};

/** A whole number of cents, e.g. 12345 → 123.45 as Dec. */
export const fromCents = (cents: bigint): Dec => cents * pow10(SCALE_DIGITS - 2);

/** Rounds half away from zero to `decimals` (0..7). */
export const roundDec = (d: Dec, decimals: number): Dec => roundDiv(d, pow10(SCALE_DIGITS - decimals)) * pow10(SCALE_DIGITS - decimals);

/** a × b rounded half away from zero to `decimals`, from the exact product. */
export const mulRound = (a: Dec, b: Dec, decimals: number): Dec =>
  roundDiv(a * b, pow10(2 * SCALE_DIGITS - decimals)) * pow10(SCALE_DIGITS - decimals);

/** a × percent / 100 rounded half away from zero to cents. */
export const percentOf = (a: Dec, percent: Dec): Dec =>
  roundDiv(a * percent, 100n * pow10(SCALE_DIGITS + SCALE_DIGITS - 2)) * pow10(SCALE_DIGITS - 2);

/** a / b rounded half away from zero to `decimals`. */
export const divRound = (a: Dec, b: Dec, decimals: number): Dec => roundDiv(a * pow10(decimals), b) * pow10(SCALE_DIGITS - decimals);

/** a / (1 + percent / 100) rounded to cents: the net of a gross. */
export const netOfGross = (gross: Dec, percent: Dec): Dec => divRound(gross * 100n, 100n * SCALE + percent, 2);

/** The shortest decimal text (no trailing zeros), e.g. "1861.08". */
export const formatDec = (d: Dec): string => {
  const negative = d < 0n;
  const a = negative ? -d : d;
  const whole = a / SCALE;
  const frac = (a % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
};

/** The JSON number QBO would print (the float nearest the decimal, as JSON can only hold floats). */
export const toNumber = (d: Dec): number => Number(formatDec(d));

/** "1,861.07": the grouping QBO uses in the 6070 Detail. */
export const formatGrouped = (d: Dec): string => {
  const cents = roundDec(d, 2);
  const text = formatDec(cents < 0n ? -cents : cents);
  const [whole = '0', frac = ''] = text.split('.');
  return `${cents < 0n ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
};

export const sumDec = (values: readonly Dec[]): Dec => values.reduce((a, b) => a + b, 0n);

/** a × (1 + percent / 100) rounded to cents: the gross of a net. */
export const grossOfNet = (net: Dec, percent: Dec): Dec =>
  roundDiv(net * (100n * SCALE + percent), 100n * SCALE * pow10(SCALE_DIGITS - 2)) * pow10(SCALE_DIGITS - 2);
