import type { Migration } from 'kysely';
import { createTable, id, jsonText } from './ddl.js';

// The history import of each account (`HistoryImportStore`): one row per account, saved after each page.

export const historyMigrations: Record<string, Migration> = {
  '0601-history-import': {
    up: (db) =>
      createTable(db, 'history_import')
        .addColumn('account_id', id, (c) => c.primaryKey())
        .addColumn('body', jsonText, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute(),
  },
};
