import type { StoreError } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';

// A page cursor is the sort key of the last row of the page (keyset pagination: the next page starts
// strictly after it, so rows added meanwhile never shift a page), as base64url JSON. Opaque to callers.

export type CursorKey = readonly (string | number)[];

export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/**
 * @returns ok(key) of `arity` strings and numbers in the order `shape` gives ('s' or 'n')
 * @returns err(store.unavailable) for a cursor this store did not make (a forged or damaged one)
 */
export const decodeCursor = (cursor: string, shape: readonly ('s' | 'n')[]): Result<CursorKey, StoreError> => {
  const invalid = err<CursorKey, StoreError>({ kind: 'store.unavailable', detail: 'invalid page cursor' });
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (!Array.isArray(key) || key.length !== shape.length) return invalid;
  const fits = key.every((part: unknown, i) =>
    shape[i] === 'n' ? typeof part === 'number' && Number.isFinite(part) : typeof part === 'string',
  );
  return fits ? ok(key as CursorKey) : invalid;
};
