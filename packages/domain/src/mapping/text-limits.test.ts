import { describe, expect, it } from 'vitest';
import { cutToLength } from './text-limits.js';

describe('cutToLength', () => {
  it('keeps a text of exactly the limit, cuts a longer one and trims its end', () => {
    expect(cutToLength('abcde', 5)).toBe('abcde');
    expect(cutToLength('abc def', 4)).toBe('abc');
    expect(cutToLength('  ab  ', 6)).toBe('  ab  ');
  });

  it('counts UTF-16 code units and never keeps half of a surrogate pair', () => {
    expect(cutToLength('a🙂b', 2)).toBe('a');
    expect(cutToLength('a🙂b', 3)).toBe('a🙂');
    expect(cutToLength('ab\uDBFFc', 3)).toBe('ab');
    expect(cutToLength('ab\uD800c', 3)).toBe('ab');
    expect(cutToLength('ab\uD7FFc', 3)).toBe('ab\uD7FF');
    expect(cutToLength('ab\uDC00c', 3)).toBe('ab\uDC00');
  });
});
