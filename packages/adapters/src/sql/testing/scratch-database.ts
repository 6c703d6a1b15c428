import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Engine } from '../database.js';

// Scratch databases for tests and benchmarks: a MariaDB database of its own at MYSQL_URL (dropped
// after), or a SQLite file in a temporary folder, so parallel runs never collide.

export const MYSQL_URL = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

/** A fresh, empty database (no schema) and how to get rid of it. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export const scratchDatabase = async (engine: Engine, prefix = 'sqltest'): Promise<ScratchDatabase> => {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), `ogustine-${prefix}-`));
    return { url: `sqlite:${join(folder, 'test.sqlite')}`, drop: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })) };
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
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
