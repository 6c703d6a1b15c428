import { sql, type Kysely } from 'kysely';
import type { SqlDatabase } from './database.js';
import type { Database } from './schema.js';
import { isDeadlock } from './sql-errors.js';

const DEADLOCK_RETRIES = 5;
/** The longest wait before a deadlock victim's first retry (later retries wait up to this many times more). */
const DEADLOCK_BACKOFF_MS = 20;

/**
 * A short read-then-write transaction, safe with several processes:
 * - MariaDB: READ COMMITTED (under REPEATABLE READ, `SKIP LOCKED` leases deadlock by the dozen:
 *   STACK-NOTES §11.13), run again when chosen as a deadlock victim;
 * - SQLite: `BEGIN IMMEDIATE`, so the writer lock is taken before the first read (a deferred
 *   transaction that reads then writes fails with SQLITE_BUSY_SNAPSHOT when another process wrote
 *   in between; kysely always sends a deferred `begin`, hence the statements sent by hand).
 */
export const writeTransaction = async <T>(database: SqlDatabase, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
  if (database.engine === 'sqlite') {
    return database.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (e) {
        await sql`rollback`.execute(connection);
        throw e;
      }
    });
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await database.db.transaction().setIsolationLevel('read committed').execute(work);
    } catch (e) {
      if (!isDeadlock(e) || attempt >= DEADLOCK_RETRIES) throw e;
      // Apart, at random: two victims run again at once would meet the same lock order again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * DEADLOCK_BACKOFF_MS * attempt));
    }
  }
};
