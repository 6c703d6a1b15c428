import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';

/** Why a document was put in the queue: it sets the job's lane (`laneOf`) and the history's wording. */
export type SyncJobReason = 'initial-sync' | 'validated' | 'catch-up' | 'resync';

/** One unit of work: bring one document into its account's QBO company. */
export interface SyncJob {
  readonly jobId: string;
  readonly accountId: AccountId;
  readonly realmId: RealmId;
  readonly documentId: DocumentId;
  readonly reason: SyncJobReason;
  /**
   * A document of the same account whose unfinished job must finish first (a credit note's
   * invoice). Absent, or with no unfinished job, the job waits for nothing.
   */
  readonly after?: DocumentId;
  /** The run the job belongs to (`RunStore`), whose counters it moves when it settles. */
  readonly runId?: string;
}

/** A job handed to a worker, with how many times it was handed out before. */
export interface LeasedJob {
  readonly job: SyncJob;
  readonly deliveries: number;
}

/** How long a realm's lease lasts from a take or a renewal, unless renewed again. */
export const REALM_LEASE_MS = 5 * 60_000;
/** At most this many jobs per lease: one QBO batch request (`MAX_BATCH_SIZE`). */
export const MAX_JOBS_PER_LEASE = 30;
/** A job handed out this many times is not handed out again: `take` moves it to the dead letters. */
export const MAX_DELIVERIES = 100;
/** The dead-letter reason of a job that reached `MAX_DELIVERIES` (a job that crashes its worker every time, or never succeeds). */
export const TOO_MANY_DELIVERIES = 'queue.too-many-deliveries';

/**
 * The lanes of a realm's jobs, most urgent first: what a user is waiting for (a document just
 * validated, a resync they asked for) before a catch-up, before the initial-sync backlog, before the
 * backlog's credit notes. A credit note waits for its invoice's job anyway; behind every invoice of
 * the backlog, the notes share leases, so their Payments of 0 go a batch request per lease
 * (`GatheredSettlements`) rather than one request each, a note or two per lease.
 */
export const laneOf = (job: Pick<SyncJob, 'reason' | 'after'>): number => {
  switch (job.reason) {
    case 'validated':
    case 'resync':
      return 0;
    case 'catch-up':
      return 1;
    case 'initial-sync':
      return job.after === undefined ? 2 : 3;
  }
};

/**
 * One realm in one worker's hands: the only lease on the realm while it lives, and the jobs handed
 * out with it. `leaseId` is the fencing token: minted by each take, checked by every later call.
 */
export interface RealmLease {
  readonly leaseId: string;
  readonly realmId: RealmId;
  /** Who holds it (a worker's id, for operators). */
  readonly holder: string;
  /** The lease lives until then, unless renewed. */
  readonly expiresAt: Instant;
  /** 1 to `MAX_JOBS_PER_LEASE` due jobs of this realm, in the order to run them. */
  readonly jobs: readonly LeasedJob[];
}

export type SyncQueueError = { readonly kind: 'queue.unavailable'; readonly detail: string };

/** What a call made under a lease can answer. */
export type LeaseError =
  | SyncQueueError
  /** The lease expired and another take now holds the realm, or it was released: stop working on this realm at once. */
  | { readonly kind: 'queue.lease-lost'; readonly realmId: RealmId; readonly leaseId: string };

/**
 * The producer side: durable, so an enqueued job survives a crash of any process.
 * Atomic: one `enqueue` call queues all its jobs or none.
 */
export interface SyncQueue {
  /**
   * Queues jobs. Idempotent per (account, document, reason): a job whose key already has an
   * unfinished job (queued, waiting to retry, or leased) is skipped, so a double click or a
   * replayed message queues nothing more. Once that job is finished (completed or dead-lettered),
   * the same key queues a new job.
   * @returns ok() once every new job is durably queued
   * @returns err(queue.unavailable) if the queue could not be reached (nothing is queued then)
   */
  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError>;
}

/**
 * The consumer side, used by the worker (ADR 0004). Jobs live in the database; a realm is served by
 * one worker at a time through a lease on the realm (Intuit's limits are per realm), realms in turn,
 * so one tenant's big initial sync never starves the others.
 *
 * A job is *ready* when it is queued, its `notBefore` has come, and its `after` document has no
 * unfinished job. A take leases the realm served least recently among those that have a ready job
 * and no live lease (ties: the realm with the oldest ready job), and hands out up to
 * `MAX_JOBS_PER_LEASE` of its ready jobs, ordered by lane (`laneOf`; a job that another job waits
 * for goes in the lane of its most urgent dependent), then by enqueue order. A job waiting for its
 * retry time or for another job is never handed out, and never holds back the realm's other jobs.
 *
 * Atomic: each call is one transaction. Every call under a lease checks the lease first: once the
 * lease expired and another take holds the realm, or after `release`, it answers
 * `queue.lease-lost` and changes nothing. The holder renews the lease while it works (say, before
 * each job once half of it is gone); a lease not renewed expires after `REALM_LEASE_MS`, and its
 * jobs still leased are handed out again with the realm (a worker that crashed).
 */
export interface SyncJobSource {
  /**
   * Leases the next realm to serve for `holder`, and its ready jobs. A job about to be handed out for
   * the `MAX_DELIVERIES`+1-th time is dead-lettered instead (`TOO_MANY_DELIVERIES`).
   * @returns ok(lease) until `now + REALM_LEASE_MS`, with each job's deliveries before this one; ok(null) if no realm has a ready job
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  take(holder: string, now: Instant): ResultAsync<RealmLease | null, SyncQueueError>;
  /**
   * More ready jobs of the lease's realm for the same holder, while the jobs in hand are still
   * running (their PDFs on their way), so the realm never waits for a lease to end and another to
   * begin. The same rules as `take`: ready jobs only, by lane then enqueue order, never a job
   * already handed out under this lease; a job about to be handed out for the `MAX_DELIVERIES`+1-th
   * time is dead-lettered instead. Fair across realms: while another realm has a ready job and no live
   * lease, nothing more is handed out (its turn comes first; the holder finishes and releases).
   * The lease's expiry does not move (that is `renew`'s work).
   * @returns ok(jobs), up to `max` (at most `MAX_JOBS_PER_LEASE`), each with its deliveries before this one; ok([]) if none is ready or another realm waits its turn
   * @returns err(queue.lease-lost) if the realm is no longer held under this lease, or the lease expired (no new work under a lease another take may claim)
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  takeMore(lease: RealmLease, now: Instant, max?: number): ResultAsync<readonly LeasedJob[], LeaseError>;
  /**
   * Extends the lease to `now + REALM_LEASE_MS`; also after it expired, as long as no other take holds the realm.
   * @returns ok(lease) with its new `expiresAt`
   * @returns err(queue.lease-lost) if the realm is no longer held under this lease
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  renew(lease: RealmLease, now: Instant): ResultAsync<RealmLease, LeaseError>;
  /**
   * The job is done and gone; the realm stays leased.
   * @returns ok() once removed
   * @returns err(queue.lease-lost) if the job is no longer leased under this lease
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  complete(lease: RealmLease, jobId: string): ResultAsync<void, LeaseError>;
  /**
   * Puts the job back, not to be handed out before `notBefore` (throttling, QBO or Ogustine
   * unavailable, a write's outcome to check). The realm's other jobs go on meanwhile.
   * @returns ok() once queued again
   * @returns err(queue.lease-lost) if the job is no longer leased under this lease
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  retryLater(lease: RealmLease, jobId: string, notBefore: Instant): ResultAsync<void, LeaseError>;
  /**
   * Removes a job that can never succeed as it is, keeping the reason for operators; the jobs that
   * waited for it are ready.
   * @returns ok() once moved aside
   * @returns err(queue.lease-lost) if the job is no longer leased under this lease
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  deadLetter(lease: RealmLease, jobId: string, reason: string): ResultAsync<void, LeaseError>;
  /**
   * Ends the lease: the realm can be taken at once. Its jobs still leased (not run) are queued again
   * as if never handed out (their deliveries are not counted).
   * @returns ok() once released
   * @returns err(queue.lease-lost) if the realm is no longer held under this lease
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  release(lease: RealmLease): ResultAsync<void, LeaseError>;
  /**
   * When to look again: the earliest instant a job that waits for no other job can be handed out if
   * nothing else changes — its `notBefore`, or the expiry of the live lease on its realm if later (a
   * hint for the worker's sleep; `take` decides).
   * @returns ok(instant), possibly past; ok(null) if no job is queued or leased
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  nextDueAt(): ResultAsync<Instant | null, SyncQueueError>;
}
