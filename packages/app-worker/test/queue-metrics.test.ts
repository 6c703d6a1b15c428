import { migrateToLatest, openDatabase, readQueueDepth, SqlSyncQueue, type SqlDatabase } from '@ogustine-qbo/adapters/sql';
import { scratchDatabase, type ScratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import { REALM_LEASE_MS, type SyncJob } from '@ogustine-qbo/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../src/observability/health-server.js';
import { createMetrics } from '../src/observability/metrics.js';

// The queue gauges on a real MariaDB job table, read through `/metrics` as Prometheus scrapes them.

const T0 = 1_700_000_000_000;
let now = T0;
const clock = { now: () => now };
let scratch: ScratchDatabase;
let database: SqlDatabase;
let server: HealthServer;

beforeAll(async () => {
  scratch = await scratchDatabase('mysql', 'ops_metrics');
  database = (await openDatabase(scratch.url))._unsafeUnwrap();
  (await migrateToLatest(database))._unsafeUnwrap();
  const metrics = createMetrics({ defaultMetrics: false });
  metrics.watchQueue(async () => {
    const depth = await readQueueDepth(database, clock.now());
    return depth.isOk() ? depth.value : null;
  });
  server = await startHealthServer({ port: 0, host: '127.0.0.1', registry: metrics.registry, checks: [] });
});
afterAll(async () => {
  await server.close();
  await database.close();
  await scratch.drop();
});

const job = (realmId: string, n: number): SyncJob => ({
  jobId: `${realmId}-j${n}`,
  accountId: `A-${realmId}`,
  realmId,
  documentId: `D${n}`,
  reason: 'validated',
});

/** The value of one sample line of the scrape, by its name and labels as printed. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no sample ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
};

const scrape = async (): Promise<string> => (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();

describe('queue metrics on /metrics (MariaDB job table)', () => {
  it('count the jobs by state (due, waiting, leased, dead) and age the live leases; an unreleased lease past its expiry is counted apart', async () => {
    const queue = new SqlSyncQueue(database, clock);
    (await queue.enqueue([job('R1', 1), job('R1', 2), job('R1', 3)]))._unsafeUnwrap();
    now += 1;
    (await queue.enqueue([job('R2', 1), job('R2', 2)]))._unsafeUnwrap();
    const lease = (await queue.take('worker-1', now))._unsafeUnwrap();
    expect(lease?.realmId).toBe('R1');
    if (lease === null) throw new Error('a lease');
    (await queue.retryLater(lease, 'R1-j1', now + 3_600_000))._unsafeUnwrap();
    (await queue.deadLetter(lease, 'R1-j2', 'qbo.validation'))._unsafeUnwrap();
    now += 90_000;

    const text = await scrape();
    const state = (s: string) => sample(text, `qbo_worker_queue_depth{state="${s}",service="qbo-worker"}`);
    expect([state('due'), state('waiting'), state('leased'), state('dead')]).toEqual([2, 1, 1, 1]);
    expect(sample(text, 'qbo_worker_lease_age_seconds{service="qbo-worker"}')).toBe(90);
    expect(sample(text, 'qbo_worker_expired_leases{service="qbo-worker"}')).toBe(0);

    // The worker dies: nobody renews the lease. Past its expiry it is counted as expired, and no lease lives.
    now = lease.expiresAt + 1;
    const later = await scrape();
    expect(sample(later, 'qbo_worker_expired_leases{service="qbo-worker"}')).toBe(1);
    expect(sample(later, 'qbo_worker_lease_age_seconds{service="qbo-worker"}')).toBe(0);
    expect(lease.expiresAt - T0).toBe(REALM_LEASE_MS + 1);
  });
});
