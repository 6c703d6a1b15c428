import { okAsync, type ResultAsync } from 'neverthrow';
import { causeFromQboFailure } from '../../errors/cause-from-qbo-failure.js';
import type { QboFailure } from '../../errors/qbo-fault.js';
import type { SyncFailureCause } from '../../errors/sync-failure-cause.js';
import type { HoldReason, RefusalReason } from '../../policy/document-decision.js';
import { failureHandling, THROTTLE_DELAY_MS, RETRY_DELAY_MS } from '../../policy/retry-policy.js';
import type { Clock } from '../../ports/clock.js';
import type { DocumentProgress } from '../../ports/progress-feed.js';
import type { PostedTransaction } from '../../sync/sync-record.js';
import type { CreditNoteOutcome, PostponedWhy, SyncDocumentError, SyncDocumentOutcome } from '../../sync/sync-outcome.js';
import type { ErrorJournal } from '../error-journal.js';
import type { Attempt } from './attempt.js';
import { refusalCause } from '../../policy/decide-document.js';
import type { ProgressCounting } from './progress-counting.js';

export interface AttemptOutcomesPorts {
  readonly journal: ErrorJournal;
  readonly clock: Clock;
}

/**
 * How an attempt ends, each way of ending in one method: what the error history records (by the
 * retry policy), the outcome the worker acts on, and the progress it reports.
 */
export class AttemptOutcomes {
  constructor(
    private readonly ports: AttemptOutcomesPorts,
    private readonly progress: ProgressCounting,
  ) {}

  /** Waits for something to change (not connected, suspended, before the sync-from day…). */
  held(attempt: Attempt, reason: HoldReason): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return this.finish(attempt, 'held', { kind: 'held', reason });
  }

  /** Will never be sent as it is; an unrepresentable number is also an error the user sees. */
  refused(attempt: Attempt, reason: RefusalReason): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { doc } = attempt;
    const cause = refusalCause(reason);
    const recorded =
      cause === null ? okAsync(undefined) : this.ports.journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).map(() => undefined);
    return recorded.andThen(() => this.finish(attempt, 'failed', { kind: 'refused', reason }));
  }

  /** Nothing to tell the user: try again at `retryAt`. No progress event (nothing changed). */
  postponed(why: PostponedWhy, retryAt: number): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return okAsync({ kind: 'postponed', why, retryAt });
  }

  /** QBO asked to slow down. */
  throttled(): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return this.postponed('throttled', this.ports.clock.now() + THROTTLE_DELAY_MS);
  }

  /** QBO, Intuit or a store could not be reached before anything was written. */
  unavailable(): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return this.postponed('unavailable', this.ports.clock.now() + RETRY_DELAY_MS);
  }

  /**
   * A QBO failure: throttling waits; a write that may have happened is never reported as failed but
   * "checking QuickBooks…" until the look-up settles it; anything else is a failure.
   */
  failedOnQbo(attempt: Attempt, failure: QboFailure, duringWrite: boolean): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    if (failure.kind === 'qbo.throttled') return this.throttled();
    const cause = causeFromQboFailure(failure, { duringWrite });
    if (cause.kind === 'cause.outcome-unknown')
      return this.finish(attempt, 'uncertain', { kind: 'postponed', why: 'checking', retryAt: this.ports.clock.now() + RETRY_DELAY_MS });
    return this.failed(attempt, cause);
  }

  /** Records a failure, unless the retry policy keeps it quiet for now. */
  failed(attempt: Attempt, cause: SyncFailureCause, retryAnyway = false): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { doc, deliveries } = attempt;
    const handling = failureHandling(cause, deliveries, this.ports.clock.now(), retryAnyway);
    if (handling.kind === 'quiet') return this.postponed('unavailable', handling.retryAt);
    const outcome: SyncDocumentOutcome =
      handling.retryAt === undefined ? { kind: 'failed', cause } : { kind: 'failed', cause, retryAt: handling.retryAt };
    return this.ports.journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).andThen(() => this.finish(attempt, 'failed', outcome));
  }

  /**
   * In QBO with its PDF: the document's errors are resolved. A total that differs from Ogustine's is
   * in QBO yet visibly wrong until someone looks: recorded once.
   */
  synced(
    attempt: Attempt,
    transaction: PostedTransaction,
    credit?: CreditNoteOutcome,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { journal } = this.ports;
    const { doc } = attempt;
    const totalMismatch = transaction.totalAmount !== doc.totals.gross;
    const outcome: SyncDocumentOutcome = { kind: 'synced', transaction, totalMismatch, ...(credit === undefined ? {} : { credit }) };
    if (!totalMismatch) return journal.resolve(doc.accountId, doc.id).andThen(() => this.finish(attempt, 'sent', outcome));
    return journal
      .forDocument(doc.accountId, doc.id)
      .andThen((history) => {
        const known = [...history.records.values()].some((r) => r.state !== 'resolved' && r.cause.kind === 'cause.total-mismatch');
        return known
          ? okAsync(undefined)
          : journal
              .recordFailure(doc.accountId, doc.id, doc.kind, {
                kind: 'cause.total-mismatch',
                expected: doc.totals.gross,
                actual: transaction.totalAmount,
                currency: doc.currency,
              })
              .map(() => undefined);
      })
      .andThen(() => this.finish(attempt, 'sent', outcome));
  }

  private finish(
    attempt: Attempt,
    status: DocumentProgress,
    outcome: SyncDocumentOutcome,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return this.progress.documentFinished(attempt, status).map(() => outcome);
  }
}
