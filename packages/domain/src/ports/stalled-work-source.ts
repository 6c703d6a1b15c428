import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { Page, PageRequest } from './page.js';
import type { RunKind } from './run-store.js';
import type { StoreError } from './store-error.js';

/** A document as the sweep first sees it: which one, and when the module recorded it. */
export interface RecordedDocumentRef {
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  readonly recordedAt: Instant;
}

/** A run that was started and never sealed (its launch stopped while it queued its documents). */
export interface UnsealedRun {
  readonly accountId: AccountId;
  readonly runId: string;
  readonly startedAt: Instant;
}

/**
 * What the sweep (`SweepStalledWork`) reads to find work left between two steps by a process that
 * stopped: every account's documents by when they were recorded, whether a document has a job, and
 * the runs never sealed. Reads only, a page or a key at a time.
 */
export interface StalledWorkSource {
  /**
   * Documents of every account, not in QBO, recorded in `[from, before)`, in the order recorded
   * (then by account and id).
   * @returns ok(page) of at most `PAGE_SIZE`
   * @returns err(store.*) if the store fails
   */
  recordedNotInQuickBooks(from: Instant, before: Instant, request?: PageRequest): ResultAsync<Page<RecordedDocumentRef>, StoreError>;
  /**
   * @returns ok(true) if the document has an unfinished job (queued, waiting to retry or leased), whatever its reason
   * @returns err(store.*) if the store fails
   */
  hasUnfinishedJob(accountId: AccountId, documentId: DocumentId): ResultAsync<boolean, StoreError>;
  /**
   * Runs of this kind, of every account, not sealed, started before `before`, oldest first.
   * @returns ok(page) of at most `PAGE_SIZE`
   * @returns err(store.*) if the store fails
   */
  unsealedRuns(kind: RunKind, before: Instant, request?: PageRequest): ResultAsync<Page<UnsealedRun>, StoreError>;
}
