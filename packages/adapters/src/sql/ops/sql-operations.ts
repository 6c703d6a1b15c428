import {
  withoutPersonalData,
  type AccountId,
  type DocumentId,
  type OgustineDocument,
  type StoreError,
  type SyncJob,
  type SyncJobReason,
} from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { storeCall } from '../sql-errors.js';
import type { SqlSyncQueue } from '../jobs/sql-sync-queue.js';
import { writeTransaction } from '../write-transaction.js';

/** A job as an operator reads it: unfinished (queued, waiting for its retry time, leased) or dead. */
export interface JobView {
  readonly jobId: string;
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  readonly reason: string;
  readonly state: 'queued' | 'waiting' | 'leased' | 'dead';
  readonly deliveries: number;
  /** Queued and waiting: not handed out before; dead: when it died. */
  readonly at: number;
  readonly deadReason?: string;
}

/** What an account's erasure removed. */
export interface ErasedData {
  readonly documentsRedacted: number;
  readonly customerMappings: number;
  readonly unfinishedJobs: number;
  readonly authorizationStates: number;
}

/** Dead jobs listed at once, newest first: an operator pages by account when there are more. */
export const DEAD_JOBS_LISTED = 200;
/** Documents redacted per transaction. */
const ERASE_BATCH = 200;

/**
 * The operator's reads and repairs on the job table and the stores (`qbo-worker-ops`), bounded: a
 * document's jobs by key, dead jobs up to `DEAD_JOBS_LISTED`, an erasure a batch at a time.
 */
export class SqlOperations {
  constructor(
    private readonly database: SqlDatabase,
    private readonly queue: SqlSyncQueue,
  ) {}

  /** @returns ok(jobs) of one document, unfinished first, then dead newest first */
  jobsOf(accountId: AccountId, documentId: DocumentId, now: number): ResultAsync<readonly JobView[], StoreError> {
    return storeCall(async () => {
      const { db } = this.database;
      const live = await db
        .selectFrom('sync_job')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .orderBy('seq')
        .execute();
      const dead = await db
        .selectFrom('sync_job_dead')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .orderBy('dead_at', 'desc')
        .limit(DEAD_JOBS_LISTED)
        .execute();
      return [
        ...live.map((r): JobView => ({
          jobId: r.job_id,
          accountId: r.account_id,
          documentId: r.document_id,
          reason: r.reason,
          state: r.lease_id !== null ? 'leased' : Number(r.not_before) > now ? 'waiting' : 'queued',
          deliveries: Number(r.deliveries),
          at: Number(r.not_before),
        })),
        ...dead.map((r) => deadView(r)),
      ];
    });
  }

  /** @returns ok(dead jobs) of one account or of all, newest first, at most `DEAD_JOBS_LISTED` */
  deadJobs(accountId?: AccountId): ResultAsync<readonly JobView[], StoreError> {
    return storeCall(async () => {
      const rows = await this.database.db
        .selectFrom('sync_job_dead')
        .selectAll()
        .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId ?? ''))
        .orderBy('dead_at', 'desc')
        .orderBy('job_id')
        .limit(DEAD_JOBS_LISTED)
        .execute();
      return rows.map((r) => deadView(r));
    });
  }

  /**
   * Queues the named dead jobs again (fresh: no delivery counted, due now) and removes them from
   * the dead letters; a document that meanwhile has an unfinished job of the same reason keeps that
   * one (the queue's enqueue is idempotent). Unknown ids are ignored.
   * @returns ok(number of dead jobs replayed)
   */
  replayDeadJobs(jobIds: readonly string[]): ResultAsync<number, StoreError> {
    return storeCall(async () => {
      if (jobIds.length === 0) return 0;
      const rows = await this.database.db
        .selectFrom('sync_job_dead')
        .selectAll()
        .where('job_id', 'in', [...jobIds])
        .execute();
      if (rows.length === 0) return 0;
      const jobs = rows.map((r): SyncJob => ({
        jobId: r.job_id,
        accountId: r.account_id,
        realmId: r.realm_id,
        documentId: r.document_id,
        reason: r.reason as SyncJobReason,
        ...(r.after_document_id === null ? {} : { after: r.after_document_id }),
        ...(r.run_id === null ? {} : { runId: r.run_id }),
      }));
      const queued = await this.queue.enqueue(jobs);
      if (queued.isErr()) throw new Error(queued.error.detail);
      await this.database.db
        .deleteFrom('sync_job_dead')
        .where(
          'job_id',
          'in',
          rows.map((r) => r.job_id),
        )
        .execute();
      return rows.length;
    });
  }

  /**
   * Erases an account's personal data kept by the module (the tokens are the disconnection's):
   * each document's copy without its customer's personal data (`withoutPersonalData`; the
   * accounting record stays), the customer mappings (their fingerprints derive from personal data),
   * the jobs not yet run (nothing may be sent any more) and the pending authorisation states.
   * Idempotent: run again, it finds nothing left to erase but the already-redacted copies.
   */
  eraseAccountData(accountId: AccountId): ResultAsync<ErasedData, StoreError> {
    return storeCall(async () => {
      const { db } = this.database;
      let documentsRedacted = 0;
      let after = -1;
      for (;;) {
        const rows = await db
          .selectFrom('document')
          .select(['seq', 'snapshot'])
          .where('account_id', '=', accountId)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(ERASE_BATCH)
          .execute();
        if (rows.length === 0) break;
        await writeTransaction(this.database, async (trx) => {
          for (const row of rows) {
            const doc = fromJson<OgustineDocument>(row.snapshot, 'document');
            if (doc.isErr()) throw new Error(doc.error.detail);
            await trx
              .updateTable('document')
              .set({ snapshot: toJson(withoutPersonalData(doc.value)) })
              .where('seq', '=', row.seq)
              .execute();
          }
        });
        documentsRedacted += rows.length;
        after = Number(rows[rows.length - 1]?.seq ?? after);
      }
      const mappings = await db.deleteFrom('mapping').where('account_id', '=', accountId).where('kind', '=', 'customer').executeTakeFirst();
      const jobs = await db.deleteFrom('sync_job').where('account_id', '=', accountId).executeTakeFirst();
      const states = await db.deleteFrom('authorization_state').where('account_id', '=', accountId).executeTakeFirst();
      return {
        documentsRedacted,
        customerMappings: Number(mappings.numDeletedRows),
        unfinishedJobs: Number(jobs.numDeletedRows),
        authorizationStates: Number(states.numDeletedRows),
      };
    });
  }
}

const deadView = (r: {
  job_id: string;
  account_id: string;
  document_id: string;
  reason: string;
  deliveries: number;
  dead_at: number;
  dead_reason: string;
}): JobView => ({
  jobId: r.job_id,
  accountId: r.account_id,
  documentId: r.document_id,
  reason: r.reason,
  state: 'dead',
  deliveries: Number(r.deliveries),
  at: Number(r.dead_at),
  deadReason: r.dead_reason,
});
