import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Engine, type SqlDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';

// Real databases for the adapter tests: each test file gets its own MariaDB database (dropped after)
// or its own SQLite file in a temporary folder, so parallel runs never collide.

const MYSQL_URL = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

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

/** A fresh, empty database (no schema) and how to get rid of it. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export const scratchDatabase = async (engine: Engine): Promise<ScratchDatabase> => {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'ogustine-sql-'));
    return { url: `sqlite:${join(folder, 'test.sqlite')}`, drop: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })) };
  }
  const name = `sqltest_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = await createConnection({ uri: MYSQL_URL });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
};

export const mustOpen = async (url: string): Promise<SqlDatabase> => (await openDatabase(url))._unsafeUnwrap({ withStackTrace: true });

const TABLES: readonly (keyof Database)[] = [
  'connection',
  'account_settings',
  'document',
  'mapping',
  'company_profile',
  'sync_record',
  'error_record',
  'processed_message',
  'authorization_state',
  'sync_job',
  'sync_job_dead',
  'sync_realm',
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
