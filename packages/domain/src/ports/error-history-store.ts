import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { CauseGroupTally, ErrorRecord, ErrorState } from '../errors/error-history.js';
import type { Instant } from '../shared/time.js';
import type { Page, PageRequest } from './page.js';
import type { StoreError } from './store-error.js';

/** Which records of an account a page shows. Every field narrows; none means all. */
export interface ErrorFilter {
  readonly states?: readonly ErrorState[];
  /** `causeKey(record.cause)`: one group of the screen. */
  readonly causeKey?: string;
  /** Occurred at or after. */
  readonly occurredFrom?: Instant;
  /** Occurred strictly before. */
  readonly occurredBefore?: Instant;
}

/**
 * One group of the screen, counted by the store: the documents whose errors share a cause.
 * `unresolved`: each document with an unresolved error counts once, under the cause of its latest
 * unresolved record; `retrying` when each of those latest records is retrying, else `open`.
 * `resolved`: every resolved record, by its cause; `state` is `resolved`. `cause` is the cause of the
 * group's most recent record; `documents` counts distinct documents; `kinds` lists their kinds.
 */
export type CauseTally = CauseGroupTally;

/**
 * The *Historique des erreurs de synchronisation*: records are added and change state (open,
 * retrying, resolved) through `errors/error-history.ts`, and are never deleted. Each record has a
 * `version`; `put` is a compare-and-set on the versions of all the records it writes, together
 * (one transaction): the worker and an HTTP request changing one document's records at once never
 * lose an update, the loser gets `store.conflict` and re-reads.
 */
export interface ErrorHistoryStore {
  /**
   * @returns ok(records) of one document, in the order they were first stored
   * @returns err(store.*) if the store fails
   */
  forDocument(accountId: AccountId, documentId: DocumentId): ResultAsync<readonly ErrorRecord[], StoreError>;
  /**
   * One page of the account's records that the filter selects, newest first (`occurredAt`
   * descending; for equal times, the one stored later first).
   * @returns ok(page) of at most `PAGE_SIZE` records
   * @returns err(store.*) if the store fails
   */
  page(accountId: AccountId, filter: ErrorFilter, request?: PageRequest): ResultAsync<Page<ErrorRecord>, StoreError>;
  /**
   * One page of the documents that have an unresolved (open or retrying) record, in the order their
   * first such record was stored ("relaunch all" walks it).
   * @returns ok(page) of at most `PAGE_SIZE` document ids
   * @returns err(store.*) if the store fails
   */
  documentsWithUnresolved(accountId: AccountId, request?: PageRequest): ResultAsync<Page<DocumentId>, StoreError>;
  /**
   * The screen's groups, largest first (then by key).
   * @returns ok(tallies), one per cause key
   * @returns err(store.*) if the store fails
   */
  tallyByCause(accountId: AccountId, which: 'unresolved' | 'resolved'): ResultAsync<readonly CauseTally[], StoreError>;
  /**
   * Compare-and-set, all or nothing: a record of `version` 0 is added (its id must be new), any
   * other replaces the stored record only if that one still has this `version`. Stored versions are
   * bumped by one.
   * @returns ok() once stored
   * @returns err(store.conflict) if a record was changed (or added) meanwhile: nothing is stored
   * @returns err(store.unavailable) if the store fails
   */
  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError>;
}
