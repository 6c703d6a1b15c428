// A worker process for the concurrency tests: leases jobs from the database at argv[2] until the job
// table is empty, holding each job a few milliseconds, then prints what it did as one JSON line.
// Run as its own process, so SQLite sees several connections as in production (one handle per process).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlSyncQueue } from '../jobs/sql-sync-queue.js';
import { openDatabase } from '../database.js';

export interface WorkDone {
  readonly jobId: string;
  readonly realmId: string;
  /** Wall-clock instants (ms, sub-millisecond precision) shared by every process of the machine. */
  readonly from: number;
  readonly to: number;
}

const [url = '', holdText = '2'] = process.argv.slice(2);
const holdMs = Number(holdText);
const wallClock = (): number => performance.timeOrigin + performance.now();

const database = (await openDatabase(url))._unsafeUnwrap();
const queue = new SqlSyncQueue(database, { now: () => Date.now() });
const done: WorkDone[] = [];
for (;;) {
  const leased = (await queue.take(Date.now()))._unsafeUnwrap();
  if (leased === null) {
    const left = await database.db.selectFrom('sync_job').select('seq').limit(1).executeTakeFirst();
    if (left === undefined) break;
    await sleep(1);
    continue;
  }
  const from = wallClock();
  await sleep(holdMs);
  const to = wallClock();
  done.push({ jobId: leased.job.jobId, realmId: leased.job.realmId, from, to });
  (await queue.complete(leased.job.jobId))._unsafeUnwrap();
  // A pause outside the transaction, so one SQLite process does not take every lease (its busy
  // time-out polls; it is not a queue).
  await sleep(0);
}
await database.close();
process.stdout.write(`${JSON.stringify(done)}\n`);
