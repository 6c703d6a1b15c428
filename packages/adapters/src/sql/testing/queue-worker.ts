// A worker process for the concurrency tests: takes realm leases from the database at argv[2] until
// the job table is empty, holding each job a few milliseconds, then prints what it did as one JSON
// line. Its own process, so SQLite sees several connections as in production (one handle per process).
// It says `ready` once its database is open and starts when told `go` on stdin: on a busy machine one
// process can start seconds after another, and would find the table already drained.
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

const [url = '', holder = 'worker', holdText = '2'] = process.argv.slice(2);
const holdMs = Number(holdText);
const wallClock = (): number => performance.timeOrigin + performance.now();

const database = (await openDatabase(url))._unsafeUnwrap();
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();
const queue = new SqlSyncQueue(database, { now: () => Date.now() });
const done: WorkDone[] = [];
for (;;) {
  const lease = (await queue.take(holder, Date.now()))._unsafeUnwrap();
  if (lease === null) {
    const left = await database.db.selectFrom('sync_job').select('seq').limit(1).executeTakeFirst();
    if (left === undefined) break;
    await sleep(1);
    continue;
  }
  for (const leased of lease.jobs) {
    const from = wallClock();
    await sleep(holdMs);
    const to = wallClock();
    done.push({ jobId: leased.job.jobId, realmId: leased.job.realmId, from, to });
    (await queue.complete(lease, leased.job.jobId))._unsafeUnwrap();
  }
  (await queue.release(lease))._unsafeUnwrap();
  // A pause outside the transaction, so one SQLite process does not take every lease (its busy
  // time-out polls; it is not a queue).
  await sleep(0);
}
await database.close();
process.stdout.write(`${JSON.stringify(done)}\n`);
