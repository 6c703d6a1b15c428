import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** A run: a set of documents sent together, whose progress a screen follows. */
export type RunKind = 'initial-sync' | 'catch-up' | 'resync';

/** Where a document of a run stands: `in-flight` until its outcome is known (being sent, or being checked). */
export type RunDocumentOutcome = 'in-flight' | 'sent' | 'failed' | 'held';

/** A run and its counters, kept up to date as its documents settle (never recounted). */
export interface SyncRun {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: RunKind;
  readonly startedAt: Instant;
  /** Distinct documents added. */
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  /** Waiting with a visible reason (not connected, a prerequisite…). */
  readonly held: number;
  /** Every document was added: once `sent + failed + held = total`, the run is complete (`isRunComplete`). */
  readonly sealed: boolean;
}

/** Whether every document of a sealed run has an outcome (none in flight). */
export const isRunComplete = (run: SyncRun): boolean => run.sealed && run.sent + run.failed + run.held === run.total;

/**
 * Runs and the outcome of each of their documents. Atomic: each call is one transaction; `settle`
 * moves one document's outcome and the run's counters together, so concurrent workers settling
 * documents of one run never lose a count, and settling a document again with the same outcome
 * changes nothing.
 */
export interface RunStore {
  /**
   * Creates an empty run, not sealed. Idempotent by `runId` (a launch replayed keeps the first).
   * @returns ok(run) as stored
   * @returns err(store.*) if the store fails
   */
  start(run: {
    readonly runId: string;
    readonly accountId: AccountId;
    readonly kind: RunKind;
    readonly startedAt: Instant;
  }): ResultAsync<SyncRun, StoreError>;
  /**
   * Adds documents (a page of them), in flight; a document already in the run is left as it is.
   * @returns ok(run) with its new total
   * @returns err(store.*) if the store fails, or the run is unknown (store.unavailable) or sealed (store.conflict)
   */
  addDocuments(accountId: AccountId, runId: string, documentIds: readonly DocumentId[]): ResultAsync<SyncRun, StoreError>;
  /**
   * Every document was added: the run may now complete. Idempotent.
   * @returns ok(run) sealed
   * @returns err(store.*) if the store fails or the run is unknown
   */
  seal(accountId: AccountId, runId: string): ResultAsync<SyncRun, StoreError>;
  /**
   * Sets a document's outcome, moving the run's counters from its previous outcome to this one.
   * @returns ok(run) after the move; ok(null) if the document is not in this run (or the run is unknown)
   * @returns err(store.*) if the store fails
   */
  settle(accountId: AccountId, runId: string, documentId: DocumentId, outcome: RunDocumentOutcome): ResultAsync<SyncRun | null, StoreError>;
  /**
   * @returns ok(run), ok(null) if this account has no such run
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId, runId: string): ResultAsync<SyncRun | null, StoreError>;
}
