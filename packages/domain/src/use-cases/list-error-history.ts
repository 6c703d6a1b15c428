import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { causeGroupView, entryView, type CauseGroupView, type ErrorHistoryEntryView } from '../errors/error-history.js';
import type { ErrorFilter, ErrorHistoryStore } from '../ports/error-history-store.js';
import type { PageRequest } from '../ports/page.js';
import type { StoreError } from '../ports/store-error.js';
import type { Steps } from './steps.js';

export interface ErrorHistoryScreen {
  /** One page of records, newest first; resolved ones greyed. */
  readonly entries: readonly ErrorHistoryEntryView[];
  /** The cursor of the next page, null on the last. */
  readonly next: string | null;
  /** What blocks documents now, one group per cause, largest first. */
  readonly openGroups: readonly CauseGroupView[];
  readonly resolvedGroups: readonly CauseGroupView[];
}

/** Which page of the history, and which records (by state, cause, date). */
export interface ErrorHistoryQuery {
  readonly filter?: ErrorFilter;
  readonly page?: PageRequest;
}

/** The *Historique des erreurs de synchronisation* of an account: a page of records and the groups, counted by the store. */
export class ListErrorHistory {
  constructor(private readonly store: ErrorHistoryStore) {}

  /**
   * @returns ok(screen) of the account only
   * @returns err(store.*) if the history cannot be read
   */
  run(accountId: AccountId, query: ErrorHistoryQuery = {}): ResultAsync<ErrorHistoryScreen, StoreError> {
    const { store } = this;
    return safeTry<ErrorHistoryScreen, StoreError>(async function* (): Steps<ErrorHistoryScreen, StoreError> {
      const page = yield* store.page(accountId, query.filter ?? {}, query.page);
      const open = yield* store.tallyByCause(accountId, 'unresolved');
      const resolved = yield* store.tallyByCause(accountId, 'resolved');
      return ok({
        entries: page.items.map(entryView),
        next: page.next,
        openGroups: open.map(causeGroupView),
        resolvedGroups: resolved.map(causeGroupView),
      });
    });
  }
}
