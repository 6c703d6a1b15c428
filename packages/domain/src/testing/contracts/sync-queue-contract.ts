import type { ResultAsync } from 'neverthrow';
import {
  MAX_DELIVERIES,
  MAX_JOBS_PER_LEASE,
  REALM_LEASE_MS,
  type LeaseError,
  type RealmLease,
  type SyncJob,
  type SyncJobReason,
  type SyncJobSource,
  type SyncQueue,
} from '../../ports/sync-queue.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

export type Queue = SyncQueue & SyncJobSource;

/** A job of document `doc-<jobId>` in account `acc-<realmId>`. */
export const job = (jobId: string, realmId = 'R1', reason: SyncJobReason = 'validated', after?: string): SyncJob => ({
  jobId,
  accountId: `acc-${realmId}`,
  realmId,
  documentId: `doc-${jobId}`,
  reason,
  ...(after === undefined ? {} : { after: `doc-${after}` }),
});

export const NOW = 1_000_000;

export const take = async (queue: Queue, holder: string, now: number): Promise<RealmLease> => {
  const lease = await mustSucceed(queue.take(holder, now), `take by ${holder}`);
  if (lease === null) throw new Error(`take by ${holder} at ${now}: expected a realm, got none`);
  return lease;
};

export const expectNothing = async (queue: Queue, holder: string, now: number, what: string): Promise<void> => {
  expectEqual(await mustSucceed(queue.take(holder, now), `take by ${holder}`), null, what);
};

export const jobIds = (lease: RealmLease): string[] => lease.jobs.map((j) => j.job.jobId);

/** Completes every job of the lease, then releases it. */
const finish = async (queue: Queue, lease: RealmLease): Promise<void> => {
  for (const j of lease.jobs) await mustSucceed(queue.complete(lease, j.job.jobId), `complete ${j.job.jobId}`);
  await mustSucceed(queue.release(lease), 'release');
};

export const expectLeaseLost = async (result: ResultAsync<unknown, LeaseError>, what: string): Promise<void> => {
  expectEqual((await mustFail(result, what)).kind, 'queue.lease-lost', what);
};

/** What every sync queue (both sides) must do (ADR 0004). Each case gets an empty queue. */
export const syncQueueContract: readonly ContractCase<Queue>[] = [
  {
    name: 'keeps every field of a job, and leases its realm to the holder until now + REALM_LEASE_MS',
    run: async (queue) => {
      const original: SyncJob = { jobId: 'j', accountId: 'A1', realmId: 'R1', documentId: 'D2', reason: 'initial-sync', after: 'D1' };
      await mustSucceed(queue.enqueue([original]), 'enqueue');
      const lease = await take(queue, 'worker-1', NOW);
      expectEqual(
        { realmId: lease.realmId, holder: lease.holder, expiresAt: lease.expiresAt, jobs: lease.jobs },
        { realmId: 'R1', holder: 'worker-1', expiresAt: NOW + REALM_LEASE_MS, jobs: [{ job: original, deliveries: 0 }] },
        'lease',
      );
      expectTrue(typeof lease.leaseId === 'string' && lease.leaseId.length > 0, 'a lease has an id');
    },
  },
  {
    name: 'hands out the jobs of a lane in the order they were enqueued, at most 30 per lease',
    run: async (queue) => {
      const ids = Array.from({ length: 35 }, (_, i) => String(i + 1).padStart(2, '0'));
      await mustSucceed(queue.enqueue(ids.slice(0, 20).map((id) => job(id))), 'enqueue');
      await mustSucceed(queue.enqueue(ids.slice(20).map((id) => job(id))), 'enqueue');
      const first = await take(queue, 'w', NOW);
      expectEqual(MAX_JOBS_PER_LEASE, 30, 'batch size');
      expectEqual(jobIds(first), ids.slice(0, 30), 'first lease');
      await finish(queue, first);
      expectEqual(jobIds(await take(queue, 'w', NOW)), ids.slice(30), 'second lease');
    },
  },
  {
    name: 'one realm in one holder’s hands: no other take gets its jobs, even new ones, until released — completing a job keeps the lease',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('a1', 'RA'), job('a2', 'RA'), job('b1', 'RB')]), 'enqueue');
      const a = await take(queue, 'w1', NOW);
      expectEqual([a.realmId, jobIds(a)], ['RA', ['a1', 'a2']], 'w1 holds RA');
      await mustSucceed(queue.enqueue([job('a3', 'RA')]), 'enqueue a3');
      const b = await take(queue, 'w2', NOW);
      expectEqual([b.realmId, jobIds(b)], ['RB', ['b1']], 'w2 gets RB');
      await expectNothing(queue, 'w3', NOW, 'RA is held by w1, RB by w2');
      await mustSucceed(queue.complete(a, 'a1'), 'complete a1');
      await expectNothing(queue, 'w3', NOW, 'completing a job does not free its realm');
      await mustSucceed(queue.release(a), 'release RA');
      const again = await take(queue, 'w3', NOW);
      expectEqual(
        [again.realmId, again.jobs.map((j) => [j.job.jobId, j.deliveries])],
        [
          'RA',
          [
            ['a2', 0],
            ['a3', 0],
          ],
        ],
        'after release, the unrun job comes back uncounted, with the new one',
      );
    },
  },
  {
    name: 'fair across realms: one realm with many due jobs does not starve nine realms with one each',
    run: async (queue) => {
      await mustSucceed(queue.enqueue(Array.from({ length: 40 }, (_, i) => job(`big-${i}`, 'BIG'))), 'enqueue the big realm');
      const small = Array.from({ length: 9 }, (_, i) => `S${i}`);
      await mustSucceed(queue.enqueue(small.map((realm) => job(`one-${realm}`, realm))), 'enqueue nine small realms');
      const served: [string, number][] = [];
      for (let i = 0; i < 11; i += 1) {
        const lease = await take(queue, 'only-worker', NOW);
        served.push([lease.realmId, lease.jobs.length]);
        await finish(queue, lease);
      }
      expectEqual(served[0], ['BIG', 30], 'the oldest jobs first');
      expectEqual(
        served
          .slice(1, 10)
          .map(([realm]) => realm)
          .sort(),
        small,
        'then each small realm, before the big one again',
      );
      expectEqual(served[10], ['BIG', 10], 'then the rest of the big realm');
      await expectNothing(queue, 'only-worker', NOW, 'drained');
    },
  },
  {
    name: 'within a realm: what the user waits for, then catch-up, then the initial-sync backlog',
    run: async (queue) => {
      await mustSucceed(
        queue.enqueue([
          job('i1', 'R1', 'initial-sync'),
          job('c1', 'R1', 'catch-up'),
          job('v1', 'R1', 'validated'),
          job('r1', 'R1', 'resync'),
        ]),
        'enqueue',
      );
      expectEqual(jobIds(await take(queue, 'w', NOW)), ['v1', 'r1', 'c1', 'i1'], 'order');
    },
  },
  {
    name: 'a job waits for the job of its `after` document, which moves up to its dependent’s lane',
    run: async (queue) => {
      await mustSucceed(
        queue.enqueue([
          job('inv', 'R1', 'initial-sync'),
          job('other', 'R1', 'initial-sync'),
          job('note', 'R1', 'validated', 'inv'),
          job('live', 'R1', 'validated'),
        ]),
        'enqueue',
      );
      const first = await take(queue, 'w', NOW);
      expectEqual(jobIds(first), ['inv', 'live', 'other'], 'the invoice first, in the credit note’s lane; the note waits');
      await finish(queue, first);
      expectEqual(jobIds(await take(queue, 'w', NOW)), ['note'], 'the credit note once its invoice is done');
    },
  },
  {
    name: 'a job queued after the credit note that waits for it still moves up to the note’s lane',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('note', 'R1', 'validated', 'inv'), job('old', 'R1', 'initial-sync')]), 'the note first');
      await mustSucceed(queue.enqueue([job('inv', 'R1', 'initial-sync'), job('live', 'R1', 'catch-up')]), 'then its invoice');
      expectEqual(jobIds(await take(queue, 'w', NOW)), ['inv', 'live', 'old'], 'the invoice in the note’s lane, before the catch-up');
    },
  },
  {
    name: 'the initial sync’s credit notes go after all its invoices ready with them, their own invoices keeping their lane',
    run: async (queue) => {
      await mustSucceed(
        queue.enqueue([
          job('inv1', 'R1', 'initial-sync'),
          job('inv2', 'R1', 'initial-sync'),
          job('note1', 'R1', 'initial-sync', 'inv1'),
          job('inv3', 'R1', 'initial-sync'),
          job('note2', 'R1', 'initial-sync', 'inv2'),
          job('inv4', 'R1', 'initial-sync'),
          job('catch', 'R1', 'catch-up'),
        ]),
        'enqueue',
      );
      const first = await take(queue, 'w', NOW);
      expectEqual(jobIds(first), ['catch', 'inv1', 'inv2', 'inv3', 'inv4'], 'the invoices; the notes wait for theirs');
      await mustSucceed(queue.complete(first, 'inv1'), 'complete inv1');
      await mustSucceed(queue.complete(first, 'inv2'), 'complete inv2');
      await mustSucceed(queue.retryLater(first, 'inv3', NOW), 'inv3 again');
      await mustSucceed(queue.retryLater(first, 'inv4', NOW), 'inv4 again');
      await mustSucceed(queue.complete(first, 'catch'), 'complete catch');
      await mustSucceed(queue.release(first), 'release');
      expectEqual(jobIds(await take(queue, 'w', NOW)), ['inv3', 'inv4', 'note1', 'note2'], 'the notes behind every invoice ready');
    },
  },
  {
    name: 'a job waiting for its retry time holds back only the jobs that wait for it',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2'), job('3', 'R1', 'validated', '1')]), 'enqueue');
      const first = await take(queue, 'w', NOW);
      expectEqual(jobIds(first), ['1', '2'], 'first lease');
      await mustSucceed(queue.retryLater(first, '1', NOW + 60_000), 'retry 1 later');
      await mustSucceed(queue.complete(first, '2'), 'complete 2');
      await mustSucceed(queue.release(first), 'release');
      await mustSucceed(queue.enqueue([job('4')]), 'enqueue 4');
      const second = await take(queue, 'w', NOW + 1);
      expectEqual(jobIds(second), ['4'], 'the realm goes on without 1 (and without 3, which waits for 1)');
      await finish(queue, second);
      await expectNothing(queue, 'w', NOW + 1, 'nothing due before the retry time');
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), NOW + 60_000, 'next due at the retry time');
      const third = await take(queue, 'w', NOW + 60_000);
      expectEqual(
        third.jobs.map((j) => [j.job.jobId, j.deliveries]),
        [['1', 1]],
        'the retried job, handed out once before',
      );
      await mustSucceed(queue.deadLetter(third, '1', 'cannot succeed'), 'dead letter 1');
      await mustSucceed(queue.release(third), 'release');
      expectEqual(jobIds(await take(queue, 'w', NOW + 60_000)), ['3'], 'a dead-lettered job no longer holds back its dependents');
    },
  },
  {
    name: 'enqueue is idempotent per (account, document, reason) while the job is unfinished',
    run: async (queue) => {
      const first = job('x1');
      const again = { ...first, jobId: 'x2' };
      await mustSucceed(queue.enqueue([first, again]), 'enqueue twice in one call');
      await mustSucceed(queue.enqueue([{ ...first, jobId: 'x3' }]), 'enqueue again (a replay)');
      await mustSucceed(queue.enqueue([{ ...first, jobId: 'x4', reason: 'resync' }]), 'another reason is another job');
      const lease = await take(queue, 'w', NOW);
      expectEqual(jobIds(lease), ['x1', 'x4'], 'one job per key');
      await mustSucceed(queue.enqueue([{ ...first, jobId: 'x5' }]), 'enqueue while leased (a double click)');
      await finish(queue, lease);
      await expectNothing(queue, 'w', NOW, 'nothing was queued while the job ran');
      await mustSucceed(queue.enqueue([{ ...first, jobId: 'x6' }]), 'enqueue once finished');
      expectEqual(jobIds(await take(queue, 'w', NOW)), ['x6'], 'a finished job’s key queues a new job');
    },
  },
  {
    name: 'an expired lease: the realm and its unfinished jobs go to the next taker; the old holder’s calls answer lease-lost',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2')]), 'enqueue');
      const old = await take(queue, 'w1', NOW);
      await mustSucceed(queue.complete(old, '1'), 'complete 1');
      await expectNothing(queue, 'w2', NOW + REALM_LEASE_MS - 1, 'the lease still lives');
      const next = await take(queue, 'w2', NOW + REALM_LEASE_MS);
      expectEqual(
        next.jobs.map((j) => [j.job.jobId, j.deliveries]),
        [['2', 1]],
        'the job the old holder did not finish, handed out once before',
      );
      expectTrue(next.leaseId !== old.leaseId, 'a new lease id');
      await expectLeaseLost(queue.complete(old, '2'), 'complete under the expired lease');
      await expectLeaseLost(queue.retryLater(old, '2', NOW), 'retryLater under the expired lease');
      await expectLeaseLost(queue.deadLetter(old, '2', 'x'), 'deadLetter under the expired lease');
      expectEqual((await mustFail(queue.renew(old, NOW + REALM_LEASE_MS), 'renew the expired lease')).kind, 'queue.lease-lost', 'renew');
      await expectLeaseLost(queue.release(old), 'release the expired lease');
      await mustSucceed(queue.complete(next, '2'), 'the new holder completes it');
    },
  },
  {
    name: 'renewing keeps the realm; a lease expired but not taken can still be renewed and used',
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1'), job('2')]), 'enqueue');
      const lease = await take(queue, 'w1', NOW);
      const renewed = await mustSucceed(queue.renew(lease, NOW + 240_000), 'renew');
      expectEqual(renewed.expiresAt, NOW + 240_000 + REALM_LEASE_MS, 'renewed until');
      await expectNothing(queue, 'w2', NOW + REALM_LEASE_MS, 'the renewed lease still lives');
      const late = await mustSucceed(queue.renew(renewed, NOW + 240_000 + REALM_LEASE_MS + 5), 'renew after expiry, nobody took it');
      await mustSucceed(queue.complete(late, '1'), 'complete under the renewed lease');
      await mustSucceed(queue.release(late), 'release');
      await expectLeaseLost(queue.complete(late, '2'), 'complete after release');
      expectEqual(
        (await take(queue, 'w2', NOW + 240_000 + REALM_LEASE_MS + 5)).jobs.map((j) => [j.job.jobId, j.deliveries]),
        [['2', 0]],
        'the unrun job',
      );
    },
  },
  {
    name: 'when to look again: a job’s retry time, or the expiry of the live lease on its realm',
    run: async (queue) => {
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), null, 'empty queue');
      await mustSucceed(queue.enqueue([job('1'), job('2', 'R2')]), 'enqueue');
      const r1 = await take(queue, 'w', NOW);
      const r2 = await take(queue, 'w', NOW);
      await mustSucceed(queue.retryLater(r2, '2', NOW + 5), 'retry 2 at NOW + 5');
      await mustSucceed(queue.release(r2), 'release R2');
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), NOW + 5, 'the earliest of the retry time and R1’s lease expiry');
      const again = await take(queue, 'w', NOW + 5);
      await finish(queue, again);
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), r1.expiresAt, 'R1’s job, leased, is due when its lease expires');
    },
  },
  {
    name: `a job handed out ${MAX_DELIVERIES} times is dead-lettered, not handed out again`,
    run: async (queue) => {
      await mustSucceed(queue.enqueue([job('1')]), 'enqueue');
      for (let i = 0; i < MAX_DELIVERIES; i += 1) {
        const lease = await take(queue, 'w', NOW + i);
        expectEqual(lease.jobs[0]?.deliveries, i, `delivery ${i}`);
        await mustSucceed(queue.retryLater(lease, '1', NOW + i + 1), 'retry later');
        await mustSucceed(queue.release(lease), 'release');
      }
      await expectNothing(queue, 'w', NOW + MAX_DELIVERIES, 'not handed out again');
      expectEqual(await mustSucceed(queue.nextDueAt(), 'nextDueAt'), null, 'gone from the queue');
      await mustSucceed(queue.enqueue([job('2')]), 'enqueue another');
      await mustSucceed(queue.enqueue([{ ...job('1'), jobId: '1-again' }]), 'the same key again');
      expectEqual(jobIds(await take(queue, 'w', NOW + MAX_DELIVERIES)), ['2', '1-again'], 'its key is free');
    },
  },
];
