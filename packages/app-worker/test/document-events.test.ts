import type { MessageBus } from '@ogustine-qbo/adapters';
import { toDocumentWire, type OgustineDocument } from '@ogustine-qbo/domain';
import { aCompanyProfile, aDocument, InMemoryModule } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { documentEventHandler, type DocumentEventHandlerDeps } from '../src/messages/document-event-handler.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { BUSES, eventually, type OpenedBus } from './buses.js';

const REALM = '9130350000000001';
const encoder = new TextEncoder();

/** Account A1 connected to a ready company, initial sync launched: a newly validated document is sent at once. */
const connectedModule = async (): Promise<InMemoryModule> => {
  const m = new InMemoryModule();
  m.addCompany(aCompanyProfile({ realmId: REALM }));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return m;
};

const fresh = (id: string): OgustineDocument =>
  aDocument({ id, number: id, createdAt: Date.UTC(2024, 5, 1, 7), validatedAt: Date.UTC(2024, 5, 1, 7, 30) });

const eventBody = (eventId: string, doc: OgustineDocument, over: Record<string, unknown> = {}): Uint8Array =>
  encoder.encode(
    JSON.stringify({
      version: 1,
      eventId,
      type: doc.kind === 'invoice' ? 'invoice.validated' : 'credit_note.validated',
      occurredAt: '2024-06-01T07:30:00Z',
      accountId: doc.accountId,
      document: toDocumentWire(doc),
      ...over,
    }),
  );

const publish = async (bus: MessageBus, messageId: string, body: Uint8Array): Promise<void> => {
  (await bus.publish({ routingKey: 'invoice.validated', messageId, body }))._unsafeUnwrap();
};

let opened: OpenedBus | undefined;
afterEach(async () => {
  await opened?.dispose();
  opened = undefined;
});

for (const [name, open] of BUSES) {
  describe(`document events over the ${name}`, () => {
    /** Starts the consumer; `beforeConsuming` publishes what must already wait in the queue. */
    const start = async (
      m: InMemoryModule,
      receive: DocumentEventHandlerDeps['receive'] = m.receiveValidatedDocuments,
      beforeConsuming: (bus: MessageBus) => Promise<void> = async () => {},
    ) => {
      opened = await open();
      await beforeConsuming(opened.bus);
      const metrics = createMetrics({ defaultMetrics: false });
      let wakes = 0;
      const handler = documentEventHandler({
        receive,
        groupSize: 2,
        log: createLogger({ level: 'silent' }),
        metrics,
        onQueued: () => (wakes += 1),
      });
      (await opened.bus.consume(handler))._unsafeUnwrap();
      return { bus: opened.bus, metrics, wakes: () => wakes };
    };

    it('poison messages are dead-lettered with their reason, and the worker goes on with the next one', async () => {
      const m = await connectedModule();
      const { bus, wakes } = await start(m);
      await publish(bus, 'not-json', encoder.encode('{"version": 1,'));
      await publish(bus, 'not-utf8', Uint8Array.from([0x7b, 0xff, 0x7d]));
      await publish(bus, 'v2', encoder.encode('{"version":2,"eventId":"v2"}'));
      await publish(bus, 'bad', eventBody('bad', fresh('D1'), { accountId: 'A2', occurredAt: 'yesterday' }));
      const badDocument = { ...toDocumentWire(fresh('D2')), currency: 'euro' };
      await publish(bus, 'bad-doc', eventBody('bad-doc', fresh('D2'), { document: badDocument }));
      await publish(bus, 'good', eventBody('good', fresh('D3')));
      await eventually(async () => (await bus.deadLetters())._unsafeUnwrap().length === 5, 'five dead letters');
      await eventually(() => m.queue.jobs().length === 1, 'the good one queued');
      const letters = new Map((await bus.deadLetters())._unsafeUnwrap().map((l) => [l.messageId, l]));
      expect(letters.get('not-json')?.reason).toMatch(/^invalid event: the body is not UTF-8 JSON/);
      expect(letters.get('not-utf8')?.reason).toMatch(/^invalid event: the body is not UTF-8 JSON/);
      expect(letters.get('v2')?.reason).toBe('unknown event version: version (range): version 2 is not known: this module reads version 1');
      expect(letters.get('bad')?.issues).toEqual([
        expect.objectContaining({ path: 'occurredAt', code: 'format' }),
        expect.objectContaining({ path: 'accountId', code: 'inconsistent' }),
      ]);
      expect(letters.get('bad-doc')?.issues).toEqual([expect.objectContaining({ path: 'document.currency', code: 'format' })]);
      expect(letters.get('bad-doc')?.reason).toMatch(/^invalid event: document\.currency \(format\)/);
      expect(new TextDecoder().decode(letters.get('not-json')?.body)).toBe('{"version": 1,');
      expect(m.queue.jobs().map((j) => j.documentId)).toEqual(['D3']);
      expect(wakes()).toBe(1);
    });

    it('events in hand are received in groups (at most the group size), each acknowledged once its group is written', async () => {
      const m = await connectedModule();
      const groups: number[] = [];
      const { metrics } = await start(
        m,
        {
          run: async (messages) => {
            groups.push(messages.length);
            // Each group takes its time: the events delivered meanwhile wait and form groups.
            await new Promise((resolve) => setTimeout(resolve, 100));
            return m.receiveValidatedDocuments.run(messages);
          },
        },
        // A backlog already waiting when the worker starts: the broker hands over a prefetch's worth at once,
        // so the events are in hand together whatever the machine's speed (published one by one to a running
        // consumer, a slow machine would see them one at a time, each a group of one).
        async (bus) => {
          for (let i = 1; i <= 12; i += 1) await publish(bus, `evt-${i}`, eventBody(`evt-${i}`, fresh(`D${i}`)));
        },
      );
      await eventually(async () => (await metrics.messages.get()).values.reduce((n, v) => n + v.value, 0) === 12, 'all handled');
      // Two groups run side by side: the jobs are queued once each, not necessarily in the order published.
      expect(
        m.queue
          .jobs()
          .map((j) => j.documentId)
          .sort(),
      ).toEqual(Array.from({ length: 12 }, (_, i) => `D${i + 1}`).sort());
      expect(Math.max(...groups)).toBe(2);
      expect(groups.reduce((a, b) => a + b, 0)).toBe(12);
      expect((await metrics.messages.get()).values).toEqual([expect.objectContaining({ labels: { disposition: 'ack' }, value: 12 })]);
    });

    it('a message delivered twice gives one job', async () => {
      const m = await connectedModule();
      const { bus, metrics } = await start(m);
      const body = eventBody('evt-1', fresh('D1'));
      await publish(bus, 'evt-1', body);
      await publish(bus, 'evt-1', body);
      await eventually(async () => (await metrics.messages.get()).values.reduce((n, v) => n + v.value, 0) === 2, 'both handled');
      expect(m.queue.jobs().map((j) => j.documentId)).toEqual(['D1']);
      expect((await metrics.messages.get()).values).toEqual([expect.objectContaining({ labels: { disposition: 'ack' }, value: 2 })]);
    });

    it('a document validated twice (two events, one document) gives one job', async () => {
      const m = await connectedModule();
      const { bus, metrics } = await start(m);
      await publish(bus, 'evt-a', eventBody('evt-a', fresh('D7')));
      await publish(bus, 'evt-b', eventBody('evt-b', fresh('D7')));
      await eventually(async () => (await metrics.messages.get()).values.reduce((n, v) => n + v.value, 0) === 2, 'both handled');
      expect(m.queue.jobs().map((j) => j.documentId)).toEqual(['D7']);
    });

    it('the job queue out of reach: the message is retried later, then queued once', async () => {
      const m = await connectedModule();
      const { bus, metrics } = await start(m);
      m.queue.failNext(2);
      await publish(bus, 'evt-2', eventBody('evt-2', fresh('D2')));
      await eventually(() => m.queue.jobs().length === 1, 'queued after the retries');
      const counts = Object.fromEntries((await metrics.messages.get()).values.map((v) => [v.labels.disposition, v.value]));
      expect(counts).toEqual({ retry: 2, ack: 1 });
      expect((await bus.deadLetters())._unsafeUnwrap()).toEqual([]);
    });
  });
}
