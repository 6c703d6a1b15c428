import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/** Outcome of recording a snapshot: a validated document never changes, so the first snapshot wins. */
export type RecordDocumentOutcome = 'recorded' | 'already-recorded';

/** The Ogustine documents received (validated invoices and credit notes), per account. */
export interface DocumentStore {
  /**
   * Keeps a document's snapshot, idempotent by (account, document id).
   * @returns ok('recorded') the first time, ok('already-recorded') afterwards (the stored snapshot is kept)
   * @returns err(store.*) if the store fails
   */
  record(document: OgustineDocument, receivedAt: Instant): ResultAsync<RecordDocumentOutcome, StoreError>;
  /**
   * @returns ok(document) if this account has it, ok(null) otherwise (another account's document is absent here)
   * @returns err(store.*) if the store fails
   */
  get(accountId: AccountId, documentId: DocumentId): ResultAsync<OgustineDocument | null, StoreError>;
  /**
   * @returns ok(documents) of this account, in the order they were first recorded
   * @returns err(store.*) if the store fails
   */
  list(accountId: AccountId): ResultAsync<readonly OgustineDocument[], StoreError>;
}
