import type { Migration } from 'kysely';
import { createIndex, createTable, id, seqType, shortText } from './ddl.js';

// The sync job table (ADR 0004): one row per unfinished job, its dead letters, and one row per realm
// holding the realm's lease (one realm is served by one worker at a time) and its turn.

export const jobMigrations: Record<string, Migration> = {
  '0301-sync-realm': {
    up: (db) =>
      createTable(db, 'sync_realm')
        .addColumn('realm_id', id, (c) => c.primaryKey())
        .addColumn('lease_id', id)
        .addColumn('holder', 'varchar(128)', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('served_seq', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // Realms are offered least recently served first: the fairness of the lease.
  '0302-sync-realm-by-turn': { up: (db) => createIndex(db, 'sync_realm_turn', 'sync_realm', ['served_seq', 'realm_id']) },
  '0303-sync-job': {
    up: (db) =>
      createTable(db, 'sync_job')
        .addColumn('seq', seqType(db), (c) => c.primaryKey().autoIncrement())
        .addColumn('job_id', id, (c) => c.notNull())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('reason', shortText, (c) => c.notNull())
        .addColumn('lane', 'integer', (c) => c.notNull())
        .addColumn('after_document_id', id)
        .addColumn('not_before', 'bigint', (c) => c.notNull())
        .addColumn('deliveries', 'integer', (c) => c.notNull())
        .addColumn('lease_id', id)
        .addColumn('run_id', id)
        .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('sync_job_id', ['job_id'])
        // One unfinished job per (account, document, reason): a double click or a replayed message queues nothing more.
        .addUniqueConstraint('sync_job_key', ['account_id', 'document_id', 'reason'])
        .execute(),
  },
  // A realm's ready jobs in order (lane, then enqueue order).
  '0304-sync-job-batch': { up: (db) => createIndex(db, 'sync_job_realm_order', 'sync_job', ['realm_id', 'lane', 'seq']) },
  // A realm's oldest ready job (whether it has one, and the tie-break between realms never served).
  '0305-sync-job-realm-seq': { up: (db) => createIndex(db, 'sync_job_realm_seq', 'sync_job', ['realm_id', 'seq']) },
  // The jobs that others wait for (`after`), within a realm.
  '0306-sync-job-dependents': {
    up: (db) => createIndex(db, 'sync_job_realm_after', 'sync_job', ['realm_id', 'after_document_id']),
  },
  // The jobs handed out under a lease (release, fencing).
  '0307-sync-job-by-lease': { up: (db) => createIndex(db, 'sync_job_lease', 'sync_job', ['lease_id']) },
  // Jobs handed out too many times, swept to the dead letters.
  '0308-sync-job-by-deliveries': { up: (db) => createIndex(db, 'sync_job_deliveries', 'sync_job', ['deliveries']) },
  '0309-sync-job-dead': {
    up: (db) =>
      createTable(db, 'sync_job_dead')
        .addColumn('job_id', id, (c) => c.primaryKey())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('document_id', id, (c) => c.notNull())
        .addColumn('reason', shortText, (c) => c.notNull())
        .addColumn('after_document_id', id)
        .addColumn('run_id', id)
        .addColumn('deliveries', 'integer', (c) => c.notNull())
        .addColumn('dead_reason', 'text', (c) => c.notNull())
        .addColumn('dead_at', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // Operators read an account's dead letters, newest first.
  '0310-sync-job-dead-by-account': {
    up: (db) => createIndex(db, 'sync_job_dead_account', 'sync_job_dead', ['account_id', 'dead_at']),
  },
  // A realm's earliest due job (when to look again: `nextDueAt`).
  '0311-sync-job-realm-due': { up: (db) => createIndex(db, 'sync_job_realm_due', 'sync_job', ['realm_id', 'not_before']) },
};
