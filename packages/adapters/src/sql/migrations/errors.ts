import type { Migration } from 'kysely';
import { createIndex, createTable, id, jsonText, seqType, shortText } from './ddl.js';

// The error history: rows are added and updated, never deleted.

export const errorMigrations: Record<string, Migration> = {
  '0201-error-record': {
    up: (db) =>
      createTable(db, 'error_record')
        .addColumn('seq', seqType(db), (c) => c.primaryKey().autoIncrement())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('document_kind', shortText)
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('cause_key', 'varchar(128)', (c) => c.notNull())
        .addColumn('cause', jsonText, (c) => c.notNull())
        .addColumn('state', shortText, (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('history', jsonText, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('error_record_key', ['account_id', 'id'])
        .execute(),
  },
  // The history's pages, newest first.
  '0202-error-record-pages': {
    up: (db) => createIndex(db, 'error_record_account_time', 'error_record', ['account_id', 'occurred_at', 'seq']),
  },
  // A document's records (resolve on success, the status of one document).
  '0203-error-record-by-document': {
    up: (db) => createIndex(db, 'error_record_account_document', 'error_record', ['account_id', 'document_id', 'seq']),
  },
  // Filters of the history screen and its groups: by state (open, retrying, resolved) and by cause.
  '0204-error-record-by-state': {
    up: (db) => createIndex(db, 'error_record_account_state', 'error_record', ['account_id', 'state', 'occurred_at', 'seq']),
  },
  '0205-error-record-by-cause': {
    up: (db) => createIndex(db, 'error_record_account_cause', 'error_record', ['account_id', 'cause_key', 'occurred_at', 'seq']),
  },
};
