import { FixedClock } from '@ogustine-qbo/domain/testing';
import type { RealmLease, SyncJob } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlSyncQueue } from './sql-sync-queue.js';

// What the contract suite does not say: the fairness of the issue at full size, and what the tables keep.

const NOW = 1_000_000;

const job = (jobId: string, realmId: string): SyncJob => ({
  jobId,
  accountId: `acc-${realmId}`,
  realmId,
  documentId: `doc-${jobId}`,
  reason: 'validated',
});

describe.each(engines)('job table on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  const queue = (): SqlSyncQueue => new SqlSyncQueue(database.current(), new FixedClock(7));
  const finish = async (q: SqlSyncQueue, lease: RealmLease): Promise<void> => {
    for (const leased of lease.jobs) (await q.complete(lease, leased.job.jobId))._unsafeUnwrap();
    (await q.release(lease))._unsafeUnwrap();
  };

  it('fairness: with 10,000 due jobs in one realm and one in each of nine others, the nine are leased before the big realm’s second batch', async () => {
    const q = queue();
    (await q.enqueue(Array.from({ length: 10_000 }, (_, i) => job(`big-${i}`, 'BIG'))))._unsafeUnwrap();
    const small = Array.from({ length: 9 }, (_, i) => job(`small-${i}`, `S${i}`));
    (await q.enqueue(small))._unsafeUnwrap();

    const served: string[] = [];
    for (let turn = 0; turn < 11; turn += 1) {
      const lease = (await q.take('worker', NOW))._unsafeUnwrap();
      if (lease === null) throw new Error(`turn ${turn}: nothing leased`);
      served.push(`${lease.realmId}×${lease.jobs.length}`);
      await finish(q, lease);
    }
    expect(served).toEqual(['BIG×30', ...small.map((j) => `${j.realmId}×1`), 'BIG×30']);
  });

  // SQLite has one writer at a time: there, an enqueue waits for any write whatever it locks.
  if (engine === 'mysql')
    it('an enqueue does not wait for a call under a lease: a known realm’s row is not locked by it', async () => {
      const q = queue();
      (await q.enqueue([job('1', 'R1')]))._unsafeUnwrap();
      await database
        .current()
        .db.transaction()
        .execute(async (trx) => {
          // A call under R1's lease holds its row (as `complete` does) while a launch queues a page for R1.
          await trx.selectFrom('sync_realm').select('lease_id').where('realm_id', '=', 'R1').forUpdate().execute();
          (await q.enqueue([job('2', 'R1')]))._unsafeUnwrap();
        });
      expect((await database.current().db.selectFrom('sync_job').select('job_id').orderBy('seq').execute()).map((r) => r.job_id)).toEqual([
        '1',
        '2',
      ]);
    });

  it('keeps a dead letter with its reason, deliveries and time', async () => {
    const q = queue();
    (await q.enqueue([{ ...job('1', 'R1'), after: 'doc-0' }]))._unsafeUnwrap();
    const lease = (await q.take('w', NOW))._unsafeUnwrap();
    if (lease === null) throw new Error('nothing leased');
    (await q.deadLetter(lease, '1', 'unparseable'))._unsafeUnwrap();
    expect(await database.current().db.selectFrom('sync_job_dead').selectAll().execute()).toEqual([
      {
        job_id: '1',
        account_id: 'acc-R1',
        realm_id: 'R1',
        document_id: 'doc-1',
        reason: 'validated',
        after_document_id: 'doc-0',
        run_id: null,
        deliveries: 1,
        dead_reason: 'unparseable',
        dead_at: 7,
      },
    ]);
  });
});
