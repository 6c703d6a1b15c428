import type { SyncJob, SyncJobSource, SyncQueue } from '../../ports/sync-queue.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const job = (jobId: string, realmId = 'R1'): SyncJob => ({
  jobId,
  accountId: `acc-${realmId}`,
  realmId,
  documentId: `doc-${jobId}`,
  reason: 'validated',
});

const NOW = 1_000_000;

/** What every sync queue (both sides) must do. Each case gets an empty queue. */
export const syncQueueContract: readonly ContractCase<SyncQueue & SyncJobSource>[] = [
  {
    name: "hands out a realm's jobs in the order they were enqueued",
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2')]), 'enqueue');
      await mustSucceed(queue.enqueue([job('3')]), 'enqueue');
      const order: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const leased = await mustSucceed(queue.take(NOW), 'take');
        if (leased === null) throw new Error('take: expected a job, got none');
        order.push(leased.job.jobId);
        await mustSucceed(queue.complete(leased.job.jobId), 'complete');
      }
      expectEqual(order, ['1', '2', '3'], 'order');
      expectEqual(await mustSucceed(queue.take(NOW), 'take'), null, 'queue drained');
    },
  },
  {
    name: 'serves one job of a realm at a time while other realms go on',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('a1', 'RA'), job('a2', 'RA'), job('b1', 'RB')]), 'enqueue');
      const first = await mustSucceed(queue.take(NOW), 'take');
      const second = await mustSucceed(queue.take(NOW), 'take');
      expectEqual([first?.job.jobId, second?.job.jobId].sort(), ['a1', 'b1'], 'the two jobs in flight are the heads of the two realms');
      expectEqual(await mustSucceed(queue.take(NOW), 'take'), null, 'nothing more while both realms have a job in flight');
      await mustSucceed(queue.complete('a1'), 'complete a1');
      expectEqual((await mustSucceed(queue.take(NOW), 'take'))?.job.jobId, 'a2', 'next job of realm RA');
    },
  },
  {
    name: 'a job retried later waits until its time and keeps its place before the later jobs of its realm',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2')]), 'enqueue');
      await mustSucceed(queue.take(NOW), 'take');
      await mustSucceed(queue.retryLater('1', NOW + 60_000), 'retry later');
      expectEqual(await mustSucceed(queue.take(NOW + 1), 'take'), null, 'nothing due before the retry time');
      const again = await mustSucceed(queue.take(NOW + 60_000), 'take');
      expectEqual(again?.job.jobId, '1', 'the retried job comes first');
      expectEqual(again?.deliveries, 1, 'handed out once before');
    },
  },
  {
    name: 'a dead-lettered job is gone and unblocks its realm',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2')]), 'enqueue');
      await mustSucceed(queue.take(NOW), 'take');
      await mustSucceed(queue.deadLetter('1', 'unparseable'), 'dead letter');
      expectEqual((await mustSucceed(queue.take(NOW), 'take'))?.job.jobId, '2', 'next job');
    },
  },
  {
    name: 'keeps every field of a job',
    run: async (queue) => {
      const original: SyncJob = { jobId: 'j', accountId: 'A1', realmId: 'R1', documentId: 'D1', reason: 'initial-sync' };
      await mustSucceed(queue.enqueue([original]), 'enqueue');
      expectEqual(await mustSucceed(queue.take(NOW), 'take'), { job: original, deliveries: 0 }, 'leased job');
    },
  },
];
