import type { Migration, MigrationProvider } from 'kysely';
import { accountMigrations } from './accounts.js';
import { documentMigrations } from './documents.js';
import { errorMigrations } from './errors.js';
import { jobMigrations } from './jobs.js';
import { runMigrations } from './runs.js';
import { historyMigrations } from './history.js';
import { sweepMigrations } from './sweep.js';
import { shareClaimMigrations } from './share-claims.js';

/**
 * Every migration, by name; kysely applies them in name order. One DDL step each, and never edited
 * once merged: a change is a new migration.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  ...accountMigrations,
  ...documentMigrations,
  ...errorMigrations,
  ...jobMigrations,
  ...runMigrations,
  ...historyMigrations,
  ...sweepMigrations,
  ...shareClaimMigrations,
};

/** The migrations compiled in, so the bundle needs no migration folder at run time. */
export class InlineMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...migrations });
  }
}
