import { randomUUID } from 'node:crypto';
import {
  laneOf,
  MAX_DELIVERIES,
  MAX_JOBS_PER_LEASE,
  REALM_LEASE_MS,
  TOO_MANY_DELIVERIES,
  type LeasedJob,
  type Clock,
  type LeaseError,
  type RealmLease,
  type SyncJob,
  type SyncJobReason,
  type SyncJobSource,
  type SyncQueue,
  type SyncQueueError,
} from '@ogustine-qbo/domain';
import type { Kysely } from 'kysely';
import { ResultAsync } from 'neverthrow';
import { messageOf, type SqlDatabase } from '../database.js';
import type { Database } from '../schema.js';
import { queueCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';
import { promoteAwaited } from './promote-awaited.js';
import { readyBatch, type JobRow } from './ready-jobs.js';
import { anotherRealmWaits, handOut, moveToDeadLetters, takeLease } from './take-lease.js';
import { writeTransaction } from '../write-transaction.js';

const ENQUEUE_CHUNK = 500;

/** Thrown inside a transaction to roll it back when the caller's lease no longer holds the realm or the job. */
class LeaseLost extends Error {}

/**
 * The sync job table, both sides of the queue (ADR 0004): `sync_job` holds unfinished jobs,
 * `sync_job_dead` the dead letters, `sync_realm` each realm's lease and turn. Every call is one write
 * transaction (`writeTransaction`); every call under a lease locks the realm's lease row, then checks
 * that the lease is still the realm's and the job still handed out under it.
 */
export class SqlSyncQueue implements SyncQueue, SyncJobSource {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError> {
    const enqueuedAt = this.clock.now();
    return queueCall(() => writeTransaction(this.database, (trx) => insertJobs({ ...this.database, db: trx }, jobs, enqueuedAt)));
  }

  take(holder: string, now: number): ResultAsync<RealmLease | null, SyncQueueError> {
    const deadAt = this.clock.now();
    return queueCall(() =>
      writeTransaction(this.database, async (trx) => {
        const taken = await takeLease(trx, this.database.engine, { leaseId: randomUUID(), holder, now, deadAt });
        return taken === undefined
          ? null
          : {
              leaseId: taken.leaseId,
              realmId: taken.realmId,
              holder,
              expiresAt: taken.expiresAt,
              jobs: taken.jobs.map((row) => ({ job: toJob(row), deliveries: row.deliveries })),
            };
      }),
    );
  }

  takeMore(lease: RealmLease, now: number, max = MAX_JOBS_PER_LEASE): ResultAsync<readonly LeasedJob[], LeaseError> {
    const deadAt = this.clock.now();
    return this.underLease(lease, async (trx) => {
      const realm = await trx.selectFrom('sync_realm').select('expires_at').where('realm_id', '=', lease.realmId).executeTakeFirst();
      // No new work under a lease that another take may claim at any moment.
      if (realm === undefined || Number(realm.expires_at) <= now) throw new LeaseLost();
      // Another realm's turn comes first: the holder finishes what it has and releases.
      if (await anotherRealmWaits(trx, lease.realmId, now)) return [];
      const ready = await readyBatch(trx, lease.realmId, now, Math.min(max, MAX_JOBS_PER_LEASE), lease.leaseId);
      const tired = ready.filter((j) => j.deliveries >= MAX_DELIVERIES);
      for (const job of tired) await moveToDeadLetters(trx, job, TOO_MANY_DELIVERIES, deadAt);
      const jobs = ready.filter((j) => j.deliveries < MAX_DELIVERIES);
      await handOut(trx, jobs, lease.leaseId);
      return jobs.map((row) => ({ job: toJob(row), deliveries: row.deliveries }));
    });
  }

  renew(lease: RealmLease, now: number): ResultAsync<RealmLease, LeaseError> {
    const expiresAt = now + REALM_LEASE_MS;
    return this.underLease(lease, async (trx) => {
      await trx.updateTable('sync_realm').set({ expires_at: expiresAt }).where('realm_id', '=', lease.realmId).execute();
      return { ...lease, expiresAt };
    });
  }

  complete(lease: RealmLease, jobId: string): ResultAsync<void, LeaseError> {
    return this.underLease(lease, async (trx) => {
      const job = await leasedJob(trx, lease, jobId);
      await trx.deleteFrom('sync_job').where('seq', '=', job.seq).execute();
    });
  }

  retryLater(lease: RealmLease, jobId: string, notBefore: number): ResultAsync<void, LeaseError> {
    return this.underLease(lease, async (trx) => {
      const job = await leasedJob(trx, lease, jobId);
      await trx.updateTable('sync_job').set({ not_before: notBefore, lease_id: null }).where('seq', '=', job.seq).execute();
    });
  }

  deadLetter(lease: RealmLease, jobId: string, reason: string): ResultAsync<void, LeaseError> {
    const deadAt = this.clock.now();
    return this.underLease(lease, async (trx) => moveToDeadLetters(trx, await leasedJob(trx, lease, jobId), reason, deadAt));
  }

  release(lease: RealmLease): ResultAsync<void, LeaseError> {
    return this.underLease(lease, async (trx) => {
      await trx.updateTable('sync_realm').set({ lease_id: null }).where('realm_id', '=', lease.realmId).execute();
      // The jobs not run go back as if never handed out.
      await trx
        .updateTable('sync_job')
        .set((eb) => ({ lease_id: null, deliveries: eb('deliveries', '-', 1) }))
        .where('lease_id', '=', lease.leaseId)
        .execute();
    });
  }

  /**
   * Realm by realm (the realm table, one row each), the earliest due time of its jobs that wait for
   * no other job, read from the index (realm, not_before) by a subquery that stops at the first such
   * job: the job table is never scanned.
   */
  nextDueAt(): ResultAsync<number | null, SyncQueueError> {
    return queueCall(async () => {
      const realms = await this.database.db
        .selectFrom('sync_realm as r')
        .select(['r.lease_id', 'r.expires_at'])
        .select((eb) =>
          eb
            .selectFrom('sync_job as j')
            .leftJoin('sync_job as w', (join) =>
              join.onRef('w.account_id', '=', 'j.account_id').onRef('w.document_id', '=', 'j.after_document_id'),
            )
            .select('j.not_before')
            .whereRef('j.realm_id', '=', 'r.realm_id')
            .where('w.seq', 'is', null)
            .orderBy('j.not_before')
            .limit(1)
            .as('earliest'),
        )
        .execute();
      const due = realms.flatMap((r) =>
        r.earliest === null ? [] : [r.lease_id === null ? Number(r.earliest) : Math.max(Number(r.earliest), Number(r.expires_at))],
      );
      return due.length === 0 ? null : Math.min(...due);
    });
  }

  /**
   * Runs `work` if `lease` still holds its realm. The lease row is locked first (MariaDB), so a take
   * of the realm cannot interleave: it either comes before (and this answers lease-lost) or waits.
   */
  private underLease<T>(lease: RealmLease, work: (trx: Kysely<Database>) => Promise<T>): ResultAsync<T, LeaseError> {
    return ResultAsync.fromPromise(
      writeTransaction(this.database, async (trx) => {
        const realm = await trx
          .selectFrom('sync_realm')
          .select('lease_id')
          .where('realm_id', '=', lease.realmId)
          .$if(this.database.engine === 'mysql', (q) => q.forUpdate())
          .executeTakeFirst();
        if (realm?.lease_id !== lease.leaseId) throw new LeaseLost();
        return work(trx);
      }),
      (e): LeaseError =>
        e instanceof LeaseLost
          ? { kind: 'queue.lease-lost', realmId: lease.realmId, leaseId: lease.leaseId }
          : { kind: 'queue.unavailable', detail: messageOf(e) },
    );
  }
}

/** `enqueue`'s writes, inside a transaction of the caller's (the receipt of a group of documents writes them with the documents). */
export const insertJobs = async (database: SqlDatabase, jobs: readonly SyncJob[], enqueuedAt: number): Promise<void> => {
  // Only the realms not yet known are written: an upsert of an existing realm row would lock it
  // for the whole enqueue, and every call under the realm's lease (which locks that row) would
  // wait for a launch's pages. Sorted, so two enqueues lock new realm rows in the same order.
  const named = [...new Set(jobs.map((j) => j.realmId))].sort();
  const known =
    named.length === 0
      ? new Set<string>()
      : new Set(
          (await database.db.selectFrom('sync_realm').select('realm_id').where('realm_id', 'in', named).execute()).map((r) => r.realm_id),
        );
  const realms = named
    .filter((realmId) => !known.has(realmId))
    .map((realmId) => ({ realm_id: realmId, lease_id: null, holder: '', expires_at: 0, served_seq: 0 }));
  if (realms.length > 0) await upsert(database, 'sync_realm', realms, ['realm_id'], {});
  for (let start = 0; start < jobs.length; start += ENQUEUE_CHUNK) {
    const rows = jobs.slice(start, start + ENQUEUE_CHUNK).map((job) => ({
      job_id: job.jobId,
      account_id: job.accountId,
      realm_id: job.realmId,
      document_id: job.documentId,
      reason: job.reason,
      lane: laneOf(job),
      after_document_id: job.after ?? null,
      run_id: job.runId ?? null,
      not_before: 0,
      deliveries: 0,
      lease_id: null,
      enqueued_at: enqueuedAt,
    }));
    // A key (account, document, reason) with an unfinished job keeps it: the new one is dropped.
    await upsert(database, 'sync_job', rows, ['account_id', 'document_id', 'reason'], {});
  }
  await promoteAwaited(database.db, jobs);
};

/** The job, if it is still handed out under this lease. */
const leasedJob = async (trx: Kysely<Database>, lease: RealmLease, jobId: string): Promise<JobRow> => {
  const job = await trx.selectFrom('sync_job').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  if (job?.lease_id !== lease.leaseId) throw new LeaseLost();
  return job;
};

const toJob = (row: JobRow): SyncJob => ({
  jobId: row.job_id,
  accountId: row.account_id,
  realmId: row.realm_id,
  documentId: row.document_id,
  reason: row.reason as SyncJobReason,
  ...(row.after_document_id === null ? {} : { after: row.after_document_id }),
  ...(row.run_id === null ? {} : { runId: row.run_id }),
});
