import { fnv1a64 } from '../shared/fnv1a64.js';
import { cutToLength } from './text-limits.js';

/**
 * Building QBO names (Customer.DisplayName, Item.Name) that are valid and unique: the readable
 * Ogustine name, cleaned and shortened, followed by a suffix that encodes the Ogustine id injectively.
 */

/**
 * 100 characters, not QBO's 500 for DisplayName: Item.Name is capped at 100, some tools that read QBO
 * (exports, connectors, the mobile app's lists) cap names at 100, and a shared limit keeps one rule.
 */
export const QBO_NAME_MAX = 100;

/** Characters QBO refuses in names (`:` tab newline) and any other control, separator or unpaired surrogate. */
const UNSAFE_IN_NAME = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Zs}:]+/gu;

/**
 * In a suffix, besides the unsafe characters: `(` `)` so the suffix can be found from the end, `~` the
 * escape character, `#` which marks a hashed id, and formatting/private/unassigned code points.
 */
const ESCAPED_IN_ID = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}:()~#]/u;

/** Ids whose escaped form is longer than this are hashed, so that the readable name keeps some room. */
const MAX_ESCAPED_ID = 60;

/** `:`, tabs, newlines and other controls become spaces; spaces are collapsed; ends are trimmed. */
export const cleanQboName = (text: string): string => text.replace(UNSAFE_IN_NAME, ' ').trim();

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * Escapes an id injectively and prefix-free: a safe character stays itself; an unsafe one becomes
 * `~HH` (code unit below 0x100) or `~uHHHH` (any other UTF-16 code unit). `u` is not a hex digit, so
 * both forms read back unambiguously.
 */
export const escapeQboNameId = (id: string): string => {
  let out = '';
  for (const char of id) {
    if (!ESCAPED_IN_ID.test(char)) {
      out += char;
      continue;
    }
    for (let i = 0; i < char.length; i += 1) {
      const unit = char.charCodeAt(i);
      out += unit < 0x100 ? `~${hex(unit, 2)}` : `~u${hex(unit, 4)}`;
    }
  }
  return out;
};

/** The `(…)` suffix for an id: its escaped form, or `#` + a 64-bit hash when that is too long. */
const suffixFor = (id: string): string => {
  const escaped = escapeQboNameId(id);
  return `(${escaped.length <= MAX_ESCAPED_ID ? escaped : `#${fnv1a64(id).toUpperCase()}`})`;
};

/**
 * `Jean Dupont (C1042)`: the cleaned name, shortened so the whole fits in `QBO_NAME_MAX`, then the
 * id's suffix. Distinct ids give distinct names: the suffix holds no `(`, so it is the text after the
 * last `(`, and escaping is injective. Ids longer than 60 escaped characters are hashed instead (a
 * collision would need two such ids with equal 64-bit hashes); QBO may compare names without case,
 * so ids differing only by case would collide there (Ogustine ids do not).
 */
export const uniqueQboName = (name: string, id: string, fallback: string): string => {
  const suffix = suffixFor(id);
  const cleaned = cleanQboName(name);
  const readable = cutToLength(cleaned === '' ? fallback : cleaned, QBO_NAME_MAX - suffix.length - 1);
  return readable === '' ? suffix : `${readable} ${suffix}`;
};
