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
import { explainCause } from '../errors/explain-cause.js';
import type { StoreError } from '../ports/store-error.js';

export type ErrorJournalError = StoreError | ErrorHistoryError;

const changedRecords = (before: ErrorHistory, after: ErrorHistory): readonly ErrorRecord[] =>
  [...after.records.values()].filter((r) => before.records.get(r.id) !== r);

/**
 * The error history of one account as the use cases change it: load, apply a pure function of
 * `errors/error-history.ts`, store what changed. Records are never deleted.
 */
export class ErrorJournal {
  constructor(
    private readonly store: ErrorHistoryStore,
    private readonly ids: Ids,
    private readonly clock: Clock,
  ) {}

  /**
   * @returns ok(history) of the account
   * @returns err(store.* | error-history.duplicate-id) if it cannot be read
   */
  load(accountId: AccountId): ResultAsync<ErrorHistory, ErrorJournalError> {
    return this.store.list(accountId).andThen((records) => errorHistoryOf(records));
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
      [...h.records.values()].some((r) => r.documentId === documentId && r.state === 'retrying') ? retryFailed(h, documentId, at) : ok(h);
    let recordId = id;
    return this.change(accountId, (h) =>
      reopen(h).andThen((reopened) => {
        // A cause that cannot succeed by retrying alone is recorded once per document, not once per relaunch.
        const repeated = explainCause(cause).transient ? undefined : repeatedFailure(reopened, documentId, cause);
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
    return this.change(accountId, (h) => okAsync(resolveDocument(h, documentId, this.clock.now()))).map(() => undefined);
  }

  /**
   * Marks the open errors of documents as being retried; documents without an open error are skipped.
   * @returns ok(documentIds) whose errors were marked
   * @returns err(store.* | error-history.*) if the history cannot be read or written
   */
  markRetrying(accountId: AccountId, documentIds: readonly DocumentId[]): ResultAsync<readonly DocumentId[], ErrorJournalError> {
    return this.load(accountId).andThen((history) => {
      const withOpen = documentIds.filter((id) => [...history.records.values()].some((r) => r.documentId === id && r.state === 'open'));
      return this.change(accountId, (h) => markRetrying(h, withOpen, this.clock.now())).map(() => withOpen);
    });
  }

  /**
   * The user marks the document's errors as handled: resolved, flagged, kept and greyed.
   * @returns ok() once stored
   * @returns err(error-history.unknown-record | error-history.invalid-transition) if it has no unresolved error
   * @returns err(store.*) if the history cannot be read or written
   */
  markHandled(accountId: AccountId, documentId: DocumentId): ResultAsync<void, ErrorJournalError> {
    return this.change(accountId, (h) => markHandled(h, documentId, this.clock.now())).map(() => undefined);
  }

  private change(
    accountId: AccountId,
    apply: (history: ErrorHistory) => ResultAsync<ErrorHistory, ErrorJournalError> | Result<ErrorHistory, ErrorJournalError>,
  ): ResultAsync<ErrorHistory, ErrorJournalError> {
    return this.load(accountId).andThen((before) =>
      okAsync<ErrorHistory, ErrorJournalError>(before)
        .andThen(apply)
        .andThen((after) => this.store.put(changedRecords(before, after)).map(() => after)),
    );
  }
}
