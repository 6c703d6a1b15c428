import { CompiledQuery, type Compilable } from 'kysely';
import type { SqlDatabase } from './database.js';

/**
 * Runs a SELECT on `table` through the index named. MariaDB's planner prefers, for `ORDER BY …
 * LIMIT`, an index that gives the order but not the filter (the preview's first page read 20,000
 * rows to find 51); the hint (`FORCE INDEX` on MariaDB, `INDEXED BY` on SQLite) pins the index made
 * for the query. Kysely has no index hints, so the compiled text gets one after its table name.
 */
export const selectWithIndex = async <O>(
  database: SqlDatabase,
  query: Compilable<O> & { execute(): Promise<O[]> },
  table: string,
  index: string,
): Promise<O[]> => {
  const compiled = query.compile();
  const [from, hint] =
    database.engine === 'mysql' ? [`from \`${table}\``, `force index (\`${index}\`)`] : [`from "${table}"`, `indexed by "${index}"`];
  if (!compiled.sql.includes(from)) throw new Error(`selectWithIndex: the query does not read from ${table}`);
  const hinted = CompiledQuery.raw(compiled.sql.replace(from, `${from} ${hint}`), [...compiled.parameters]);
  return (await database.db.executeQuery<O>(hinted)).rows;
};
