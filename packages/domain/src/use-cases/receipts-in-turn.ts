import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { DocumentReceipts, Receipt } from '../ports/document-receipts.js';
import type { DocumentStore, RecordDocumentOutcome } from '../ports/document-store.js';
import type { ProcessedMessages } from '../ports/processed-messages.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncQueue, SyncQueueError } from '../ports/sync-queue.js';
import type { Instant } from '../shared/time.js';
import type { Steps } from './steps.js';

/**
 * `DocumentReceipts` over three stores that share no transaction: the documents, then the jobs, then
 * the messages, one write each (three commits). The fakes run it; a database that can write the three
 * in one transaction has an adapter of its own.
 */
export class ReceiptsInTurn implements DocumentReceipts {
  constructor(
    private readonly documents: DocumentStore,
    private readonly queue: SyncQueue,
    private readonly processed: ProcessedMessages,
  ) {}

  recordAll(receipts: readonly Receipt[], receivedAt: Instant): ResultAsync<readonly RecordDocumentOutcome[], StoreError | SyncQueueError> {
    const { documents, queue, processed } = this;
    return safeTry<readonly RecordDocumentOutcome[], StoreError | SyncQueueError>(async function* (): Steps<
      readonly RecordDocumentOutcome[],
      StoreError | SyncQueueError
    > {
      const outcomes = yield* documents.recordAll(
        receipts.map((r) => r.document),
        receivedAt,
      );
      const news = receipts.filter((_, i) => outcomes[i] === 'recorded');
      const jobs = news.flatMap((r) => r.jobs);
      if (jobs.length > 0) yield* queue.enqueue(jobs);
      const messageIds = news.flatMap((r) => (r.messageId === null ? [] : [r.messageId]));
      if (messageIds.length > 0) yield* processed.rememberAll(messageIds, receivedAt);
      return ok(outcomes);
    });
  }
}
