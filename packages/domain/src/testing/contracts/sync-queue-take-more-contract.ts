import { MAX_DELIVERIES, MAX_JOBS_PER_LEASE, REALM_LEASE_MS, type LeasedJob } from '../../ports/sync-queue.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';
import { expectLeaseLost, expectNothing, job, jobIds, NOW, take, type Queue } from './sync-queue-contract.js';

const ids = (jobs: readonly LeasedJob[]): string[] => jobs.map((j) => j.job.jobId);

/** What `takeMore` must do (ADR 0004): more of the realm's ready jobs for the holder of its lease, under the same rules as `take`. */
export const syncQueueTakeMoreContract: readonly ContractCase<Queue>[] = [
  {
    name: 'takeMore hands out the realm’s next ready jobs under the same lease, never one already in hand, at most 30',
    run: async (queue) => {
      const all = Array.from({ length: 75 }, (_, i) => String(i + 1).padStart(2, '0'));
      await mustSucceed(queue.enqueue(all.map((id) => job(id, 'R1', 'initial-sync'))), 'enqueue');
      const lease = await take(queue, 'w', NOW);
      expectEqual(jobIds(lease), all.slice(0, MAX_JOBS_PER_LEASE), 'the first batch');
      const second = await mustSucceed(queue.takeMore(lease, NOW), 'take more');
      expectEqual(ids(second), all.slice(30, 60), 'the next 30, none of the first');
      expectEqual(
        second.every((j) => j.deliveries === 0),
        true,
        'never handed out before',
      );
      const third = await mustSucceed(queue.takeMore(lease, NOW, 5), 'take 5 more');
      expectEqual(ids(third), all.slice(60, 65), 'at most what was asked');
      await mustSucceed(queue.complete(lease, '61'), 'a job taken later is completed under the same lease');
      await mustSucceed(queue.enqueue([job('late', 'R1', 'validated')]), 'a job queued meanwhile');
      expectEqual(
        ids(await mustSucceed(queue.takeMore(lease, NOW), 'take more')),
        ['late', ...all.slice(65)],
        'what a user waits for first',
      );
      expectEqual(await mustSucceed(queue.takeMore(lease, NOW), 'take more'), [], 'nothing left to hand out');
      await expectNothing(queue, 'w2', NOW, 'the realm is still one holder’s');
    },
  },
  {
    name: 'fair across realms: takeMore hands out nothing while another realm waits its turn',
    run: async (queue) => {
      await mustSucceed(queue.enqueue(Array.from({ length: 31 }, (_, i) => job(`j${i}`))), 'enqueue');
      const lease = await take(queue, 'w1', NOW);
      await mustSucceed(queue.enqueue([job('other', 'R2')]), 'another realm’s job');
      expectEqual(await mustSucceed(queue.takeMore(lease, NOW), 'take more'), [], 'R2 waits: its turn first');
      expectEqual(jobIds(await take(queue, 'w2', NOW)), ['other'], 'R2 taken by another worker');
      expectEqual(ids(await mustSucceed(queue.takeMore(lease, NOW), 'take more')), ['j30'], 'no realm waits any more');
    },
  },
  {
    name: 'takeMore respects due times and waits for the `after` job still in hand',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('inv'), job('cn', 'R1', 'validated', 'inv'), job('later'), job('other')]), 'enqueue');
      const lease = await take(queue, 'w', NOW);
      expectEqual(jobIds(lease), ['inv', 'later', 'other'], 'the credit note waits for its invoice');
      await mustSucceed(queue.retryLater(lease, 'later', NOW + 100), 'later waits');
      expectEqual(await mustSucceed(queue.takeMore(lease, NOW + 99), 'take more'), [], 'the invoice is in hand, the retry not due');
      await mustSucceed(queue.complete(lease, 'inv'), 'the invoice is done');
      expectEqual(ids(await mustSucceed(queue.takeMore(lease, NOW + 99), 'take more')), ['cn'], 'its credit note is ready');
      expectEqual(
        (await mustSucceed(queue.takeMore(lease, NOW + 100), 'take more')).map((j) => [j.job.jobId, j.deliveries]),
        [['later', 1]],
        'the retried job once due, counted',
      );
    },
  },
  {
    name: 'takeMore under a lease released, expired or taken by another answers lease-lost; what it handed out goes back to the next taker',
    run: async (queue) => {
      await mustSucceed(queue.enqueue(Array.from({ length: 32 }, (_, i) => job(`j${i}`))), 'enqueue');
      const old = await take(queue, 'w1', NOW);
      expectEqual(ids(await mustSucceed(queue.takeMore(old, NOW), 'take more')), ['j30', 'j31'], 'the rest');
      expectEqual(
        (await mustFail(queue.takeMore(old, NOW + REALM_LEASE_MS), 'take more once expired')).kind,
        'queue.lease-lost',
        'no new work under an expired lease',
      );
      const next = await take(queue, 'w2', NOW + REALM_LEASE_MS);
      expectEqual(jobIds(next).slice(28), ['j28', 'j29'], 'the expired lease’s jobs, in order');
      expectEqual(
        ids(await mustSucceed(queue.takeMore(next, NOW + REALM_LEASE_MS), 'take more')),
        ['j30', 'j31'],
        'including those taken later',
      );
      await expectLeaseLost(queue.takeMore(old, NOW + REALM_LEASE_MS), 'the old lease');
      await mustSucceed(queue.release(next), 'release');
      await expectLeaseLost(queue.takeMore(next, NOW + REALM_LEASE_MS), 'after release');
      const third = await take(queue, 'w3', NOW + REALM_LEASE_MS);
      expectEqual(
        third.jobs.map((j) => j.deliveries),
        Array.from({ length: 30 }, () => 1),
        'released jobs come back with their deliveries uncounted by the released lease',
      );
      expectEqual(
        (await mustSucceed(queue.takeMore(third, NOW + REALM_LEASE_MS), 'take more')).map((j) => [j.job.jobId, j.deliveries]),
        [
          ['j30', 1],
          ['j31', 1],
        ],
        'released by the second holder, uncounted',
      );
    },
  },
  {
    name: `takeMore dead-letters a job handed out ${MAX_DELIVERIES} times rather than hand it out again`,
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('tired')]), 'enqueue');
      let at = NOW;
      // Each lease expires with its job unrun (a worker killed), a delivery counted each time.
      for (let i = 1; i < MAX_DELIVERIES; i += 1) {
        await take(queue, 'w', at);
        at += REALM_LEASE_MS;
      }
      const last = await take(queue, 'w', at);
      expectEqual(
        last.jobs.map((j) => j.deliveries),
        [MAX_DELIVERIES - 1],
        'handed out for the last time',
      );
      await mustSucceed(queue.retryLater(last, 'tired', at + 10), 'put back, due later');
      await mustSucceed(queue.release(last), 'release');
      await mustSucceed(queue.enqueue([job('fresh')]), 'enqueue another');
      const lease = await take(queue, 'w', at);
      expectEqual(jobIds(lease), ['fresh'], 'the tired job not due yet');
      expectEqual(await mustSucceed(queue.takeMore(lease, at + 10), 'take more once it is due'), [], 'not handed out again');
      await mustSucceed(queue.complete(lease, 'fresh'), 'complete');
      await mustSucceed(queue.release(lease), 'release');
      await expectNothing(queue, 'w', at + 10, 'the tired job is gone to the dead letters');
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), null, 'nothing queued');
    },
  },
];
