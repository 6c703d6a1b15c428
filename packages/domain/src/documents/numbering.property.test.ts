import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { docNumberFor, DOC_NUMBER_PREFIX, ogustineNumberFromDocNumber, QBO_DOC_NUMBER_MAX_LENGTH } from './numbering.js';

const ALLOWED = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/.'];

/** Numbers that can be represented: 1 to 12 allowed characters. */
const representableArb = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...ALLOWED) });

/** Any text, biased towards Ogustine-like numbers, near the length limit and with odd characters. */
const anyNumberArb = fc.oneof(
  representableArb,
  fc.string({ minLength: 10, maxLength: 30, unit: fc.constantFrom(...ALLOWED) }),
  fc.string({ maxLength: 16, unit: fc.oneof(fc.constantFrom(...ALLOWED), fc.constantFrom(' ', 'é', "'", '\t', '\u0000', '🙂', 'Ω')) }),
  fc.string({ unit: 'binary' }),
);

/** Pairs of numbers that a careless numbering would merge: case, spaces, truncation, a suffix. */
const pairArb: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(anyNumberArb, anyNumberArb),
  anyNumberArb.chain((a) =>
    fc
      .constantFrom(a.toUpperCase(), a.toLowerCase(), ` ${a}`, `${a} `, a.slice(0, 12), a.slice(0, 11), `${a}0`, a.normalize('NFD'))
      .map((b): [string, string] => [a, b]),
  ),
);

describe('numbering', () => {
  test.prop([pairArb])('numbering is injective: distinct numbers never share a DocNumber', ([a, b]) => {
    const da = docNumberFor(a);
    const db = docNumberFor(b);
    if (a !== b && da.isOk() && db.isOk()) expect(da.value).not.toBe(db.value);
  });

  test.prop([anyNumberArb])('a DocNumber never exceeds 21 characters', (number) => {
    docNumberFor(number).map((docNumber) => expect(docNumber.length).toBeLessThanOrEqual(QBO_DOC_NUMBER_MAX_LENGTH));
  });

  test.prop([anyNumberArb])(
    'an unrepresentable number is an explicit error, never truncated: ok means the number is kept whole',
    (number) => {
      const result = docNumberFor(number);
      if (result.isOk()) {
        expect(result.value).toBe(DOC_NUMBER_PREFIX + number);
      } else if (number.length > 12 && [...number].every((c) => ALLOWED.includes(c))) {
        expect(result.error).toEqual({ kind: 'numbering.too-long', length: number.length, max: 12 });
      } else {
        expect(['numbering.empty', 'numbering.invalid-character']).toContain(result.error.kind);
      }
    },
  );

  test.prop([representableArb])('every number of 1 to 12 letters, digits or - _ / . is representable', (number) => {
    expect(docNumberFor(number).isOk()).toBe(true);
  });

  test.prop([anyNumberArb])('ogustineNumberFromDocNumber inverts docNumberFor', (number) => {
    docNumberFor(number).match(
      (docNumber) => expect(ogustineNumberFromDocNumber(docNumber)).toBe(number),
      () => expect(ogustineNumberFromDocNumber(DOC_NUMBER_PREFIX + number)).toBeUndefined(),
    );
  });

  test.prop([
    fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...ALLOWED, 'O', 'G', 'U') }).map((s) => `OGUSTINE_${s}`),
    ),
  ])('ogustineNumberFromDocNumber only recognises DocNumbers that docNumberFor writes', (docNumber) => {
    const number = ogustineNumberFromDocNumber(docNumber);
    if (number !== undefined) expect(docNumberFor(number)._unsafeUnwrap()).toBe(docNumber);
  });
});
