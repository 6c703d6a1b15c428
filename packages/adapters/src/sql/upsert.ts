import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { SqlDatabase } from './database.js';
import type { Database } from './schema.js';

// The one statement that differs between the engines: insert, or update the row holding the key.

type Columns<T extends keyof Database> = Extract<keyof Database[T], string>;

/** What an upsert writes over an existing row: plain values, or `bump` for a counter. */
export type UpsertSet<T extends keyof Database> = Partial<Record<Columns<T>, unknown>>;

/** `column + 1` on the stored row (MariaDB's `ON DUPLICATE KEY UPDATE` and SQLite's `DO UPDATE` both read it so). */
export const bump = (column: string): RawBuilder<number> => sql<number>`${sql.ref(column)} + 1`;

/**
 * Only for a table whose insert can clash on one unique key alone, or with an empty `set`: MariaDB's
 * `ON DUPLICATE KEY UPDATE` fires on whichever unique key clashed, SQLite's on the one named.
 *
 * Inserts `values`, or, when a row already holds the key (`keys`: the columns of the unique key that
 * may clash), updates that row with `set`. An empty `set` leaves the row untouched whichever unique key
 * clashed (a no-op replay).
 */
export const upsert = async <T extends keyof Database>(
  database: SqlDatabase,
  table: T,
  values: Insertable<Database[T]> | readonly Insertable<Database[T]>[],
  keys: readonly Columns<T>[],
  set: UpsertSet<T>,
): Promise<void> => {
  // kysely types the two dialects' update clauses apart; the values are the same plain columns.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const insert = database.db.insertInto(table).values(values as any) as any;
  const noOp = Object.keys(set).length === 0;
  if (database.engine === 'mysql') {
    const first = keys[0] ?? '';
    await insert.onDuplicateKeyUpdate(noOp ? { [first]: sql.ref(first) } : set).execute();
  } else {
    await insert.onConflict((oc: any) => (noOp ? oc.doNothing() : oc.columns(keys).doUpdateSet(set))).execute(); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
};
