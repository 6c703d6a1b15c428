import { InProcessBus } from '@ogustine-qbo/adapters/in-process';
import { SWEEP_GRACE_MS, toDocumentWire } from '@ogustine-qbo/domain';
import { aCompanyProfile, aDocument, InMemoryModule } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig, type WorkerConfig } from '../src/config.js';
import { buildContainer } from '../src/composition/container.js';
import { TOKENS } from '../src/composition/tokens.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import type { Worker } from '../src/worker.js';
import { eventually } from './buses.js';

const REALM = '9130350000000001';

const read = readConfig(
  {
    WORKER_BUS: 'in-process',
    WORKER_IDLE_LOOK_MS: '200',
    QBO_CLIENT_ID: 'c',
    QBO_CLIENT_SECRET: 's',
    QBO_REDIRECT_URI: 'http://127.0.0.1/cb',
    TOKEN_KEY_ID: 'k',
    TOKEN_KEYS: 'k:x',
    BILLING_CORE_URL: 'http://127.0.0.1/',
    BILLING_CORE_TOKEN: 't',
  },
  'sweep-worker',
);
if ('kind' in read) throw new Error(read.problems.join('; '));
const config: WorkerConfig = read;

let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

/** The worker composed on the in-memory module, with or without the sweep's reads. */
const composedWorker = (m: InMemoryModule, withSweep: boolean) => {
  const metrics = createMetrics({ defaultMetrics: false });
  const c = buildContainer({
    config,
    log: createLogger({ level: 'silent' }),
    metrics,
    clock: m.clock,
    ids: m.ids,
    infrastructure: {
      stores: { ...m, errorHistory: m.errorStore },
      queue: m.queue,
      gateway: m.gateway,
      files: m.files,
      bus: new InProcessBus(),
      progress: m.progress,
      ...(withSweep ? { stalled: m.stalled } : {}),
      readiness: [],
      close: async () => undefined,
    },
  });
  return { worker: c.resolve<Worker>(TOKENS.Worker), metrics };
};

describe('the worker sweeps at start', () => {
  it('a document recorded by a worker that stopped before queueing it is found at the next start and lands in QuickBooks once', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    // The previous worker recorded the document, then stopped: the queue never got its job, the message is gone.
    const doc = aDocument({ id: 'D1', number: 'F-1', createdAt: Date.UTC(2024, 5, 1, 7), validatedAt: Date.UTC(2024, 5, 1, 7, 30) });
    m.queue.failNext();
    expect((await m.receiveValidatedDocument.run({ messageId: 'evt-1', document: toDocumentWire(doc) }))._unsafeUnwrapErr().kind).toBe(
      'queue.unavailable',
    );
    m.clock.advance(SWEEP_GRACE_MS + 1);

    const started = composedWorker(m, true);
    worker = started.worker;
    expect(await worker.start()).toBe(true);
    await eventually(() => qbo.allTransactions().length === 1 && m.queue.jobs().length === 0, 'in QuickBooks');
    await worker.stop();
    expect(qbo.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_F-1']);
    expect(await started.metrics.registry.getSingleMetricAsString('qbo_worker_swept_total')).toContain(
      'qbo_worker_swept_total{what="document-queued",service="qbo-worker"} 1',
    );
  });

  it('without the sweep the same document would wait forever: the sweep is what carries it on', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    (await m.documents.record(aDocument({ id: 'D1', number: 'F-1' }), m.clock.now()))._unsafeUnwrap();
    m.clock.advance(SWEEP_GRACE_MS + 1);
    worker = composedWorker(m, false).worker;
    expect(await worker.start()).toBe(true);
    await worker.stop();
    expect(m.queue.jobs()).toEqual([]);
    expect(qbo.allTransactions()).toEqual([]);
  });
});
