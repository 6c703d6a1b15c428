import { Migrator } from 'kysely';
import { ResultAsync, errAsync, okAsync } from 'neverthrow';
import { messageOf, type SqlDatabase } from './database.js';
import { InlineMigrationProvider } from './migrations/index.js';

export type MigrationError = { readonly kind: 'database.migration-failed'; readonly migration: string; readonly detail: string };

/**
 * Brings the schema to the latest migration. Safe to run twice and from two processes at once
 * (kysely takes a lock table); a step that failed half-way is re-run whole, which its IF NOT EXISTS
 * makes harmless. Migrations are numbered per family of tables (00xx accounts, 01xx documents, …), so a
 * new one may sort before one already applied: unordered migrations are allowed and applied.
 * @returns ok(names) of the migrations applied now, empty when the schema was already up to date
 * @returns err(database.migration-failed) naming the migration that failed
 */
export const migrateToLatest = (database: SqlDatabase): ResultAsync<readonly string[], MigrationError> =>
  ResultAsync.fromPromise(
    new Migrator({ db: database.db, provider: new InlineMigrationProvider(), allowUnorderedMigrations: true }).migrateToLatest(),
    (e) => ({
      kind: 'database.migration-failed' as const,
      migration: '(none)',
      detail: messageOf(e),
    }),
  ).andThen(({ error, results = [] }) => {
    const failed = results.find((r) => r.status === 'Error');
    if (error !== undefined || failed !== undefined)
      return errAsync({
        kind: 'database.migration-failed' as const,
        migration: failed?.migrationName ?? '(none)',
        detail: messageOf(error),
      });
    return okAsync(results.map((r) => r.migrationName));
  });
