import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Rows MariaDB's handlers read (and wrote to temporary tables) in this session so far: the
 * difference around a call is what the call's statements read, whatever the plan, so a test can
 * bound it without timing anything. `connection` must be one connection (`db.connection()`).
 */
export const rowsTouched = async (connection: Kysely<Database>): Promise<number> => {
  const { rows } = await sql<{
    Variable_name: string;
    Value: string;
  }>`SHOW SESSION STATUS WHERE Variable_name LIKE 'Handler_read%' OR Variable_name = 'Handler_tmp_write'`.execute(connection);
  return rows.reduce((sum, r) => sum + Number(r.Value), 0);
};

/** Runs `call` and counts the rows it touched on `connection` (`rowsTouched`). */
export const countRows = async <T>(connection: Kysely<Database>, call: () => Promise<T>): Promise<{ value: T; rows: number }> => {
  const before = await rowsTouched(connection);
  const value = await call();
  return { value, rows: (await rowsTouched(connection)) - before };
};
