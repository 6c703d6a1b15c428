import { toDocumentWire, type OgustineDocument, type SyncJobSource } from '@ogustine-qbo/domain';
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

/** The module's queue, counting the takes (how often the loop looked). */
const counted = (source: SyncJobSource) => {
  let takes = 0;
  const wrapped: SyncJobSource = {
    take: (now) => ((takes += 1), source.take(now)),
    complete: (id) => source.complete(id),
    retryLater: (id, at) => source.retryLater(id, at),
    deadLetter: (id, reason) => source.deadLetter(id, reason),
  };
  return { source: wrapped, takes: () => takes };
};

const outcomes = async (metrics: WorkerMetrics): Promise<Record<string, number>> =>
  Object.fromEntries((await metrics.jobs.get()).values.map((v) => [String(v.labels.outcome), v.value]));

let loop: JobLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

const startLoop = (m: InMemoryModule, options: { lanes?: number; idleLookMs?: number; source?: SyncJobSource } = {}) => {
  const metrics = createMetrics({ defaultMetrics: false });
  loop = new JobLoop({
    source: options.source ?? m.queue,
    sync: m.syncDocument,
    clock: m.clock,
    log: createLogger({ level: 'silent' }),
    metrics,
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
});
