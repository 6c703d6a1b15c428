import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { groupByCause, historyView, resolvedGroups, type CauseGroup, type ErrorHistoryEntryView } from '../errors/error-history.js';
import type { ErrorJournal, ErrorJournalError } from './error-journal.js';

export interface ErrorHistoryScreen {
  /** Every record, newest first; resolved ones greyed. */
  readonly entries: readonly ErrorHistoryEntryView[];
  /** What blocks documents now, one group per cause. */
  readonly openGroups: readonly CauseGroup[];
  readonly resolvedGroups: readonly CauseGroup[];
}

/** The *Historique des erreurs de synchronisation* of an account. */
export class ListErrorHistory {
  constructor(private readonly journal: ErrorJournal) {}

  /**
   * @returns ok(screen) of the account only
   * @returns err(store.* | error-history.*) if the history cannot be read
   */
  run(accountId: AccountId): ResultAsync<ErrorHistoryScreen, ErrorJournalError> {
    return this.journal.load(accountId).map((history) => ({
      entries: historyView(history, accountId),
      openGroups: groupByCause(history, accountId),
      resolvedGroups: resolvedGroups(history, accountId),
    }));
  }
}
