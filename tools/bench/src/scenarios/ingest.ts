import { sql } from 'kysely';
import { spread } from '../figures/percentile.js';
import { ACCOUNT, openRun, until, type BenchRun } from '../world/bench-run.js';
import { initialSyncWorkload, workloadDocuments } from '../world/documents.js';
import { watchQueuedJobs } from '../world/queued-times.js';
import { openSqlCountingProxy } from '../world/sql-counting-proxy.js';
import { throughProxy } from '../world/tcp-proxy.js';
import { eventOf } from './initial-sync.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

/**
 * Ingest: document events published to RabbitMQ as fast as the broker confirms them, consumed by
 * the worker, stored, decided and queued on MariaDB (its durable defaults). The account is connected
 * and its initial sync launched (on an empty history), so each new document is decided "send now"
 * and queued; the worker meanwhile sends what it can to QBO, as in production.
 */
export const ingest = async (o: ScenarioOptions): Promise<ScenarioResult> => {
  const count = o.documents ?? 20_000;
  const documents = [...workloadDocuments({ ...initialSyncWorkload(ACCOUNT, count), accountId: ACCOUNT })];
  const run = await openRun({ scenario: 'ingest', scale: o.scale, latencyMs: o.latencyMs });
  try {
    const durability = await sql<{ v: string }>`SELECT @@innodb_flush_log_at_trx_commit AS v`.execute(run.module.database.db);
    const target = new URL(run.module.databaseUrl);
    const proxy = o.countSql ? await openSqlCountingProxy({ host: target.hostname, port: Number(target.port || 3306) }) : null;
    const worker = await run.startWorkerProcess(proxy === null ? {} : { DATABASE_URL: throughProxy(run.module.databaseUrl, proxy) });
    await run.module.connect(run.sandboxes, ACCOUNT);
    await run.module.launch(ACCOUNT);
    // The history (empty) imported first: the documents added below reach the module by their events only.
    if (!(await until(() => run.module.historyImportDone(ACCOUNT), 120_000, 100))) throw new Error('the history import did not end');
    run.sandboxes.slowDown();
    run.sandboxes.billing.admin.addDocuments(ACCOUNT, documents);
    const queued = await watchQueuedJobs(run.module.database);
    console.log(`  connected, initial sync launched on an empty history; publishing ${count} events`);

    // Publish times on the database server's clock (same machine): the offset is measured once.
    const offset = (await queued.now()) - Date.now();
    const publishedAt = new Map<string, number>();
    const cpuBefore = worker.cpuSeconds();
    const fsyncsBefore = await fsyncs(run);
    const sqlBefore = proxy?.counts() ?? new Map();
    const start = Date.now();
    let pending: Promise<void>[] = [];
    for (const document of documents) {
      publishedAt.set(document.id, Date.now() + offset);
      pending.push(run.sandboxes.publisher.publish(eventOf(document)));
      if (pending.length >= 500) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
    const publishSeconds = (Date.now() - start) / 1000;
    console.log(`  published in ${publishSeconds.toFixed(1)} s; waiting for every job to be queued`);
    const all = await until(async () => (await queued.count()) >= count, o.timeoutMs, 250);
    // The worker also sends what it can to QBO meanwhile: its CPU per event includes that share.
    const cpuMsPerEvent = ((worker.cpuSeconds() - cpuBefore) * 1000) / count;
    const fsyncsPerEvent = ((await fsyncs(run)) - fsyncsBefore) / count;
    const sqlCounted = proxy === null ? {} : sqlFigures(sqlBefore, proxy.counts(), count);
    await proxy?.close();
    const times = await queued.times();
    const lastQueued = Math.max(...times.values());
    const took = [...publishedAt].flatMap(([id, at]) => {
      const q = times.get(id);
      return q === undefined ? [] : [q - at];
    });
    const latency = spread(took);
    return {
      options: { events: count, innodb_flush_log_at_trx_commit: durability.rows[0]?.v ?? '?' },
      figures: {
        'all queued (1 = yes)': all ? 1 : 0,
        'jobs queued': times.size,
        'events per second (first publish to last job queued)': times.size / ((lastQueued - (start + offset)) / 1000),
        'events per second published (broker confirms)': count / publishSeconds,
        'publish to queued p50 ms': latency.p50,
        'publish to queued p99 ms': latency.p99,
        'worker CPU ms per event (user + system, while ingesting)': cpuMsPerEvent,
        'InnoDB fsyncs per event (the whole server: other databases too)': fsyncsPerEvent,
        ...sqlCounted,
      },
    };
  } finally {
    await run.close();
  }
};

/** The server's fsyncs so far (data and redo log; `innodb_flush_log_at_trx_commit=1` syncs the log at each commit). */
const fsyncs = async (run: BenchRun): Promise<number> => {
  const rows = await sql<{ Value: string }>`SHOW GLOBAL STATUS LIKE 'Innodb_data_fsyncs'`.execute(run.module.database.db);
  return Number(rows.rows[0]?.Value ?? Number.NaN);
};

type SqlCounts = ReadonlyMap<string, { readonly commands: number; readonly bytes: number }>;

/** What the worker sent its database while ingesting (the job loop's share included), per event. */
const sqlFigures = (before: SqlCounts, after: SqlCounts, events: number): Record<string, number> => {
  const figures: Record<string, number> = {};
  let commands = 0;
  let bytes = 0;
  for (const [kind, c] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
    const n = c.commands - (before.get(kind)?.commands ?? 0);
    commands += n;
    bytes += c.bytes - (before.get(kind)?.bytes ?? 0);
    if (n > 0) figures[`sql ${kind} per event`] = n / events;
  }
  return { 'sql round trips per event': commands / events, 'sql bytes sent per event': bytes / events, ...figures };
};
