import type { AccountId, DocumentId, RunDocumentOutcome, RunKind, RunStore, StoreError, SyncRun } from '@ogustine-qbo/domain';
import type { Kysely, Selectable } from 'kysely';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import type { Database, SyncRunTable } from '../schema.js';
import { ConflictError, isUniqueViolation, storeCall } from '../sql-errors.js';
import { writeTransaction } from '../write-transaction.js';
import { upsert } from '../upsert.js';

type Counter = 'sent' | 'failed' | 'held';

const COUNTER: Record<RunDocumentOutcome, Counter | null> = { 'in-flight': null, sent: 'sent', failed: 'failed', held: 'held' };

/**
 * Runs in `sync_run` with their counters, and each document's outcome in `sync_run_document`. Each
 * call is one transaction: a document's outcome and the run's counters move together, by increments
 * in SQL (`sent = sent + 1`), so concurrent workers settling documents of one run never lose a count.
 */
export class SqlRunStore implements RunStore {
  constructor(private readonly database: SqlDatabase) {}

  start(run: {
    readonly runId: string;
    readonly accountId: AccountId;
    readonly kind: RunKind;
    readonly startedAt: number;
  }): ResultAsync<SyncRun, StoreError> {
    return storeCall(async () => {
      await upsert(
        this.database,
        'sync_run',
        {
          account_id: run.accountId,
          run_id: run.runId,
          kind: run.kind,
          started_at: run.startedAt,
          total: 0,
          sent: 0,
          failed: 0,
          held: 0,
          sealed: 0,
        },
        ['account_id', 'run_id'],
        {},
      );
      return mustRead(this.database.db, run.accountId, run.runId);
    });
  }

  addDocuments(accountId: AccountId, runId: string, documentIds: readonly DocumentId[]): ResultAsync<SyncRun, StoreError> {
    return storeCall(() =>
      writeTransaction(this.database, async (trx) => {
        const run = await read(trx, accountId, runId);
        if (run === undefined) throw new Error(`run ${runId} of account ${accountId} is unknown`);
        if (run.sealed === 1) throw new ConflictError(`run ${runId} is sealed: no document can be added`);
        const added = await insertMembers(trx, accountId, runId, [...new Set(documentIds)]);
        await trx
          .updateTable('sync_run')
          .set((eb) => ({ total: eb('total', '+', added) }))
          .where('account_id', '=', accountId)
          .where('run_id', '=', runId)
          .execute();
        return mustRead(trx, accountId, runId);
      }),
    );
  }

  seal(accountId: AccountId, runId: string): ResultAsync<SyncRun, StoreError> {
    return storeCall(async () => {
      await this.database.db
        .updateTable('sync_run')
        .set({ sealed: 1 })
        .where('account_id', '=', accountId)
        .where('run_id', '=', runId)
        .execute();
      return mustRead(this.database.db, accountId, runId);
    });
  }

  settle(
    accountId: AccountId,
    runId: string,
    documentId: DocumentId,
    outcome: RunDocumentOutcome,
  ): ResultAsync<SyncRun | null, StoreError> {
    return storeCall(() =>
      writeTransaction(this.database, async (trx) => {
        const member = await trx
          .selectFrom('sync_run_document')
          .select('outcome')
          .where('account_id', '=', accountId)
          .where('run_id', '=', runId)
          .where('document_id', '=', documentId)
          .$if(this.database.engine === 'mysql', (q) => q.forUpdate())
          .executeTakeFirst();
        if (member === undefined) return null;
        const previous = member.outcome as RunDocumentOutcome;
        if (previous !== outcome) {
          await trx
            .updateTable('sync_run_document')
            .set({ outcome })
            .where('account_id', '=', accountId)
            .where('run_id', '=', runId)
            .where('document_id', '=', documentId)
            .execute();
          const from = COUNTER[previous];
          const to = COUNTER[outcome];
          await trx
            .updateTable('sync_run')
            .set((eb) => ({
              ...(from === null ? {} : { [from]: eb(from, '-', 1) }),
              ...(to === null ? {} : { [to]: eb(to, '+', 1) }),
            }))
            .where('account_id', '=', accountId)
            .where('run_id', '=', runId)
            .execute();
        }
        return mustRead(trx, accountId, runId);
      }),
    );
  }

  get(accountId: AccountId, runId: string): ResultAsync<SyncRun | null, StoreError> {
    return storeCall(async () => {
      const row = await read(this.database.db, accountId, runId);
      return row === undefined ? null : toRun(row);
    });
  }
}

/** A document's row in a run, as it is added: its outcome not known yet. */
const memberRow = (accountId: AccountId, runId: string, documentId: DocumentId) =>
  ({ account_id: accountId, run_id: runId, document_id: documentId, outcome: 'in-flight' }) as const;

/** Documents added per statement. */
const MEMBERS_CHUNK = 500;

/**
 * Adds the documents not yet in the run, a multi-row insert per chunk (a launch adds 100,000, a page
 * at a time); answers how many were added. Another process adding the same documents at that moment
 * (a launch and the sweep carrying it on) makes the insert clash: that chunk is then added row by row.
 */
const insertMembers = async (
  trx: Kysely<Database>,
  accountId: AccountId,
  runId: string,
  documentIds: readonly DocumentId[],
): Promise<number> => {
  let added = 0;
  for (let start = 0; start < documentIds.length; start += MEMBERS_CHUNK) {
    const chunk = documentIds.slice(start, start + MEMBERS_CHUNK);
    const present = await trx
      .selectFrom('sync_run_document')
      .select('document_id')
      .where('account_id', '=', accountId)
      .where('run_id', '=', runId)
      .where('document_id', 'in', chunk)
      .execute();
    const known = new Set(present.map((r) => r.document_id));
    const fresh = chunk.filter((d) => !known.has(d));
    if (fresh.length === 0) continue;
    try {
      await trx
        .insertInto('sync_run_document')
        .values(fresh.map((documentId) => memberRow(accountId, runId, documentId)))
        .execute();
      added += fresh.length;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      added += await insertOneByOne(trx, accountId, runId, fresh);
    }
  }
  return added;
};

const insertOneByOne = async (
  trx: Kysely<Database>,
  accountId: AccountId,
  runId: string,
  documentIds: readonly DocumentId[],
): Promise<number> => {
  let added = 0;
  for (const documentId of documentIds) {
    try {
      await trx
        .insertInto('sync_run_document')
        .values(memberRow(accountId, runId, documentId))
        .execute();
      added += 1;
    } catch (e) {
      // Already in the run: left as it is (a failed statement does not end the transaction on either engine).
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return added;
};

const read = (db: Kysely<Database>, accountId: AccountId, runId: string): Promise<Selectable<SyncRunTable> | undefined> =>
  db.selectFrom('sync_run').selectAll().where('account_id', '=', accountId).where('run_id', '=', runId).executeTakeFirst();

const mustRead = async (db: Kysely<Database>, accountId: AccountId, runId: string): Promise<SyncRun> => {
  const row = await read(db, accountId, runId);
  if (row === undefined) throw new Error(`run ${runId} of account ${accountId} is unknown`);
  return toRun(row);
};

const toRun = (row: Selectable<SyncRunTable>): SyncRun => ({
  runId: row.run_id,
  accountId: row.account_id,
  kind: row.kind as RunKind,
  startedAt: Number(row.started_at),
  total: Number(row.total),
  sent: Number(row.sent),
  failed: Number(row.failed),
  held: Number(row.held),
  sealed: Number(row.sealed) === 1,
});
