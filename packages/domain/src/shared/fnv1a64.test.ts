import { describe, expect, test } from 'vitest';
import { fnv1a64 } from './fnv1a64.js';

describe('fnv1a64', () => {
  // The published FNV-1a 64-bit test vectors (Fowler, Noll, Vo), an oracle independent of this code.
  test.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the published value', (text, expected) => {
    expect(fnv1a64(text)).toBe(expected);
  });

  test('keeps the leading zero of a hash below 2^60 (always 16 digits)', () => {
    expect(fnv1a64('C0')).toBe('090f7e07b5a73886');
  });
});
