import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { ErrorJournal, ErrorJournalError } from './error-journal.js';

/**
 * « Marquer comme traitée »: the user has dealt with an error that cannot succeed (a document
 * changed after validation, a number QBO cannot take…) outside the module. Its records are kept,
 * greyed, flagged handled; "relaunch all" no longer counts it.
 */
export class MarkErrorHandled {
  constructor(private readonly journal: ErrorJournal) {}

  /**
   * @returns ok() once stored
   * @returns err(error-history.unknown-record | error-history.invalid-transition) if the document has no unresolved error
   * @returns err(store.*) if the history cannot be read or written
   */
  run(accountId: AccountId, documentId: DocumentId): ResultAsync<void, ErrorJournalError> {
    return this.journal.markHandled(accountId, documentId);
  }
}
