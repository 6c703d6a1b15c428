import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { ResyncError, ResyncMany, Resynced } from './resync-many.js';

/** *Resynchroniser cet élément*: one document of the error history, sent again once its cause is fixed. */
export class ResyncDocument {
  constructor(private readonly many: ResyncMany) {}

  /**
   * @returns ok({ queued: [id] }) when queued, ok({ skipped: [id] }) if already in QBO or unknown
   * @returns err(resync.not-connected) if no company is connected
   * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
   */
  run(accountId: AccountId, documentId: DocumentId): ResultAsync<Resynced, ResyncError> {
    return this.many.run(accountId, { kind: 'documents', documentIds: [documentId] });
  }
}
