import type { Migration } from 'kysely';
import { createIndex, createTable, id, seqType, shortText } from './ddl.js';

// The sync job table (one row per job waiting or in flight), its dead letters, and one row per realm
// holding the realm's lease: one realm is served by one worker at a time.

export const jobMigrations: Record<string, Migration> = {
  '0301-sync-realm': {
    up: (db) =>
      createTable(db, 'sync_realm')
        .addColumn('realm_id', id, (c) => c.primaryKey())
        .addColumn('lease_owner', id, (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('last_leased_at', 'bigint', (c) => c.notNull())
        .addColumn('not_before', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // Realms are offered least recently served first: the fairness of the lease.
  '0302-sync-realm-by-turn': { up: (db) => createIndex(db, 'sync_realm_turn', 'sync_realm', ['last_leased_at', 'realm_id']) },
  '0303-sync-job': {
    up: (db) =>
      createTable(db, 'sync_job')
        .addColumn('seq', seqType(db), (c) => c.primaryKey().autoIncrement())
        .addColumn('job_id', id, (c) => c.notNull())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('reason', shortText, (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('lease_token', id, (c) => c.notNull())
        .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('sync_job_id', ['job_id'])
        // A document waits in the queue once: enqueuing it again (a double click, a replayed message) is a no-op.
        .addUniqueConstraint('sync_job_document', ['account_id', 'document_id'])
        .execute(),
  },
  // A leased realm's batch: its jobs in order.
  '0304-sync-job-batch': { up: (db) => createIndex(db, 'sync_job_realm_order', 'sync_job', ['realm_id', 'priority', 'seq']) },
  // Whether a realm has a due job.
  '0305-sync-job-due': { up: (db) => createIndex(db, 'sync_job_realm_due', 'sync_job', ['realm_id', 'due_at']) },
  // The jobs a lease still has in flight (a lease ends with its last job).
  '0306-sync-job-by-lease': { up: (db) => createIndex(db, 'sync_job_realm_lease', 'sync_job', ['realm_id', 'lease_token']) },
  '0307-sync-job-dead': {
    up: (db) =>
      createTable(db, 'sync_job_dead')
        .addColumn('job_id', id, (c) => c.primaryKey())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('reason', shortText, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('dead_reason', 'text', (c) => c.notNull())
        .addColumn('dead_at', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // Operators read an account's dead letters, newest first.
  '0308-sync-job-dead-by-account': {
    up: (db) => createIndex(db, 'sync_job_dead_account', 'sync_job_dead', ['account_id', 'dead_at']),
  },
};
