import { documentReceiptsContract, FixedClock, aDocument } from '@ogustine-qbo/domain/testing';
import { describe, expect, it } from 'vitest';
import { SqlSyncQueue } from '../jobs/sql-sync-queue.js';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlDocumentReceipts } from './sql-document-receipts.js';
import { SqlDocumentStore } from './sql-document-store.js';
import { SqlProcessedMessages } from './sql-processed-messages.js';

// A group's receipt on each engine, read back through the stores that own the rows.
describe.each(engines)('a group’s receipt on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  const subject = () => {
    const db = database.current();
    return {
      receipts: new SqlDocumentReceipts(db, new FixedClock(5)),
      documents: new SqlDocumentStore(db),
      queue: new SqlSyncQueue(db, new FixedClock(5)),
      processed: new SqlProcessedMessages(db),
    };
  };

  describe('SqlDocumentReceipts satisfies its port contract', () => {
    for (const c of documentReceiptsContract) it(c.name, () => c.run(subject()));
  });

  it('writes all or nothing: a job the table refuses leaves neither the documents nor the messages', async () => {
    const { receipts, documents, processed } = subject();
    const doc = aDocument({ accountId: 'A1', id: 'D1' });
    // A job without its document id (NOT NULL): its insert fails after the document's.
    const job = { jobId: 'j1', accountId: 'A1', realmId: 'R1', documentId: null as unknown as string, reason: 'validated' as const };
    const written = await receipts.recordAll([{ document: doc, jobs: [job], messageId: 'm1' }], 100);
    expect(written.isErr()).toBe(true);
    expect((await documents.get('A1', 'D1'))._unsafeUnwrap()).toBeNull();
    expect([...(await processed.knownAmong(['m1']))._unsafeUnwrap()]).toEqual([]);
  });
});
