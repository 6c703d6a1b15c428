// One of the bench's worker processes: drains the job table at argv[2] (take a realm, complete its
// jobs, release), then prints what it did (counts, each take's duration, start and end) as one JSON line.
import { performance } from 'node:perf_hooks';
import { SqlSyncQueue, openDatabase } from '@ogustine-qbo/adapters/sql';
import type { ResultAsync } from 'neverthrow';

const [url = '', holder = 'bench-worker'] = process.argv.slice(2);
const wallClock = (): number => performance.timeOrigin + performance.now();

const database = (await openDatabase(url))._unsafeUnwrap();
const queue = new SqlSyncQueue(database, { now: () => Date.now() });
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let busy = 0;

/** As a worker does: `queue.unavailable` (SQLite's busy time-out, a MariaDB hiccup) is retried after a pause. */
const retried = async <T, E extends { readonly kind: string }>(call: () => ResultAsync<T, E>): Promise<T> => {
  for (;;) {
    const result = await call();
    if (result.isOk()) return result.value;
    if (result.error.kind !== 'queue.unavailable') throw new Error(JSON.stringify(result.error));
    busy += 1;
    await pause(5);
  }
};

const takes: number[] = [];
let leases = 0;
let jobs = 0;
const from = wallClock();
for (;;) {
  const started = performance.now();
  const lease = await retried(() => queue.take(holder, Date.now()));
  if (lease !== null) takes.push(performance.now() - started);
  if (lease === null) {
    if ((await retried(() => queue.nextDueAt())) === null) break;
    await pause(1);
    continue;
  }
  leases += 1;
  for (const leased of lease.jobs) {
    await retried(() => queue.complete(lease, leased.job.jobId));
    jobs += 1;
  }
  await retried(() => queue.release(lease));
}
const to = wallClock();
await database.close();
process.stdout.write(`${JSON.stringify({ leases, jobs, busy, takes, from, to })}\n`);
