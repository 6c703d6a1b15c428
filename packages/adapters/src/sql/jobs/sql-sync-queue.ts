import { randomUUID } from 'node:crypto';
import type { Clock, LeasedJob, SyncJob, SyncJobReason, SyncJobSource, SyncQueue, SyncQueueError } from '@ogustine-qbo/domain';
import type { Kysely } from 'kysely';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import type { Database } from '../schema.js';
import { queueCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';
import { leaseRealm, type JobRow } from './lease-realm.js';
import { writeTransaction } from './write-transaction.js';

/** A realm in one worker's hands until `until`, with the jobs handed out. */
export interface RealmLease {
  readonly realmId: string;
  readonly until: number;
  readonly jobs: readonly LeasedJob[];
}

export interface SqlSyncQueueOptions {
  /** How long a realm stays with the worker that took it; past it, its jobs are handed out again. */
  readonly leaseMs: number;
}

/** Long enough for a job's QBO calls (120 s time-out each) and short enough to recover a crashed worker soon. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

const ENQUEUE_CHUNK = 500;

/**
 * The sync job table: both sides of the queue (ADR: jobs live in the database, served per realm).
 * `take` leases a realm to the caller with the realm's next job; finishing the job (complete, retry
 * later, dead letter) ends that lease, and a lease not ended by `leaseMs` expires so another worker
 * gets the job again. Every method is one write transaction (`writeTransaction`).
 */
export class SqlSyncQueue implements SyncQueue, SyncJobSource {
  private readonly options: SqlSyncQueueOptions;

  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
    options: Partial<SqlSyncQueueOptions> = {},
  ) {
    this.options = { leaseMs: DEFAULT_LEASE_MS, ...options };
  }

  /** A job already waiting for the same document (or with the same id) is kept, and the new one dropped: a replay is a no-op. */
  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError> {
    const enqueuedAt = this.clock.now();
    return queueCall(() =>
      writeTransaction(this.database, async (trx) => {
        const database = { ...this.database, db: trx };
        // Sorted, so two enqueues lock realm rows in the same order and never deadlock on them.
        const realms = [...new Set(jobs.map((j) => j.realmId))].sort().map((realmId) => ({
          realm_id: realmId,
          lease_owner: '',
          lease_until: 0,
          last_leased_at: 0,
          not_before: 0,
        }));
        if (realms.length > 0) await upsert(database, 'sync_realm', realms, ['realm_id'], {});
        for (let start = 0; start < jobs.length; start += ENQUEUE_CHUNK) {
          const rows = jobs.slice(start, start + ENQUEUE_CHUNK).map((job) => ({
            job_id: job.jobId,
            account_id: job.accountId,
            realm_id: job.realmId,
            document_id: job.documentId,
            reason: job.reason,
            priority: 0,
            // Due at once: a job waits only when retried later.
            due_at: 0,
            attempts: 0,
            lease_token: '',
            enqueued_at: enqueuedAt,
          }));
          await upsert(database, 'sync_job', rows, ['job_id'], {});
        }
      }),
    );
  }

  take(now: number): ResultAsync<LeasedJob | null, SyncQueueError> {
    return this.leaseBatch(now, 1).map((lease) => lease?.jobs[0] ?? null);
  }

  /**
   * Leases the realm served longest ago that has a due job, with up to `max` of its due jobs in order.
   * The lease ends when every job it handed out is finished (complete, retry later, dead letter) or
   * when it expires, whichever comes first.
   * @returns ok(lease), ok(null) when no realm can be served now
   */
  leaseBatch(now: number, max: number): ResultAsync<RealmLease | null, SyncQueueError> {
    return queueCall(() =>
      writeTransaction(this.database, async (trx) => {
        const lease = await leaseRealm(trx, this.database.engine, { now, token: randomUUID(), durationMs: this.options.leaseMs, max });
        return lease === undefined
          ? null
          : {
              realmId: lease.realmId,
              until: lease.until,
              jobs: lease.jobs.map((row) => ({ job: toJob(row), deliveries: Number(row.attempts) })),
            };
      }),
    );
  }

  complete(jobId: string): ResultAsync<void, SyncQueueError> {
    return this.finish(jobId, async (trx, job) => {
      await trx.deleteFrom('sync_job').where('seq', '=', job.seq).execute();
    });
  }

  retryLater(jobId: string, notBefore: number): ResultAsync<void, SyncQueueError> {
    return this.finish(jobId, async (trx, job) => {
      await trx.updateTable('sync_job').set({ due_at: notBefore, lease_token: '' }).where('seq', '=', job.seq).execute();
      // The job keeps its place at the head of its realm, so the realm's later jobs wait behind it.
      await trx.updateTable('sync_realm').set({ not_before: notBefore }).where('realm_id', '=', job.realm_id).execute();
    });
  }

  deadLetter(jobId: string, reason: string): ResultAsync<void, SyncQueueError> {
    const deadAt = this.clock.now();
    return this.finish(jobId, async (trx, job) => {
      await trx
        .insertInto('sync_job_dead')
        .values({
          job_id: job.job_id,
          account_id: job.account_id,
          realm_id: job.realm_id,
          document_id: job.document_id,
          reason: job.reason,
          attempts: job.attempts,
          dead_reason: reason,
          dead_at: deadAt,
        })
        .execute();
      await trx.deleteFrom('sync_job').where('seq', '=', job.seq).execute();
    });
  }

  /**
   * Applies `change` to the job, then ends the lease that handed it out once none of its jobs is left
   * in flight, and only if that lease still holds the realm (a worker whose lease expired and was taken
   * over releases nothing). An unknown job is a no-op.
   */
  private finish(jobId: string, change: (trx: Kysely<Database>, job: JobRow) => Promise<void>): ResultAsync<void, SyncQueueError> {
    return queueCall(() =>
      writeTransaction(this.database, async (trx) => {
        const job = await trx.selectFrom('sync_job').selectAll().where('job_id', '=', jobId).executeTakeFirst();
        if (job === undefined) return;
        await change(trx, job);
        const stillLeased = await trx
          .selectFrom('sync_job')
          .select('seq')
          .where('realm_id', '=', job.realm_id)
          .where('lease_token', '=', job.lease_token)
          .limit(1)
          .executeTakeFirst();
        if (stillLeased !== undefined) return;
        await trx
          .updateTable('sync_realm')
          .set({ lease_until: 0 })
          .where('realm_id', '=', job.realm_id)
          .where('lease_owner', '=', job.lease_token)
          .execute();
      }),
    );
  }
}

const toJob = (row: JobRow): SyncJob => ({
  jobId: row.job_id,
  accountId: row.account_id,
  realmId: row.realm_id,
  documentId: row.document_id,
  reason: row.reason as SyncJobReason,
});
