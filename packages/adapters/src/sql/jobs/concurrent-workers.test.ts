import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FixedClock } from '@ogustine-qbo/domain/testing';
import { describe, expect, it } from 'vitest';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import type { WorkDone } from '../testing/queue-worker.js';
import { SqlSyncQueue } from './sql-sync-queue.js';

// Several worker processes, each with its own connection, drain one job table: no realm is ever in
// two workers' hands at once, and every job is done exactly once, in its realm's order (one lane, no
// `after`: enqueue order).

const WORKER = fileURLToPath(new URL('../testing/queue-worker.ts', import.meta.url));
const WORKERS = 4;
const REALMS = 6;
const JOBS_PER_REALM = 12;

interface WorkerChild {
  /** Resolves once the worker's database is open and it waits for `go`. */
  readonly ready: Promise<void>;
  go(): void;
  readonly done: Promise<readonly WorkDone[]>;
}

const startWorker = (url: string, holder: string): WorkerChild => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ogustine-qbo/source', WORKER, url, holder, '2'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let errors = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const done = new Promise<readonly WorkDone[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length)) as WorkDone[]) : reject(new Error(`worker exited ${code}: ${errors}`)),
    );
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), go: () => child.stdin.end('go\n'), done };
};

const overlapping = (work: readonly (WorkDone & { worker: number })[]): string[] => {
  const found: string[] = [];
  for (const a of work)
    for (const b of work)
      if (a.worker < b.worker && a.realmId === b.realmId && a.from < b.to && b.from < a.to)
        found.push(`${a.realmId}: ${a.jobId} (worker ${a.worker}) and ${b.jobId} (worker ${b.worker})`);
  return found;
};

describe.each(engines)('%s job table with several worker processes', (engine) => {
  const database = useMigratedDatabase(engine);

  it('never leases one realm to two workers at once; every job is done exactly once, in its realm’s order', async () => {
    const queue = new SqlSyncQueue(database.current(), new FixedClock(0));
    const jobs = Array.from({ length: REALMS * JOBS_PER_REALM }, (_, i) => ({
      jobId: `job-${String(i).padStart(3, '0')}`,
      accountId: `A${i % REALMS}`,
      realmId: `R${i % REALMS}`,
      documentId: `D${i}`,
      reason: 'validated' as const,
    }));
    (await queue.enqueue(jobs))._unsafeUnwrap();

    // Every worker started and connected before any takes a lease, so that they really run side by side.
    const children = Array.from({ length: WORKERS }, (_, i) => startWorker(database.url(), `worker-${i}`));
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.done));
    const work = results.flatMap((done, worker) => done.map((w) => ({ ...w, worker })));

    expect(overlapping(work)).toEqual([]);
    expect(work.map((w) => w.jobId).sort()).toEqual(jobs.map((j) => j.jobId));
    for (let r = 0; r < REALMS; r += 1) {
      const inRealm = work.filter((w) => w.realmId === `R${r}`).sort((a, b) => a.from - b.from);
      expect(inRealm.map((w) => w.jobId)).toEqual(jobs.filter((j) => j.realmId === `R${r}`).map((j) => j.jobId));
    }
    // The test means something only if the workers really ran side by side.
    expect(results.filter((done) => done.length > 0).length).toBeGreaterThan(1);
  });
});
