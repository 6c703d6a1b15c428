import {
  toDocumentWire,
  type JobResult,
  type LeasedJob,
  type OgustineDocument,
  type SyncBatch,
  type SyncJobSource,
} from '@ogustine-qbo/domain';
import { aCompanyProfile, aDocument, InMemoryModule } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { JobLoop } from '../src/jobs/job-loop.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics, type WorkerMetrics } from '../src/observability/metrics.js';
import { eventually } from './buses.js';

const R1 = '9130350000000001';
const R2 = '9130350000000002';

const doc = (accountId: string, n: number): OgustineDocument =>
  aDocument({
    id: `${accountId}-D${n}`,
    accountId,
    number: `${accountId}-${n}`,
    createdAt: Date.UTC(2024, 5, 1, 7),
    validatedAt: Date.UTC(2024, 5, 1, 7, 30),
  });

/** Two accounts, each connected to its own company, initial syncs launched (with nothing to send). */
const twoTenants = async () => {
  const m = new InMemoryModule();
  const qbo1 = m.addCompany(aCompanyProfile({ realmId: R1 }));
  const qbo2 = m.addCompany(aCompanyProfile({ realmId: R2 }));
  for (const [account, realm] of [
    ['A1', R1],
    ['A2', R2],
  ] as const) {
    await m.connect(account, realm);
    (await m.launchInitialSync.run(account))._unsafeUnwrap();
  }
  return { m, qbo1, qbo2 };
};

const receive = async (m: InMemoryModule, d: OgustineDocument): Promise<void> => {
  const outcome = (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
  expect(outcome.kind).toBe('queued');
};

/** The module's queue, counting the takes (how often the loop looked) and the renewals. */
const counted = (source: SyncJobSource) => {
  let takes = 0;
  let leases = 0;
  let renewals = 0;
  const wrapped: SyncJobSource = {
    take: (holder, now) => ((takes += 1), source.take(holder, now).map((lease) => ((leases += lease === null ? 0 : 1), lease))),
    takeMore: (lease, now, max) => source.takeMore(lease, now, max),
    renew: (lease, now) => ((renewals += 1), source.renew(lease, now)),
    complete: (lease, id) => source.complete(lease, id),
    retryLater: (lease, id, at) => source.retryLater(lease, id, at),
    deadLetter: (lease, id, reason) => source.deadLetter(lease, id, reason),
    release: (lease) => source.release(lease),
    nextDueAt: () => source.nextDueAt(),
  };
  return { source: wrapped, takes: () => takes, leases: () => leases, renewals: () => renewals };
};

const outcomes = async (metrics: WorkerMetrics): Promise<Record<string, number>> =>
  Object.fromEntries((await metrics.jobs.get()).values.map((v) => [String(v.labels.outcome), v.value]));

let loop: JobLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

/** A sync that waits for `open()` before each batch it runs (the batch "in hand"). */
const gatedSync = (m: InMemoryModule) => {
  const started: string[] = [];
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  return {
    started,
    open: () => {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    sync: {
      run: (jobs: readonly LeasedJob[]) => {
        started.push(...jobs.map((j) => j.job.documentId));
        return gate.then(() => m.syncBatch.run(jobs));
      },
    },
  };
};

type Settled = (index: number, result: JobResult) => void;

/** A sync that runs each batch, says so (`written`: how), then holds its fates (its PDFs "on their way") until `open()`. */
const heldAfterWriting = (m: InMemoryModule, written: (results: readonly JobResult[], settled?: Settled, written?: () => void) => void) => {
  const batches: string[][] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const sync = {
    run: async (jobs: readonly LeasedJob[], settled?: Settled, told?: () => void) => {
      batches.push(jobs.map((j) => j.job.documentId));
      const results = await m.syncBatch.run(jobs);
      written(results, settled, told);
      await gate;
      return results;
    },
  };
  return { batches, open: () => open(), sync };
};

const startLoop = (
  m: InMemoryModule,
  options: { lanes?: number; idleLookMs?: number; source?: SyncJobSource; sync?: Pick<SyncBatch, 'run'>; renewEveryMs?: number } = {},
) => {
  const metrics = createMetrics({ defaultMetrics: false });
  loop = new JobLoop({
    source: options.source ?? m.queue,
    sync: options.sync ?? m.syncBatch,
    clock: m.clock,
    ...(options.renewEveryMs === undefined ? {} : { renewEveryMs: options.renewEveryMs }),
    log: createLogger({ level: 'silent' }),
    metrics,
    holder: 'test-worker',
    lanes: options.lanes ?? 2,
    idleLookMs: options.idleLookMs ?? 20,
  });
  loop.start();
  return { loop, metrics };
};

describe('the job loop, on the in-memory module', () => {
  it('runs every queued job of two tenants into their own QuickBooks company, once, and completes them', async () => {
    const { m, qbo1, qbo2 } = await twoTenants();
    for (let n = 1; n <= 4; n += 1) await receive(m, doc('A1', n));
    for (let n = 1; n <= 2; n += 1) await receive(m, doc('A2', n));
    const { metrics } = startLoop(m);
    await eventually(() => m.queue.jobs().length === 0, 'queue drained');
    expect(qbo1.allTransactions().map((t) => t.docNumber)).toEqual(['A1-1', 'A1-2', 'A1-3', 'A1-4'].map((n) => `OGUSTINE_${n}`));
    expect(qbo2.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_A2-1', 'OGUSTINE_A2-2']);
    expect(await outcomes(metrics)).toEqual({ synced: 6 });
  });

  it('dead-letters a job whose document was never recorded, and goes on', async () => {
    const { m, qbo1 } = await twoTenants();
    (await m.queue.enqueue([{ jobId: 'ghost', accountId: 'A1', realmId: R1, documentId: 'never-seen', reason: 'resync' }]))._unsafeUnwrap();
    await receive(m, doc('A1', 1));
    const { metrics } = startLoop(m);
    await eventually(() => m.queue.jobs().length === 0, 'queue drained');
    expect(m.queue.deadLetters).toEqual([{ job: expect.objectContaining({ jobId: 'ghost' }), reason: 'sync.document-unknown' }]);
    expect(qbo1.allTransactions()).toHaveLength(1);
    expect(await outcomes(metrics)).toEqual({ 'sync.document-unknown': 1, synced: 1 });
  });

  it('a throttled job waits for its retry time: the loop keeps looking without running it, then runs it once the time comes', async () => {
    const { m, qbo1 } = await twoTenants();
    qbo1.throttleNext(1);
    await receive(m, doc('A1', 1));
    const { source, takes } = counted(m.queue);
    const { metrics } = startLoop(m, { lanes: 1, source });
    await eventually(async () => (await outcomes(metrics))['postponed'] === 1, 'postponed once');
    const looksAfterPostpone = takes();
    await eventually(() => takes() >= looksAfterPostpone + 3, 'the loop looked again');
    expect(await outcomes(metrics)).toEqual({ postponed: 1 });
    expect(qbo1.allTransactions()).toHaveLength(0);
    m.clock.advance(60_000);
    await eventually(() => qbo1.allTransactions().length === 1, 'sent after the retry time');
    expect(await outcomes(metrics)).toEqual({ postponed: 1, synced: 1 });
  });

  it('asleep for a long while with nothing due, it wakes at once when told a document was queued', async () => {
    const { m, qbo1 } = await twoTenants();
    const { loop: started } = startLoop(m, { lanes: 1, idleLookMs: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the lane found nothing and sleeps
    await receive(m, doc('A1', 1));
    started.wake();
    await eventually(() => qbo1.allTransactions().length === 1, 'sent after the wake');
  });

  it('goes on when the queue does not answer for a while', async () => {
    const { m, qbo1 } = await twoTenants();
    await receive(m, doc('A1', 1));
    m.queue.failNext(3);
    startLoop(m, { lanes: 1 });
    await eventually(() => qbo1.allTransactions().length === 1 && m.queue.jobs().length === 0, 'sent and completed');
  });

  it('once stopped it takes no new job', async () => {
    const { m, qbo1 } = await twoTenants();
    const { loop: started } = startLoop(m);
    await started.stop();
    await receive(m, doc('A1', 1));
    started.wake();
    // stop() resolved once every lane had ended: there is no lane left to take the job.
    await new Promise((resolve) => setImmediate(resolve));
    expect(m.queue.jobs()).toHaveLength(1);
    expect(qbo1.allTransactions()).toHaveLength(0);
  });

  it('renews its lease while a job is in hand, and releases it after the batch', async () => {
    const { m, qbo1 } = await twoTenants();
    await receive(m, doc('A1', 1));
    const { source, renewals } = counted(m.queue);
    const gated = gatedSync(m);
    startLoop(m, { lanes: 1, source, sync: gated.sync, renewEveryMs: 20 });
    await eventually(() => gated.started.length === 1, 'the job in hand');
    await eventually(() => renewals() >= 2, 'renewed twice while working');
    gated.open();
    await eventually(() => qbo1.allTransactions().length === 1 && m.queue.jobs().length === 0, 'sent');
    const renewedWhileWorking = renewals();
    await receive(m, doc('A1', 2));
    // Released: the realm can be taken at once by another worker.
    const lease = (await m.queue.take('another-worker', m.clock.now()))._unsafeUnwrap();
    expect(lease?.jobs.map((j) => j.job.documentId)).toEqual(['A1-D2']);
    expect(renewals()).toBe(renewedWhileWorking);
  });

  it('while a batch’s PDFs are on their way, it begins the lease’s next jobs, then takes more under the same lease; the first batch is of 10', async () => {
    const { m, qbo1 } = await twoTenants();
    for (let n = 1; n <= 35; n += 1) await receive(m, doc('A1', n));
    // Each batch tells its first fate, then holds the others.
    const { batches, open, sync } = heldAfterWriting(m, (results, settled) => settled?.(0, results[0] as JobResult));
    startLoop(m, { lanes: 1, sync });
    await eventually(() => batches.length === 2, 'a second batch begun while the first is in hand');
    // The lease's 30: a first batch of 10 (its PDFs soon under way), then the other 20.
    expect(batches[0]).toEqual(Array.from({ length: 10 }, (_, i) => `A1-D${i + 1}`));
    expect(batches[1]).toEqual(Array.from({ length: 20 }, (_, i) => `A1-D${i + 11}`));
    expect((await m.queue.take('another-worker', m.clock.now()))._unsafeUnwrap()).toBeNull();
    open();
    await eventually(() => m.queue.jobs().length === 0, 'every fate told');
    expect(qbo1.allTransactions()).toHaveLength(35);
    // The other 5 taken under the same lease.
    expect(batches).toHaveLength(3);
    expect(batches[2]).toEqual(Array.from({ length: 5 }, (_, i) => `A1-D${i + 31}`));
  });

  it('once QBO answered a batch’s transactions (no fate told yet: its PDFs on their way), it begins the realm’s next batch', async () => {
    const { m, qbo1 } = await twoTenants();
    for (let n = 1; n <= 35; n += 1) await receive(m, doc('A1', n));
    // Each batch says it is written, then holds every fate.
    const { batches, open, sync } = heldAfterWriting(m, (_results, _settled, written) => written?.());
    startLoop(m, { lanes: 1, sync });
    await eventually(() => batches.length === 2, 'a second batch begun before any fate of the first is told');
    expect(batches[1]).toEqual(Array.from({ length: 20 }, (_, i) => `A1-D${i + 11}`));
    open();
    await eventually(() => m.queue.jobs().length === 0, 'every fate told');
    expect(qbo1.allTransactions()).toHaveLength(35);
  });

  it('a realm alone keeps its lease for as long as it has jobs due: 21 batches under one lease (none drained to take it again)', async () => {
    const { m, qbo1 } = await twoTenants();
    for (let n = 1; n <= 21 * 30; n += 1) await receive(m, doc('A1', n));
    const { source, leases } = counted(m.queue);
    startLoop(m, { lanes: 1, source });
    await eventually(() => m.queue.jobs().length === 0, 'the backlog done', 60_000);
    expect(qbo1.allTransactions()).toHaveLength(21 * 30);
    expect(leases()).toBe(1);
  }, 90_000);

  it('on stop, the batch in hand runs to its outcomes, and nothing more is taken', async () => {
    const { m, qbo1 } = await twoTenants();
    for (let n = 1; n <= 3; n += 1) await receive(m, doc('A1', n));
    const gated = gatedSync(m);
    const { loop: started } = startLoop(m, { lanes: 1, sync: gated.sync });
    await eventually(() => gated.started.length === 3, 'the batch in hand');
    const stopping = started.stop();
    await receive(m, doc('A1', 4));
    gated.open();
    await stopping;
    expect(gated.started).toEqual(['A1-D1', 'A1-D2', 'A1-D3']);
    expect(qbo1.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_A1-1', 'OGUSTINE_A1-2', 'OGUSTINE_A1-3']);
    const lease = (await m.queue.take('another-worker', m.clock.now()))._unsafeUnwrap();
    expect(lease?.jobs.map((j) => [j.job.documentId, j.deliveries])).toEqual([['A1-D4', 0]]);
  });

  it('a lease lost while a batch is in hand (expired, another worker took the realm): it stops working on that realm', async () => {
    const { m, qbo1 } = await twoTenants();
    for (let n = 1; n <= 3; n += 1) await receive(m, doc('A1', n));
    const gated = gatedSync(m);
    const { metrics } = startLoop(m, { lanes: 1, sync: gated.sync, renewEveryMs: 600_000 });
    await eventually(() => gated.started.length === 3, 'the batch in hand');
    m.queue.abandonLeases();
    const other = (await m.queue.take('another-worker', m.clock.now()))._unsafeUnwrap();
    expect(other?.jobs.map((j) => j.job.documentId)).toEqual(['A1-D1', 'A1-D2', 'A1-D3']);
    gated.open();
    await eventually(async () => (await outcomes(metrics))['synced'] === 1, 'the batch ran, its first fate told');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Told once: the lease lost, the other fates are left to the worker that holds the realm now.
    expect(await outcomes(metrics)).toEqual({ synced: 1 });
    // The first worker's posts are in QBO (the write protocol makes the other worker's runs adopt them, never post again).
    expect(qbo1.allTransactions()).toHaveLength(3);
    expect(m.queue.jobs()).toHaveLength(3);
  });
});
