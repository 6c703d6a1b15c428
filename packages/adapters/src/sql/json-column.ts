import type { StoreError } from '@ogustine-qbo/domain';
import { Result } from 'neverthrow';

// JSON kept in a text column (MariaDB's JSON type reads back parsed, SQLite's as text: text reads the
// same on both). Bigints (the units of exact decimals) are written as `{"$bigint":"…"}` and read back
// as bigints, so a value comes back as it went in.

const BIGINT_TAG = '$bigint';

export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [BIGINT_TAG]: v.toString() } : v));

const revive = (_key: string, v: unknown): unknown => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const tagged = (v as Record<string, unknown>)[BIGINT_TAG];
  return keys.length === 1 && typeof tagged === 'string' ? BigInt(tagged) : v;
};

/** @returns err(store.unavailable) if a stored value is not JSON any more (a row altered outside the module) */
export const fromJson = <T>(text: string, what: string): Result<T, StoreError> =>
  Result.fromThrowable(
    () => JSON.parse(text, revive) as T,
    () => ({ kind: 'store.unavailable' as const, detail: `stored ${what} is not JSON` }),
  )();
