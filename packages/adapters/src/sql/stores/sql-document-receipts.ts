import type { Clock, DocumentReceipts, Receipt, RecordDocumentOutcome, StoreError, SyncQueueError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { insertJobs } from '../jobs/sql-sync-queue.js';
import { isUniqueViolation, storeCall } from '../sql-errors.js';
import { writeTransaction } from '../write-transaction.js';
import { RECORD_GROUP_ATTEMPTS, recordGroup } from './sql-document-store.js';
import { insertMessageIds } from './sql-processed-messages.js';

/**
 * A group's receipt in one transaction, one commit: the documents as `SqlDocumentStore.recordAll`
 * writes them, then the new ones' message ids as `SqlProcessedMessages.rememberAll`, then their
 * jobs as `SqlSyncQueue.enqueue`. All or none: a message id is never stored without its document
 * and jobs. A document another writer inserted in between makes the insert clash: the whole is
 * rolled back and run again.
 */
export class SqlDocumentReceipts implements DocumentReceipts {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  recordAll(receipts: readonly Receipt[], receivedAt: number): ResultAsync<readonly RecordDocumentOutcome[], StoreError | SyncQueueError> {
    return storeCall(async () => {
      if (receipts.length === 0) return [];
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await writeTransaction(this.database, async (trx) => {
            const database = { ...this.database, db: trx };
            const outcomes = await recordGroup(
              trx,
              receipts.map((r) => r.document),
              receivedAt,
            );
            const news = receipts.filter((_, i) => outcomes[i] === 'recorded');
            const messageIds = news.flatMap((r) => (r.messageId === null ? [] : [r.messageId]));
            if (messageIds.length > 0) await insertMessageIds(database, messageIds, receivedAt);
            // The jobs last: their realm's row, which the job loop's leases lock too, is held the shortest.
            const jobs = news.flatMap((r) => r.jobs);
            if (jobs.length > 0) await insertJobs(database, jobs, this.clock.now());
            return outcomes;
          });
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= RECORD_GROUP_ATTEMPTS) throw e;
        }
      }
    });
  }
}
