import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import type { Instant } from '../shared/time.js';

/** QBO asks to wait 60 s after a 429. */
export const THROTTLE_DELAY_MS = 60_000;
/** Before trying again after QBO or Ogustine was unavailable, or its answer was lost (the write protocol may then wait longer). */
export const RETRY_DELAY_MS = 30_000;
/** Transient failures are retried quietly this many times before they show in the error history. */
export const QUIET_RETRIES = 3;

/**
 * Whether a cause is likely to go away by itself, retried later with nobody changing anything
 * (QBO busy or unreachable, an answer lost, someone editing the same object, a PDF upload): such
 * failures are retried automatically. The others wait for a fix and a resync.
 */
export const isTransient = (cause: SyncFailureCause): boolean => {
  switch (cause.kind) {
    case 'cause.qbo-unavailable':
    case 'cause.outcome-unknown':
    case 'cause.stale-object':
    case 'cause.pdf-attachment-failed':
      return true;
    default:
      return false;
  }
};

/**
 * What to do after a failed attempt of a document:
 * - `quiet`: nothing to tell the user yet, try again at `retryAt`;
 * - `record`: put it in the error history, and try again at `retryAt` when given (else only after a fix and a resync).
 */
export type FailureHandling =
  { readonly kind: 'quiet'; readonly retryAt: Instant } | { readonly kind: 'record'; readonly retryAt?: Instant };

/**
 * The retry policy for a failure. A transient cause (QBO busy, an answer lost…) is retried quietly
 * `QUIET_RETRIES` times, then recorded and still retried, each time a little later
 * (`RETRY_DELAY_MS` × attempts). Other causes wait for a fix, unless `retryAnyway` (a step that
 * nobody needs to fix, such as a PDF upload after the transaction is in QBO).
 * @param deliveries how many times the job was handed out before this attempt
 * @returns quiet (retry at) or record (with a retry time when retried automatically)
 */
export const failureHandling = (cause: SyncFailureCause, deliveries: number, now: Instant, retryAnyway = false): FailureHandling => {
  const transient = isTransient(cause);
  if (transient && deliveries < QUIET_RETRIES) return { kind: 'quiet', retryAt: now + RETRY_DELAY_MS };
  return transient || retryAnyway ? { kind: 'record', retryAt: now + RETRY_DELAY_MS * (deliveries + 1) } : { kind: 'record' };
};
