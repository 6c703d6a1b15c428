import { existsSync } from 'node:fs';
import { isRunComplete, parseDocument } from '@ogustine-qbo/domain';
import { SqlDocumentStore } from '@ogustine-qbo/adapters/sql';
import { ACCOUNT, openRun, until, type BenchRun } from '../world/bench-run.js';
import { initialSyncWorkload, workloadDocuments, type Workload } from '../world/documents.js';
import { qboFigures } from '../world/qbo-figures.js';
import { BUILT_WORKER_MAIN } from '../world/worker-process.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

const MB = 1024 * 1024;
/** Documents recorded per transaction while seeding (as the stores bench does). */
const SEED_BATCH = 1_000;
/** Where the worker's resident set is written down, in documents settled (and at the end). */
const SETTLED_MARKS = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000];

/**
 * The account's history written through the module's own document store, as the receipt of each
 * document's event would record it before the launch (recorded, decided "initial sync not launched",
 * nothing queued): 100,000 events through the broker would take longer than the sync itself on a
 * small machine, and the worker's memory under the sync is what is measured.
 */
const seedHistory = async (run: BenchRun, workload: Workload): Promise<number> => {
  const database = run.module.database;
  const receivedAt = run.module.clock.now();
  let count = 0;
  let batch: unknown[] = [];
  const flush = async (): Promise<void> => {
    const documents = batch;
    batch = [];
    await database.db.transaction().execute(async (trx) => {
      const store = new SqlDocumentStore({ ...database, db: trx });
      for (const wire of documents) {
        const parsed = parseDocument(wire);
        if (parsed.isErr()) throw new Error(`the bench's document does not parse: ${JSON.stringify(parsed.error)}`);
        (await store.record(parsed.value, receivedAt))._unsafeUnwrap();
      }
    });
    count += documents.length;
    if (count % 20_000 === 0) console.log(`  ${count} documents recorded`);
  };
  for (const document of workloadDocuments(workload)) {
    batch.push(document);
    if (batch.length >= SEED_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return count;
};

/** The worker's resident set: now and its high-water mark (`VmHWM`, kept by the kernel: no peak between two samples is missed). */
const memoryOf = (run: BenchRun) => {
  const worker = run.workers()[0];
  if (worker === undefined) throw new Error('no worker process');
  return worker.memory();
};

/**
 * Memory: peak RSS of the worker process through an initial sync of 100,000 documents without PDFs
 * (« Joindre le PDF Ogustine » off), the worker's high-water mark read from the kernel at the end,
 * and its resident set sampled as the run moves on (a worker whose memory grows with the account
 * shows it as a slope, not only as a peak).
 */
export const memory = async (o: ScenarioOptions): Promise<ScenarioResult> => {
  const workload = initialSyncWorkload(ACCOUNT, o.documents ?? 100_000);
  const run = await openRun({ scenario: 'memory', scale: o.scale, latencyMs: o.latencyMs });
  try {
    const seedStart = Date.now();
    const seeded = await seedHistory(run, workload);
    console.log(`  ${seeded} documents recorded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s; starting the worker`);
    if (!existsSync(BUILT_WORKER_MAIN)) throw new Error('memory measures the worker as production runs it: run `npm run build` first');
    await run.startWorkerProcess(undefined, 'built');
    await run.module.connect(run.sandboxes, ACCOUNT);
    await run.module.attachPdf(ACCOUNT, false);
    const atStart = memoryOf(run);
    console.log(`  connected, PDFs off; worker at ${(atStart.rssBytes / MB).toFixed(0)} MB; launching the initial sync`);
    run.sandboxes.qbo.admin.clearRequests();
    run.sandboxes.slowDown();

    const startedAt = Date.now();
    const { runId, queued } = await run.module.launch(ACCOUNT);
    console.log(`  launched: ${queued} queued in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    /** Resident set as the documents settle: a flat line, or a slope with the account (also over a run cut short by --timeout). */
    const bySettled: Record<string, number> = {};
    const marks = SETTLED_MARKS.filter((m) => m < seeded).concat(seeded);
    let settled = 0;
    const done = await until(
      async () => {
        const r = (await run.module.stores.runs.get(ACCOUNT, runId))._unsafeUnwrap();
        if (r === null) return false;
        settled = r.sent + r.failed + r.held;
        const mark = marks.filter((m) => m <= settled).at(-1);
        const key = `worker RSS MB at ${mark} settled`;
        if (mark !== undefined && bySettled[key] === undefined) {
          const now = memoryOf(run);
          bySettled[key] = now.rssBytes / MB;
          console.log(
            `  ${settled} settled; worker RSS ${(now.rssBytes / MB).toFixed(0)} MB, peak ${(now.highWaterBytes / MB).toFixed(0)} MB`,
          );
        }
        return isRunComplete(r);
      },
      o.timeoutMs,
      500,
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const end = memoryOf(run);
    const qbo = qboFigures(run.sandboxes, []);
    if (!done) console.warn(`  the run did not complete within ${o.timeoutMs} ms: ${settled} of ${seeded} settled`);
    for (const [what, n] of Object.entries(run.troubles())) console.warn(`  worker: ${n} × ${what}`);
    return {
      options: { documents: seeded, customers: workload.customers, services: workload.services, pdf: false, queued },
      figures: {
        'completed (1 = yes)': done ? 1 : 0,
        'documents settled': settled,
        'seconds (wall clock)': seconds,
        'worker peak RSS MB (VmHWM)': end.highWaterBytes / MB,
        'worker peak RSS MB (sampled every 100 ms)': end.sampledPeakBytes / MB,
        'worker RSS MB before the launch': atStart.rssBytes / MB,
        ...bySettled,
        'worker RSS MB at the end': end.rssBytes / MB,
        'requests per document': qbo.requests / Math.max(1, settled),
        'transactions in QBO': qbo.transactions,
        duplicates: qbo.duplicates,
      },
    };
  } finally {
    await run.close();
  }
};
