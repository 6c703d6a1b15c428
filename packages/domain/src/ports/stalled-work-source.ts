import type { ResultAsync } from 'neverthrow';
import type { AccountId, OgustineDocument } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { Page, PageRequest } from './page.js';
import type { RunKind } from './run-store.js';
import type { StoreError } from './store-error.js';

/** A document never decided, as the sweep reads it: the document, and when the module recorded it. */
export interface UndecidedDocument {
  readonly document: OgustineDocument;
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
 * stopped: every account's documents never decided, by when they were recorded, and the runs never
 * sealed. Reads only, a page or a key at a time.
 */
export interface StalledWorkSource {
  /**
   * Documents of every account recorded in `[from, before)` and never decided: not in QBO, no
   * unfinished job (queued, waiting to retry or leased, whatever its reason), no sync record (never
   * tried). In the order recorded (then by account and id). The documents left out cost the sweep
   * nothing per document: a restart's sweep looks back a day, and an account just imported or in its
   * initial sync has a day of documents.
   * @returns ok(page) of at most `PAGE_SIZE`
   * @returns err(store.*) if the store fails
   */
  recordedUndecided(from: Instant, before: Instant, request?: PageRequest): ResultAsync<Page<UndecidedDocument>, StoreError>;
  /**
   * Runs of this kind, of every account, not sealed, started before `before`, oldest first.
   * @returns ok(page) of at most `PAGE_SIZE`
   * @returns err(store.*) if the store fails
   */
  unsealedRuns(kind: RunKind, before: Instant, request?: PageRequest): ResultAsync<Page<UnsealedRun>, StoreError>;
}
