import type { StoreError } from '@ogustine-qbo/domain';
import { Result } from 'neverthrow';

/** JSON kept in a text column (MariaDB's JSON type reads back parsed, SQLite's as text: text reads the same on both). */
export const toJson = (value: unknown): string => JSON.stringify(value);

/** @returns err(store.unavailable) if a stored value is not JSON any more (a row altered outside the module) */
export const fromJson = <T>(text: string, what: string): Result<T, StoreError> =>
  Result.fromThrowable(
    () => JSON.parse(text) as T,
    () => ({ kind: 'store.unavailable' as const, detail: `stored ${what} is not JSON` }),
  )();
