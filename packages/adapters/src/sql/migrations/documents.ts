import type { Migration } from 'kysely';
import { createIndex, createTable, id, jsonText, seqType, shortText } from './ddl.js';

// Documents as received, the write protocol's records and the Ogustine → QBO mappings.

export const documentMigrations: Record<string, Migration> = {
  '0101-document': {
    up: (db) =>
      createTable(db, 'document')
        .addColumn('seq', seqType(db), (c) => c.primaryKey().autoIncrement())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('kind', shortText, (c) => c.notNull())
        .addColumn('number', id, (c) => c.notNull())
        .addColumn('customer_id', id, (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('gross_cents', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('in_quickbooks', 'integer', (c) => c.notNull())
        .addColumn('snapshot', jsonText, (c) => c.notNull())
        // A document is recorded once per account: a replayed message is a no-op.
        .addUniqueConstraint('document_key', ['account_id', 'document_id'])
        .execute(),
  },
  // Pages of an account's documents by creation (then number, then id), and creation-date filters.
  '0102-document-by-creation': {
    up: (db) => createIndex(db, 'document_account_created', 'document', ['account_id', 'created_at', 'number', 'document_id']),
  },
  // The preview and the initial sync: the documents not in QBO yet, by creation.
  '0103-document-not-in-quickbooks': {
    up: (db) =>
      createIndex(db, 'document_account_qbo_created', 'document', ['account_id', 'in_quickbooks', 'created_at', 'number', 'document_id']),
  },
  // The preview's counts and totals (`summarize`): every column they read is in the index, so 100,000
  // documents are counted from the index alone, without reading a row (the bench's "counts and totals").
  '0110-document-summary': {
    up: (db) =>
      createIndex(db, 'document_account_qbo_created_summary', 'document', [
        'account_id',
        'in_quickbooks',
        'created_at',
        'received_at',
        'kind',
        'currency',
        'gross_cents',
        'customer_id',
      ]),
  },
  '0104-sync-record': {
    up: (db) =>
      createTable(db, 'sync_record')
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('type', shortText, (c) => c.notNull())
        .addColumn('doc_number', id, (c) => c.notNull())
        .addColumn('state_kind', shortText, (c) => c.notNull())
        .addColumn('state', jsonText, (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_record_key', ['account_id', 'document_id'])
        .execute(),
  },
  '0105-mapping': {
    up: (db) =>
      createTable(db, 'mapping')
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('kind', shortText, (c) => c.notNull())
        .addColumn('ogustine_id', id, (c) => c.notNull())
        .addColumn('qbo_id', id, (c) => c.notNull())
        .addColumn('sync_token', id)
        .addColumn('fingerprint', 'varchar(128)')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('mapping_key', ['account_id', 'realm_id', 'kind', 'ogustine_id'])
        .execute(),
  },
};
