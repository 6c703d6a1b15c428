import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Engine, type SqlDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { MYSQL_URL, scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import type { Database } from '../schema.js';

// Real databases for the adapter tests: each test file gets its own MariaDB database (dropped after)
// or its own SQLite file in a temporary folder, so parallel runs never collide.

const mysqlAnswers = async (): Promise<boolean> => {
  try {
    const connection = await createConnection({ uri: MYSQL_URL, connectTimeout: 3_000 });
    await connection.end();
    return true;
  } catch (e) {
    // Under CI a missing server is a failure, never a skip.
    if (process.env['CI'] === 'true') throw new Error(`MariaDB does not answer at ${MYSQL_URL}`, { cause: e });
    console.warn(`MariaDB does not answer at ${MYSQL_URL}: the MariaDB half of these tests is not run (it would fail under CI=true).`);
    return false;
  }
};

/** The engines to test on: SQLite always, MariaDB when it answers (always under CI). */
export const engines: readonly Engine[] = (await mysqlAnswers()) ? ['sqlite', 'mysql'] : ['sqlite'];

export const mustOpen = async (url: string): Promise<SqlDatabase> => (await openDatabase(url))._unsafeUnwrap({ withStackTrace: true });

const TABLES: readonly (keyof Database)[] = [
  'connection',
  'account_settings',
  'history_import',
  'document',
  'mapping',
  'company_profile',
  'qbo_share_claim',
  'sync_record',
  'error_record',
  'processed_message',
  'authorization_state',
  'sync_job',
  'sync_job_dead',
  'sync_realm',
  'sync_run',
  'sync_run_document',
];

/** Empties every table: each contract case starts from an empty store. */
export const clearTables = async (database: SqlDatabase): Promise<void> => {
  for (const table of TABLES) await database.db.deleteFrom(table).execute();
};

/** A migrated database of this engine for the whole test file, emptied before each test. */
export const useMigratedDatabase = (engine: Engine): { readonly current: () => SqlDatabase; readonly url: () => string } => {
  let scratch: ScratchDatabase | undefined;
  let database: SqlDatabase | undefined;
  beforeAll(async () => {
    scratch = await scratchDatabase(engine);
    database = await mustOpen(scratch.url);
    (await migrateToLatest(database))._unsafeUnwrap({ withStackTrace: true });
  });
  beforeEach(async () => {
    if (database !== undefined) await clearTables(database);
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  const current = (): SqlDatabase => {
    if (database === undefined) throw new Error('the test database is not open yet');
    return database;
  };
  const url = (): string => {
    if (scratch === undefined) throw new Error('the test database is not created yet');
    return scratch.url;
  };
  return { current, url };
};
