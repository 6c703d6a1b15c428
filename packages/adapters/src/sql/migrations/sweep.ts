import type { Migration } from 'kysely';
import { createIndex } from './ddl.js';

// The sweep's reads (`SqlStalledWork`): work left between two steps by a process that stopped.

export const sweepMigrations: Record<string, Migration> = {
  // Every account's documents by when they were recorded, a window at a time.
  '0501-sweep-document-by-receipt': {
    up: (db) => createIndex(db, 'document_received', 'document', ['received_at', 'account_id', 'document_id']),
  },
  // Runs never sealed (a launch that stopped half-way), oldest first.
  '0502-sweep-run-unsealed': { up: (db) => createIndex(db, 'sync_run_unsealed', 'sync_run', ['sealed', 'kind', 'started_at']) },
};
