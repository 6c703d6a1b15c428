// The stores and the job table at scale, on each engine: prints figures, asserts nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FixedClock } from '@ogustine-qbo/domain/testing';
import {
  SqlDocumentStore,
  SqlErrorHistoryStore,
  SqlSyncQueue,
  SqlSyncRecordStore,
  migrateToLatest,
  openDatabase,
  type Engine,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import type { ResultAsync } from 'neverthrow';
import { scratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import { DAY, T0, seedAccount, type AccountShape } from './seed.js';
import { ms, percentiles } from './timing.js';

const ENGINES = (process.env['BENCH_ENGINES'] ?? 'sqlite,mysql').split(',') as Engine[];
const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 100_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 1_000);
const ACCOUNTS = 50;
const BIG = 'account-big';
const WORKERS = 4;
const JOBS_PER_REALM = 400;

const shapes: readonly AccountShape[] = [
  { accountId: BIG, documents: DOCUMENTS, errors: 5_000 },
  ...Array.from({ length: ACCOUNTS - 1 }, (_, i) => ({ accountId: `account-${i}`, documents: 200, errors: 20 })),
];

const random = (n: number): number => Math.floor(Math.random() * n);
const ok = async <T, E>(result: ResultAsync<T, E>): Promise<T> => (await result)._unsafeUnwrap();

const benchStores = async (database: SqlDatabase): Promise<void> => {
  const documents = new SqlDocumentStore(database);
  const errors = new SqlErrorHistoryStore(database);
  const records = new SqlSyncRecordStore(database);
  const span = DOCUMENTS * 300_000;
  const report = (what: string, p: { p50: number; p95: number }, count = REQUESTS): void =>
    console.log(`  ${what.padEnd(52)} p50 ${ms(p.p50).padStart(10)}   p95 ${ms(p.p95).padStart(10)}   (${count} requests)`);

  report(
    'preview: a page of 50 documents not in QBO',
    await percentiles(REQUESTS, () => ok(documents.page(BIG, { inQuickBooks: false, createdFrom: T0 + random(span) }))),
  );
  report(
    'documents: a page of 50 from a random day',
    await percentiles(REQUESTS, () => ok(documents.page(BIG, { createdFrom: T0 + random(span) }))),
  );
  report(
    'error history: a page of 50, newest first',
    await percentiles(REQUESTS, () => ok(errors.page(BIG, { occurredBefore: T0 + random(5_000) * 600_000 }))),
  );
  report(
    'error history: a page of 50 open errors',
    await percentiles(REQUESTS, () => ok(errors.page(BIG, { states: ['open'], occurredBefore: T0 + random(5_000) * 600_000 }))),
  );
  report(
    'status of a document (document, record, errors)',
    await percentiles(REQUESTS, async (i) => {
      const id = `D${(i * 7919) % DOCUMENTS}`;
      await ok(documents.get(BIG, id));
      await ok(records.get(BIG, id));
      await ok(errors.forDocument(BIG, id));
    }),
  );
  const summaries = Math.max(10, Math.floor(REQUESTS / 10));
  report(
    'preview: counts and totals from a random day',
    await percentiles(summaries, () => ok(documents.summarize(BIG, { inQuickBooks: false, createdFrom: T0 + random(span) }))),
    summaries,
  );
  report(
    'error groups: tally of unresolved causes',
    await percentiles(summaries, () => ok(errors.tallyByCause(BIG, 'unresolved'))),
    summaries,
  );
};

const WORKER = fileURLToPath(new URL('./lease-worker.ts', import.meta.url));

const runWorker = (
  url: string,
  holder: string,
): Promise<{ leases: number; jobs: number; busy: number; takes: number[]; from: number; to: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ogustine-qbo/source', WORKER, url, holder], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`lease worker exited ${code}`))));
  });

const benchLeases = async (database: SqlDatabase, url: string): Promise<void> => {
  const queue = new SqlSyncQueue(database, new FixedClock(T0));
  const jobs = shapes.flatMap((shape, a) =>
    Array.from({ length: JOBS_PER_REALM }, (_, n) => ({
      jobId: `job-${a}-${n}`,
      accountId: shape.accountId,
      realmId: `realm-${a}`,
      documentId: `D${n}`,
      reason: n % 2 === 0 ? ('validated' as const) : ('initial-sync' as const),
    })),
  );
  await ok(queue.enqueue(jobs));
  const results = await Promise.all(Array.from({ length: WORKERS }, (_, i) => runWorker(url, `worker-${i}`)));
  const seconds = (Math.max(...results.map((r) => r.to)) - Math.min(...results.map((r) => r.from))) / 1000;
  const leases = results.reduce((sum, r) => sum + r.leases, 0);
  const done = results.reduce((sum, r) => sum + r.jobs, 0);
  const busy = results.reduce((sum, r) => sum + r.busy, 0);
  const takes = results.flatMap((r) => r.takes).sort((a, b) => a - b);
  const at = (q: number): number => takes[Math.min(takes.length - 1, Math.floor(q * takes.length))] ?? Number.NaN;
  console.log(
    `  job table: ${WORKERS} worker processes drained ${done} jobs of ${ACCOUNTS} realms in ${seconds.toFixed(1)} s: ` +
      `${(leases / seconds).toFixed(1)} leases/s, ${(done / seconds).toFixed(0)} jobs/s (each job completed in its own transaction, each lease released; ` +
      `${busy} calls retried after queue.unavailable); one take: p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))} over ${takes.length} leases`,
  );
};

for (const engine of ENGINES) {
  const scratch = await scratchDatabase(engine, 'bench');
  const database = (await openDatabase(scratch.url))._unsafeUnwrap();
  try {
    await ok(migrateToLatest(database));
    const seeding = Date.now();
    for (const shape of shapes) await seedAccount(database, shape);
    console.log(
      `${engine}: ${ACCOUNTS} accounts, ${DOCUMENTS} documents and 5000 error records in the biggest (seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s)`,
    );
    await benchStores(database);
    await benchLeases(database, scratch.url);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
console.log(`(one day = ${DAY} ms; figures from ${process.platform}, Node ${process.version})`);
