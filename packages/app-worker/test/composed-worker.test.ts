import { toDocumentWire, type SyncProgressEvent } from '@ogustine-qbo/domain';
import { aCompanyProfile, aDocument, InMemoryModule } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContainer } from '../src/composition/container.js';
import { TOKENS } from '../src/composition/tokens.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import type { Worker } from '../src/worker.js';
import { BUSES, eventually, type OpenedBus } from './buses.js';
import { noKeepAlive, testWorkerConfig } from './composed.js';

const REALM = '9130350000000001';
const encoder = new TextEncoder();

const config = testWorkerConfig({ WORKER_IDLE_LOOK_MS: '200', WORKER_REALMS_AT_ONCE: '2' });

let opened: OpenedBus | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await opened?.dispose();
  worker = undefined;
  opened = undefined;
});

for (const [name, open] of BUSES) {
  describe(`the worker as composed by its container, over the ${name}`, () => {
    it('an event published by the billing core becomes one transaction in QuickBooks, with progress out; SIGTERM-style stop settles all', async () => {
      const m = new InMemoryModule();
      const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
      await m.connect('A1', REALM);
      (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
      opened = await open();
      const progress: SyncProgressEvent[] = [];
      m.progress.subscribe('A1', (e) => progress.push(e));
      const c = buildContainer({
        config,
        log: createLogger({ level: 'silent' }),
        metrics: createMetrics({ defaultMetrics: false }),
        clock: m.clock,
        ids: m.ids,
        infrastructure: {
          stores: { ...m, errorHistory: m.errorStore },
          queue: m.queue,
          gateway: m.gateway,
          keepConnectionsAlive: noKeepAlive,
          files: m.files,
          bus: opened.bus,
          progress: m.progress,
          readiness: [],
          close: async () => undefined,
        },
      });
      worker = c.resolve<Worker>(TOKENS.Worker);
      expect(await worker.start()).toBe(true);
      const doc = aDocument({ id: 'D1', number: 'F-1', createdAt: Date.UTC(2024, 5, 1, 7), validatedAt: Date.UTC(2024, 5, 1, 7, 30) });
      const body = encoder.encode(
        JSON.stringify({
          version: 1,
          eventId: 'evt-1',
          type: 'invoice.validated',
          occurredAt: '2024-06-01T07:30:00Z',
          accountId: 'A1',
          document: toDocumentWire(doc),
        }),
      );
      for (let i = 0; i < 2; i += 1)
        (await opened.bus.publish({ routingKey: 'invoice.validated', messageId: 'evt-1', body }))._unsafeUnwrap();
      await eventually(() => qbo.allTransactions().length === 1 && m.queue.jobs().length === 0, 'in QuickBooks');
      await worker.stop();
      expect(qbo.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_F-1']);
      expect(progress).toContainEqual(expect.objectContaining({ kind: 'progress.document', documentId: 'D1', status: 'sent' }));
      expect(worker.stopping).toBe(true);
    });
  });
}
