import type { DocumentReceipts } from '../../ports/document-receipts.js';
import type { DocumentStore } from '../../ports/document-store.js';
import type { ProcessedMessages } from '../../ports/processed-messages.js';
import type { SyncJob, SyncJobSource, SyncQueue } from '../../ports/sync-queue.js';
import { aDocument } from '../builders/document.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** The group writer, and the stores whose rows it writes (the same database). */
export interface DocumentReceiptsSubject {
  readonly receipts: DocumentReceipts;
  readonly documents: DocumentStore;
  readonly queue: SyncQueue & SyncJobSource;
  readonly processed: ProcessedMessages;
}

const doc = (id: string, memo?: string) => aDocument({ accountId: 'A1', id, number: `N-${id}`, ...(memo === undefined ? {} : { memo }) });
const job = (id: string): SyncJob => ({ jobId: `job-${id}`, accountId: 'A1', realmId: 'R1', documentId: id, reason: 'validated' });

/** The documents of the jobs queued now, in their order. */
const queued = async (queue: SyncJobSource): Promise<string[]> => {
  const lease = await mustSucceed(queue.take('contract', 1_000), 'take');
  return lease === null ? [] : lease.jobs.map((j) => j.job.documentId);
};

/** What every `DocumentReceipts` must do. Each case gets empty stores. */
export const documentReceiptsContract: readonly ContractCase<DocumentReceiptsSubject>[] = [
  {
    name: 'a new document is recorded with its jobs queued and its message remembered; a null message is not remembered',
    run: async ({ receipts, documents, queue, processed }) => {
      const outcomes = await mustSucceed(
        receipts.recordAll(
          [
            { document: doc('D1'), jobs: [job('D1')], messageId: 'm1' },
            { document: doc('D2'), jobs: [], messageId: 'm2' },
            { document: doc('D3'), jobs: [job('D3')], messageId: null },
          ],
          100,
        ),
        'recordAll',
      );
      expectEqual(outcomes, ['recorded', 'recorded', 'recorded'], 'outcomes');
      for (const id of ['D1', 'D2', 'D3']) expectEqual(await mustSucceed(documents.get('A1', id), 'get'), doc(id), `${id} stored`);
      expectEqual([...(await mustSucceed(processed.knownAmong(['m1', 'm2', 'm3']), 'knownAmong'))].sort(), ['m1', 'm2'], 'messages');
      expectEqual(await queued(queue), ['D1', 'D3'], 'jobs queued, in order');
    },
  },
  {
    name: 'a document recorded before, or given twice, writes nothing more: not its snapshot, nor its jobs, nor its message',
    run: async ({ receipts, documents, queue, processed }) => {
      await mustSucceed(documents.record(doc('D1'), 50), 'record before');
      const outcomes = await mustSucceed(
        receipts.recordAll(
          [
            { document: doc('D1', 'changed'), jobs: [job('D1')], messageId: 'm1' },
            { document: doc('D2'), jobs: [job('D2')], messageId: 'm2' },
            { document: doc('D2', 'changed'), jobs: [{ ...job('D2'), jobId: 'job-D2-again' }], messageId: 'm3' },
          ],
          100,
        ),
        'recordAll',
      );
      expectEqual(outcomes, ['already-recorded', 'recorded', 'already-recorded'], 'outcomes');
      expectEqual(await mustSucceed(documents.get('A1', 'D1'), 'get'), doc('D1'), 'the first snapshot kept');
      expectEqual(await mustSucceed(documents.get('A1', 'D2'), 'get'), doc('D2'), 'the first of the group kept');
      expectEqual([...(await mustSucceed(processed.knownAmong(['m1', 'm2', 'm3']), 'knownAmong'))], ['m2'], 'messages');
      expectEqual(await queued(queue), ['D2'], 'jobs');
    },
  },
  {
    name: 'an empty group writes nothing',
    run: async ({ receipts, queue }) => {
      expectEqual(await mustSucceed(receipts.recordAll([], 100), 'recordAll'), [], 'outcomes');
      expectEqual(await queued(queue), [], 'jobs');
    },
  },
];
