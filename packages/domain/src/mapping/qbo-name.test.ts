import { describe, expect, it } from 'vitest';
import { cleanQboName, escapeQboNameId, QBO_NAME_MAX, uniqueQboName } from './qbo-name.js';

describe('QBO names', () => {
  it('clean names: every unsafe run becomes one space, ends trimmed', () => {
    expect(cleanQboName('a\u2028b\u2029c\u00A0d::e')).toBe('a b c d e');
    expect(cleanQboName(' \t ')).toBe('');
  });

  it('escape ids by code unit: ~HH below 0x100, ~uHHHH above, both halves of a pair', () => {
    expect(escapeQboNameId('(x)~#')).toBe('~28x~29~7E~23');
    expect(escapeQboNameId('a\u200Bb')).toBe('a~u200Bb');
    expect(escapeQboNameId('\uE000')).toBe('~uE000');
    expect(escapeQboNameId('\uDC00')).toBe('~uDC00');
    expect(escapeQboNameId('C-1_é🙂')).toBe('C-1_é🙂');
  });

  it('keep an escaped id of 60 characters and hash a longer one (FNV-1a 64 over UTF-16 code units)', () => {
    expect(uniqueQboName('Jean', 'x'.repeat(60), 'Client')).toBe(`Jean (${'x'.repeat(60)})`);
    expect(uniqueQboName('Jean', 'x'.repeat(61), 'Client')).toBe('Jean (#1AE3F15D5CFAEFB7)');
    expect(uniqueQboName('Jean', 'é'.repeat(61), 'Client')).toBe('Jean (#2A007E6ADE0B91E8)');
  });

  it('fall back on the fallback for a blank name, and to the suffix alone when no room is left', () => {
    expect(uniqueQboName(' : ', '7', 'Client')).toBe('Client (7)');
    expect(uniqueQboName('a'.repeat(200), 'y'.repeat(60), 'Client')).toBe(`${'a'.repeat(37)} (${'y'.repeat(60)})`);
    const suffixOnly = uniqueQboName('', 'z'.repeat(QBO_NAME_MAX), '');
    expect(suffixOnly).toMatch(/^\(#[0-9A-F]{16}\)$/);
  });
});
