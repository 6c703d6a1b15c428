import { errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, DocumentKind } from '../documents/document.js';
import {
  errorHistoryOf,
  markHandled,
  markRetrying,
  recordFailure,
  repeatedFailure,
  resolveDocument,
  retryFailed,
  type ErrorHistory,
  type ErrorHistoryError,
  type ErrorRecord,
} from '../errors/error-history.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import type { Clock } from '../ports/clock.js';
import type { ErrorHistoryStore } from '../ports/error-history-store.js';
import type { Ids } from '../ports/ids.js';
import { isTransient } from '../policy/retry-policy.js';
import type { StoreError } from '../ports/store-error.js';

export type ErrorJournalError = StoreError | ErrorHistoryError;

const changedRecords = (before: ErrorHistory, after: ErrorHistory): readonly ErrorRecord[] =>
  [...after.records.values()].filter((r) => before.records.get(r.id) !== r);

/** A change that lost a compare-and-set race is re-read and applied again, this many times in all. */
const CHANGE_ATTEMPTS = 3;

/**
 * The error history as the use cases change it, one document at a time: read the document's
 * records, apply a pure function of `errors/error-history.ts` (which only ever looks at that
 * document's records), store what changed with compare-and-set, re-reading when another writer
 * changed them first. Records are never deleted.
 */
export class ErrorJournal {
  constructor(
    private readonly store: ErrorHistoryStore,
    private readonly ids: Ids,
    private readonly clock: Clock,
  ) {}

  /**
   * @returns ok(history) of one document (its records only)
   * @returns err(store.* | error-history.duplicate-id) if it cannot be read
   */
  forDocument(accountId: AccountId, documentId: DocumentId): ResultAsync<ErrorHistory, ErrorJournalError> {
    return this.store.forDocument(accountId, documentId).andThen((records) => errorHistoryOf(records));
  }

  /**
   * Records a failed attempt of a document.
   * @returns ok(record) as stored
   * @returns err(store.* | error-history.*) if it cannot be recorded
   */
  recordFailure(
    accountId: AccountId,
    documentId: DocumentId,
    documentKind: DocumentKind,
    cause: SyncFailureCause,
  ): ResultAsync<ErrorRecord, ErrorJournalError> {
    const id = this.ids.next();
    const at = this.clock.now();
    // A failed retry puts the document's retrying records back to open before the new attempt is added.
    const reopen = (h: ErrorHistory): Result<ErrorHistory, ErrorJournalError> =>
      [...h.records.values()].some((r) => r.state === 'retrying') ? retryFailed(h, documentId, at) : ok(h);
    let recordId = id;
    return this.change(accountId, documentId, (h) =>
      reopen(h).andThen((reopened) => {
        // A cause that cannot succeed by retrying alone is recorded once per document, not once per relaunch.
        const repeated = isTransient(cause) ? undefined : repeatedFailure(reopened, documentId, cause);
        if (repeated !== undefined) {
          recordId = repeated.id;
          return ok(reopened);
        }
        return recordFailure(reopened, { id, accountId, documentId, documentKind, occurredAt: at, cause });
      }),
    ).andThen((after) => {
      const record = after.records.get(recordId);
      return record === undefined
        ? errAsync<ErrorRecord, ErrorJournalError>({ kind: 'error-history.unknown-record', documentId })
        : okAsync(record);
    });
  }

  /**
   * The document is in QuickBooks: its open and retrying errors become resolved (greyed).
   * @returns ok() once stored
   * @returns err(store.* | error-history.*) if the history cannot be read or written
   */
  resolve(accountId: AccountId, documentId: DocumentId): ResultAsync<void, ErrorJournalError> {
    return this.change(accountId, documentId, (h) => ok(resolveDocument(h, documentId, this.clock.now()))).map(() => undefined);
  }

  /**
   * Marks the open errors of documents as being retried; documents without an open error are skipped.
   * @returns ok(documentIds) whose errors were marked
   * @returns err(store.* | error-history.*) if the history cannot be read or written
   */
  markRetrying(accountId: AccountId, documentIds: readonly DocumentId[]): ResultAsync<readonly DocumentId[], ErrorJournalError> {
    const marked: DocumentId[] = [];
    const markOne = (documentId: DocumentId): ResultAsync<void, ErrorJournalError> => {
      let had = false;
      return this.change(accountId, documentId, (h) => {
        had = [...h.records.values()].some((r) => r.state === 'open');
        return had ? markRetrying(h, [documentId], this.clock.now()) : ok(h);
      }).map(() => {
        if (had) marked.push(documentId);
      });
    };
    return [...new Set(documentIds)]
      .reduce((chain, documentId) => chain.andThen(() => markOne(documentId)), okAsync<void, ErrorJournalError>(undefined))
      .map(() => marked);
  }

  /**
   * The user marks the document's errors as handled: resolved, flagged, kept and greyed.
   * @returns ok() once stored
   * @returns err(error-history.unknown-record | error-history.invalid-transition) if it has no unresolved error
   * @returns err(store.*) if the history cannot be read or written
   */
  markHandled(accountId: AccountId, documentId: DocumentId): ResultAsync<void, ErrorJournalError> {
    return this.change(accountId, documentId, (h) => markHandled(h, documentId, this.clock.now())).map(() => undefined);
  }

  private change(
    accountId: AccountId,
    documentId: DocumentId,
    apply: (history: ErrorHistory) => Result<ErrorHistory, ErrorJournalError>,
    attempt = 1,
  ): ResultAsync<ErrorHistory, ErrorJournalError> {
    return this.forDocument(accountId, documentId).andThen((before) =>
      apply(before)
        .asyncAndThen((after) => this.store.put(changedRecords(before, after)).map(() => after))
        .orElse((e) =>
          e.kind === 'store.conflict' && attempt < CHANGE_ATTEMPTS ? this.change(accountId, documentId, apply, attempt + 1) : errAsync(e),
        ),
    );
  }
}
