import { randomUUID } from 'node:crypto';
import type { DocumentEvent } from '@ogustine-qbo/billing-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './buses.js';
import { docNumberOf, openLiveWorld, type LiveWorld } from './test-support/live-world.js';
import type { WorkerProcess } from './test-support/worker-process.js';

/*
 * At-least-once delivery and a billing core that validates twice, over RabbitMQ: the same event
 * published twice, and a second event (another eventId) for the same document, consumed by two
 * worker processes at once. The QBO sandbox must hold one transaction for the document.
 */

const ACCOUNT = 'D1';

let world: LiveWorld;
let workers: WorkerProcess[];
beforeAll(async () => {
  world = await openLiveWorld({ name: 'duplicates', scale: 0.01, accounts: [{ accountId: ACCOUNT }] });
  await world.connect(ACCOUNT);
  workers = [await world.startWorker(), await world.startWorker()];
  await world.imported(ACCOUNT);
  await world.launch(ACCOUNT);
});
afterAll(async () => {
  await world.close();
});

/** Lines the workers logged for a handled event. */
const handled = (eventId: string): number =>
  workers.flatMap((w) => w.lines).filter((l) => l['msg'] === 'document event handled' && l['eventId'] === eventId).length;

describe('a message delivered twice and a document validated twice, through RabbitMQ and two workers', () => {
  it('give one transaction in QBO', async () => {
    const emitted = await world.billing.admin.emit(ACCOUNT, 'invoice');
    if (emitted.kind !== 'emitted') throw new Error(`the billing sandbox did not emit: ${emitted.kind}`);
    const event: DocumentEvent = emitted.event;
    const again: DocumentEvent = { ...event, eventId: randomUUID() };
    // The billing sandbox published the event once; once more, and the other event.
    await Promise.all([world.publisher.publish(again), world.publisher.publish(event)]);

    const number = docNumberOf(event.document as { number: string });
    await eventually(
      async () => handled(event.eventId) === 2 && handled(again.eventId) === 1 && (await world.jobCounts()).live === 0,
      'the three messages handled, every job done',
      60_000,
    );
    await eventually(() => world.transactions(ACCOUNT).some((t) => t.DocNumber === number), 'the invoice in QBO', 30_000);
    expect(world.transactions(ACCOUNT).filter((t) => t.DocNumber === number)).toHaveLength(1);
    expect(world.attachables(ACCOUNT)).toHaveLength(1);
    expect(await world.jobCounts()).toEqual({ live: 0, dead: 0 });
  });
});
