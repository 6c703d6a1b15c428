import { Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { ResultAsync, errAsync } from 'neverthrow';
import { parseDatabaseUrl, type DatabaseTarget, type DatabaseUrlError } from './database-url.js';
import type { Database } from './schema.js';

export type Engine = DatabaseTarget['engine'];

/** An open database: the same kysely code runs on both engines; `engine` picks the few dialect branches. */
export interface SqlDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Closes the pool or the file handle. */
  close(): Promise<void>;
}

export type DatabaseOpenError = DatabaseUrlError | { readonly kind: 'database.unavailable'; readonly detail: string };

/** How long a SQLite writer waits for another one (the HTTP app and the worker share the file). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const MYSQL_POOL_SIZE = 10;

/**
 * Opens the database named by a URL (`parseDatabaseUrl`). The native driver of the other engine is
 * never loaded. SQLite: WAL journal (readers never wait for the writer), a busy time-out, foreign keys
 * on. MariaDB: a pool in UTC (`timezone: 'Z'`); instants are integers anyway.
 * @returns err(database.bad-url) for a URL that names no database
 * @returns err(database.unavailable) if the SQLite file cannot be opened (a MariaDB pool connects on first use)
 */
export const openDatabase = (url: string): ResultAsync<SqlDatabase, DatabaseOpenError> =>
  parseDatabaseUrl(url).match(
    (target) => ResultAsync.fromPromise(open(target), (e) => ({ kind: 'database.unavailable' as const, detail: messageOf(e) })),
    (e) => errAsync(e),
  );

const open = async (target: DatabaseTarget): Promise<SqlDatabase> => {
  if (target.engine === 'mysql') {
    const { createPool } = await import('mysql2');
    const pool = createPool({
      uri: target.uri,
      connectionLimit: MYSQL_POOL_SIZE,
      timezone: 'Z',
      charset: 'utf8mb4',
      supportBigNumbers: true,
    });
    const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
    return { db, engine: 'mysql', close: () => db.destroy() };
  }
  const { default: SQLite } = await import('better-sqlite3');
  const handle = new SQLite(target.file);
  if (target.file !== ':memory:') handle.pragma('journal_mode = WAL');
  handle.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
};

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
