import type { Result } from 'neverthrow';
import type { Instant } from '../shared/time.js';
import type { SyncDocumentError, SyncDocumentOutcome } from '../sync/sync-outcome.js';

/** A store failed mid-job: the job runs again shortly, from the stored records (every step resumes). */
export const STORE_RETRY_DELAY_MS = 1_000;

/** What the worker tells the queue once a sync job ran. */
export type JobDisposition =
  /** Done: in QBO, held (re-queued when the hold lifts), refused, or failed until someone fixes it. */
  | { readonly kind: 'complete' }
  /** Hand the job out again, not before `at`. */
  | { readonly kind: 'retry-at'; readonly at: Instant }
  /** The job can never run as it is: set aside with the reason, for operators. */
  | { readonly kind: 'dead-letter'; readonly reason: string };

/**
 * The queue's side of a sync job's result, one rule for the worker and the fakes: an outcome with
 * a retry time is retried then, any other outcome completes the job; an unknown document is
 * dead-lettered; a store failure retries the job after `STORE_RETRY_DELAY_MS`.
 * @returns complete, retry-at or dead-letter
 */
export const jobDisposition = (result: Result<SyncDocumentOutcome, SyncDocumentError>, now: Instant): JobDisposition =>
  result.match<JobDisposition>(
    (outcome) => {
      switch (outcome.kind) {
        // A postponed outcome always has its retry time; a failed one has one if it is retried.
        case 'postponed':
        case 'failed':
          return outcome.retryAt === undefined ? { kind: 'complete' } : { kind: 'retry-at', at: outcome.retryAt };
        default:
          return { kind: 'complete' };
      }
    },
    (error) =>
      error.kind === 'sync.document-unknown'
        ? { kind: 'dead-letter', reason: error.kind }
        : { kind: 'retry-at', at: now + STORE_RETRY_DELAY_MS },
  );
