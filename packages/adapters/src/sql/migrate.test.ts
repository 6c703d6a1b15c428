import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import { scratchDatabase, type ScratchDatabase } from './testing/scratch-database.js';
import { engines, mustOpen } from './testing/test-databases.js';

describe.each(engines)('migrations on %s', (engine) => {
  let scratch: ScratchDatabase;
  let database: SqlDatabase;
  const open = async (): Promise<SqlDatabase> => {
    scratch = await scratchDatabase(engine);
    database = await mustOpen(scratch.url);
    return database;
  };
  afterEach(async () => {
    await database.close();
    await scratch.drop();
  });

  it('applies every migration from an empty database, in name order', async () => {
    const applied = (await migrateToLatest(await open()))._unsafeUnwrap();
    expect(applied).toEqual(Object.keys(migrations).sort());
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(tables.sort()).toEqual(
      [
        'account_settings',
        'authorization_state',
        'company_profile',
        'connection',
        'document',
        'error_record',
        'history_import',
        'mapping',
        'processed_message',
        'qbo_share_claim',
        'sync_job',
        'sync_job_dead',
        'sync_realm',
        'sync_record',
        'sync_run',
        'sync_run_document',
      ].sort(),
    );
  });

  it('is safe to run twice: the second run applies nothing', async () => {
    await open();
    (await migrateToLatest(database))._unsafeUnwrap();
    expect((await migrateToLatest(database))._unsafeUnwrap()).toEqual([]);
  });

  it('re-runs every step without error when the record of applied steps is lost (a step that failed half-way is run again)', async () => {
    await open();
    (await migrateToLatest(database))._unsafeUnwrap();
    await database.db.schema.dropTable('kysely_migration').execute();
    await database.db.schema.dropTable('kysely_migration_lock').execute();
    expect((await migrateToLatest(database))._unsafeUnwrap()).toEqual(Object.keys(migrations).sort());
  });

  it('applies a new migration that sorts before ones already applied (families are numbered apart)', async () => {
    await open();
    (await migrateToLatest(database))._unsafeUnwrap();
    // As if the database was made before '0110-document-summary' existed, and '02xx'… after it.
    const drop = database.db.schema.dropIndex('document_account_qbo_created_summary');
    await (engine === 'mysql' ? drop.on('document') : drop).execute();
    await sql`delete from kysely_migration where name = ${'0110-document-summary'}`.execute(database.db);
    expect((await migrateToLatest(database))._unsafeUnwrap()).toEqual(['0110-document-summary']);
  });

  it('keeps text ids case-sensitive, as on the other engine', async () => {
    await open();
    (await migrateToLatest(database))._unsafeUnwrap();
    const row = { message_id: 'm-a', processed_at: 1 };
    await database.db
      .insertInto('processed_message')
      .values([row, { ...row, message_id: 'M-A' }])
      .execute();
    const found = await database.db.selectFrom('processed_message').select('message_id').where('message_id', '=', 'm-a').execute();
    expect(found).toEqual([{ message_id: 'm-a' }]);
  });
});
