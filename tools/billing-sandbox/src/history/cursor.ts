// A cursor is a position in validation order: the (validatedAt, id) of the last document served.
// Opaque to clients (base64url of a small JSON), checked on the way back in.

export interface Position {
  readonly validatedAt: number;
  readonly id: string;
}

const PREFIX = 'v1.';

export const encodeCursor = (position: Position): string =>
  PREFIX + Buffer.from(JSON.stringify([position.validatedAt, position.id]), 'utf8').toString('base64url');

/** @returns the position, or undefined for a cursor this sandbox never gave */
export const decodeCursor = (cursor: string): Position | undefined => {
  if (!cursor.startsWith(PREFIX) || cursor.length > 512) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [validatedAt, id] = value as unknown[];
    return Number.isSafeInteger(validatedAt) && typeof id === 'string' ? { validatedAt: validatedAt as number, id } : undefined;
  } catch {
    return undefined;
  }
};

/** Validation order: by moment, then by id. */
export const comparePositions = (a: Position, b: Position): number =>
  a.validatedAt !== b.validatedAt ? a.validatedAt - b.validatedAt : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
