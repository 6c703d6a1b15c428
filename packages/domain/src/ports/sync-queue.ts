import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';

/** Why a document was put in the queue (kept for progress and for the history's wording). */
export type SyncJobReason = 'initial-sync' | 'validated' | 'catch-up' | 'resync';

/** One unit of work: bring one document into its account's QBO company. */
export interface SyncJob {
  readonly jobId: string;
  readonly accountId: AccountId;
  readonly realmId: RealmId;
  readonly documentId: DocumentId;
  readonly reason: SyncJobReason;
}

/** A job handed to a worker, with how many times it was handed out before. */
export interface LeasedJob {
  readonly job: SyncJob;
  readonly deliveries: number;
}

export type SyncQueueError = { readonly kind: 'queue.unavailable'; readonly detail: string };

/** The producer side: durable, so an enqueued job survives a crash of any process. */
export interface SyncQueue {
  /**
   * Appends jobs; jobs of one realm come out in the order they went in.
   * @returns ok() once every job is durably queued
   * @returns err(queue.unavailable) if the queue could not be reached (nothing is queued then, or everything)
   */
  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError>;
}

/**
 * The consumer side, used by the worker. A realm's jobs are served one at a time, in order (Intuit's
 * limits are per realm), while other realms are served meanwhile: one tenant's big initial sync never
 * starves the others. A leased job that is neither completed nor released is handed out again.
 */
export interface SyncJobSource {
  /**
   * @returns ok(leased) with the oldest due job of a realm that has no job in flight, ok(null) if none is due
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  take(now: Instant): ResultAsync<LeasedJob | null, SyncQueueError>;
  /**
   * @returns ok() once the job is done and gone
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  complete(jobId: string): ResultAsync<void, SyncQueueError>;
  /**
   * Puts the job back at the head of its realm, not to be handed out before `notBefore` (throttling,
   * QBO or Ogustine unavailable): the realm's later jobs wait behind it to keep the order.
   * @returns ok() once released
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  retryLater(jobId: string, notBefore: Instant): ResultAsync<void, SyncQueueError>;
  /**
   * Removes a job that can never succeed as it is, keeping the reason for operators.
   * @returns ok() once moved aside
   * @returns err(queue.unavailable) if the queue could not be reached
   */
  deadLetter(jobId: string, reason: string): ResultAsync<void, SyncQueueError>;
}
