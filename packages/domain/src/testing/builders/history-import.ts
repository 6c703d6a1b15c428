import type { AccountId } from '../../documents/document.js';
import { DEFAULT_TIME_ZONE, type Instant } from '../../shared/time.js';
import type { HistoryImport } from '../../sync/history-import.js';
import { HISTORY_START } from '../../use-cases/import-billing-history.js';

/**
 * The import of an account with no history in Ogustine, done at `at`, as the worker's first look
 * records it: to be saved (version 0) so that a launch need not wait for an import the test is not about.
 */
export const anEmptyHistoryImport = (accountId: AccountId, at: Instant): HistoryImport => ({
  accountId,
  createdFrom: HISTORY_START,
  timeZone: DEFAULT_TIME_ZONE,
  locale: 'fr-FR',
  cursor: null,
  imported: 0,
  unreadable: 0,
  done: true,
  startedAt: at,
  finishedAt: at,
  version: 0,
});
