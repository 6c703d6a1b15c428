import { FixedClock } from '@ogustine-qbo/domain/testing';
import type { RealmLease, SyncJob } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { countRows } from '../testing/rows-touched.js';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlSyncQueue } from './sql-sync-queue.js';

// Each call on the job table reads a bounded number of rows whatever the table holds (the ports
// issue: a worker serving an account of 100,000 documents). Counted by MariaDB itself: the handler
// reads and temporary-table writes of the session, so a plan that scans or materialises the job
// table shows here, not as a slow test.

const NOW = 1_000_000;
const JOBS = 10_000;
/** Far below the table's size: a few index walks of a batch (30 jobs) each. */
const BOUND = 600;

/** Every 20th job a credit note waiting for the invoice queued just before it. */
const backlog = (realmId: string, count: number): SyncJob[] =>
  Array.from({ length: count }, (_, n) => ({
    jobId: `${realmId}-${n}`,
    accountId: `acc-${realmId}`,
    realmId,
    documentId: `doc-${n}`,
    reason: 'initial-sync' as const,
    ...(n % 20 === 19 ? { after: `doc-${n - 1}` } : {}),
  }));

describe.skipIf(!engines.includes('mysql'))('job table on mysql: rows read per call with 10,000 jobs queued', () => {
  const database = useMigratedDatabase('mysql');

  it('take, takeMore, nextDueAt and an enqueue each read a bounded number of rows, not the job table', async () => {
    (await new SqlSyncQueue(database.current(), new FixedClock(7)).enqueue(backlog('BIG', JOBS)))._unsafeUnwrap();
    await database
      .current()
      .db.connection()
      .execute(async (connection) => {
        const queue = new SqlSyncQueue({ ...database.current(), db: connection }, new FixedClock(7));
        const read = <T>(call: () => Promise<T>) => countRows(connection, call);
        const taken = await read(async () => (await queue.take('w', NOW))._unsafeUnwrap());
        const lease = taken.value as RealmLease;
        expect(lease.jobs).toHaveLength(30);
        const more = await read(async () => (await queue.takeMore(lease, NOW))._unsafeUnwrap());
        expect(more.value).toHaveLength(30);
        const due = await read(async () => (await queue.nextDueAt())._unsafeUnwrap());
        expect(due.value).toBe(lease.expiresAt);
        const enqueued = await read(async () => (await queue.enqueue(backlog('BIG', JOBS + 50).slice(JOBS)))._unsafeUnwrap());
        const rows = { take: taken.rows, takeMore: more.rows, nextDueAt: due.rows, enqueue: enqueued.rows };
        for (const [call, read] of Object.entries(rows)) expect(read, call).toBeLessThan(BOUND);
      });
  });
});
