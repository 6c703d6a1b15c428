import type { Migration } from 'kysely';
import { createTable, id, shortText } from './ddl.js';

// Runs (an initial sync, a catch-up, a resync of many) and the outcome of each of their documents.

export const runMigrations: Record<string, Migration> = {
  '0401-sync-run': {
    up: (db) =>
      createTable(db, 'sync_run')
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('run_id', id, (c) => c.notNull())
        .addColumn('kind', shortText, (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('sent', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('held', 'integer', (c) => c.notNull())
        .addColumn('sealed', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_run_key', ['account_id', 'run_id'])
        .execute(),
  },
  '0402-sync-run-document': {
    up: (db) =>
      createTable(db, 'sync_run_document')
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('run_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('outcome', shortText, (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_run_document_key', ['account_id', 'run_id', 'document_id'])
        .execute(),
  },
};
