import { FixedClock } from '@ogustine-qbo/domain/testing';
import type { SyncJob } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlSyncQueue } from './sql-sync-queue.js';

const NOW = 1_000_000;
const LEASE_MS = 60_000;

const job = (jobId: string, realmId: string, documentId = `doc-${jobId}`): SyncJob => ({
  jobId,
  accountId: `acc-${realmId}`,
  realmId,
  documentId,
  reason: 'validated',
});

describe.each(engines)('job table on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  const queue = (): SqlSyncQueue => new SqlSyncQueue(database.current(), new FixedClock(7), { leaseMs: LEASE_MS });

  it('fairness: with 10,000 due jobs in one realm and one in each of nine others, the nine are leased before the big realm’s second batch', async () => {
    const q = queue();
    const big = Array.from({ length: 10_000 }, (_, i) => job(`big-${i}`, 'R0-big'));
    (await q.enqueue(big))._unsafeUnwrap();
    const small = Array.from({ length: 9 }, (_, i) => job(`small-${i}`, `R${i + 1}`));
    (await q.enqueue(small))._unsafeUnwrap();

    const served: string[] = [];
    for (let turn = 0; turn < 11; turn += 1) {
      const lease = (await q.leaseBatch(NOW + turn, 30))._unsafeUnwrap();
      if (lease === null) throw new Error(`turn ${turn}: nothing leased`);
      served.push(`${lease.realmId}×${lease.jobs.length}`);
      for (const leased of lease.jobs) (await q.complete(leased.job.jobId))._unsafeUnwrap();
    }
    expect(served).toEqual(['R0-big×30', ...small.map((j) => `${j.realmId}×1`), 'R0-big×30']);
  });

  it('hands out a batch of up to 30 jobs of one realm, in enqueue order, and the realm stays leased until the last is finished', async () => {
    const q = queue();
    (await q.enqueue(Array.from({ length: 40 }, (_, i) => job(`j${String(i).padStart(2, '0')}`, 'R1'))))._unsafeUnwrap();
    const lease = (await q.leaseBatch(NOW, 30))._unsafeUnwrap();
    expect(lease?.jobs.map((l) => l.job.jobId)).toEqual(Array.from({ length: 30 }, (_, i) => `j${String(i).padStart(2, '0')}`));
    for (const leased of lease?.jobs.slice(0, 29) ?? []) (await q.complete(leased.job.jobId))._unsafeUnwrap();
    expect((await q.leaseBatch(NOW, 30))._unsafeUnwrap(), 'still leased with one job in flight').toBeNull();
    (await q.complete('j29'))._unsafeUnwrap();
    expect((await q.leaseBatch(NOW, 30))._unsafeUnwrap()?.jobs.map((l) => l.job.jobId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `j${30 + i}`),
    );
  });

  it('an expired lease hands its jobs out again, and the late answer of the first holder does not end the new lease', async () => {
    const q = queue();
    (await q.enqueue([job('1', 'R1'), job('2', 'R1'), job('3', 'R1')]))._unsafeUnwrap();
    expect((await q.leaseBatch(NOW, 2))._unsafeUnwrap()?.jobs.map((l) => l.job.jobId)).toEqual(['1', '2']);
    expect((await q.leaseBatch(NOW + LEASE_MS - 1, 2))._unsafeUnwrap(), 'lease still held').toBeNull();
    const again = (await q.leaseBatch(NOW + LEASE_MS, 2))._unsafeUnwrap();
    expect(again?.jobs).toEqual([
      { job: job('1', 'R1'), deliveries: 1 },
      { job: job('2', 'R1'), deliveries: 1 },
    ]);
    // The first holder, back from the dead, completes job 1: done, but the realm stays with the second holder.
    (await q.complete('1'))._unsafeUnwrap();
    expect((await q.take(NOW + LEASE_MS))._unsafeUnwrap(), 'the second lease still holds the realm').toBeNull();
    (await q.complete('2'))._unsafeUnwrap();
    expect((await q.take(NOW + LEASE_MS))._unsafeUnwrap()?.job.jobId).toBe('3');
  });

  it('a replayed enqueue (same job id, or the same document again) is a no-op', async () => {
    const q = queue();
    (await q.enqueue([job('1', 'R1')]))._unsafeUnwrap();
    (await q.enqueue([job('1', 'R1'), job('1-bis', 'R1', 'doc-1')]))._unsafeUnwrap();
    const rows = await database.current().db.selectFrom('sync_job').select(['job_id', 'document_id']).execute();
    expect(rows).toEqual([{ job_id: '1', document_id: 'doc-1' }]);
  });

  it('keeps a dead letter with its reason, attempts and time', async () => {
    const q = queue();
    (await q.enqueue([job('1', 'R1')]))._unsafeUnwrap();
    await q.take(NOW);
    (await q.deadLetter('1', 'unparseable'))._unsafeUnwrap();
    const dead = await database.current().db.selectFrom('sync_job_dead').selectAll().execute();
    expect(dead).toEqual([
      {
        job_id: '1',
        account_id: 'acc-R1',
        realm_id: 'R1',
        document_id: 'doc-1',
        reason: 'validated',
        attempts: 1,
        dead_reason: 'unparseable',
        dead_at: 7,
      },
    ]);
  });
});
