import type { DocumentId } from '../documents/document.js';
import type { ErrorHistoryError } from '../errors/error-history.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import type { HoldReason, RefusalReason } from '../policy/document-decision.js';
import type { StoreError } from '../ports/store-error.js';
import type { Instant } from '../shared/time.js';
import type { CreditSettled, PostedTransaction } from './sync-record.js';

/** What became of one sync job. `jobDisposition` (policy) turns it into what the queue does with the job. */
export type SyncDocumentOutcome =
  /** In QBO with its PDF (now, or already before). `totalMismatch` when QBO's total differs (recorded). */
  | {
      readonly kind: 'synced';
      readonly transaction: PostedTransaction;
      readonly totalMismatch: boolean;
      /** A credit note: applied to its invoice (or why not), or sent alone because its invoice is not synchronised. */
      readonly credit?: CreditNoteOutcome;
    }
  /** Waits (not connected, suspended, before the sync-from day…): it is sent when that changes. */
  | { readonly kind: 'held'; readonly reason: HoldReason }
  | { readonly kind: 'refused'; readonly reason: RefusalReason }
  /** Recorded in the error history. `retryAt`: retried automatically; absent: after a fix and a resync. */
  | { readonly kind: 'failed'; readonly cause: SyncFailureCause; readonly retryAt?: Instant }
  /**
   * Nothing to tell the user (throttled, outcome being checked, a brief outage, a credit note waiting
   * a moment for its invoice's event): try again at `retryAt`.
   */
  | { readonly kind: 'postponed'; readonly why: PostponedWhy; readonly retryAt: Instant };

/** Why a job is tried again later without a word to the user. */
export type PostponedWhy = 'throttled' | 'checking' | 'unavailable' | 'invoice-awaited';

/** How a credit note ended up against the invoice it corrects. */
export type CreditNoteOutcome =
  | CreditSettled
  /** Sent alone: its invoice is outside the sync (before the sync-from day), or the module never received it. */
  | { readonly kind: 'alone'; readonly why: 'outside-sync' | 'unknown'; readonly invoiceNumber?: string };

/** Why a sync job could not run to an outcome: the document is unknown, or a store failed. */
export type SyncDocumentError =
  { readonly kind: 'sync.document-unknown'; readonly documentId: DocumentId } | StoreError | ErrorHistoryError;
