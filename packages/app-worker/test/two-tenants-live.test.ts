import { isRunComplete } from '@ogustine-qbo/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './buses.js';
import { docNumberOf, openLiveWorld, type LiveWorld } from './test-support/live-world.js';

/*
 * Two tenants on one worker process serving one realm at a time (WORKER_REALMS_AT_ONCE=1), on
 * MariaDB and RabbitMQ with the QBO sandbox over HTTP: BIG's 2,000-document initial sync is under
 * way when SMALL's new invoice is validated. SMALL's invoice must reach QBO while BIG's backlog is
 * still being sent: the job table serves realms in turn, a batch each.
 */

const BIG = 'BIG';
const SMALL = 'SMALL';
const BACKLOG = 2_000;

let world: LiveWorld;
beforeAll(async () => {
  world = await openLiveWorld({
    name: 'tenants',
    scale: 0.01,
    accounts: [
      { accountId: BIG, documents: BACKLOG, historyFrom: '2026-01-05', historyTo: '2026-10-30' },
      { accountId: SMALL, documents: 0 },
    ],
  });
});
afterAll(async () => {
  await world.close();
});

describe('two tenants, one worker', () => {
  it(`one tenant's new invoice is in QBO before another's ${BACKLOG}-document initial sync is done`, async () => {
    await world.connect(BIG);
    await world.connect(SMALL);
    await world.startWorker({ WORKER_REALMS_AT_ONCE: '1', WORKER_HISTORY_PAGES: '20' });
    await world.imported(BIG, 120_000);
    await world.imported(SMALL);
    const backlog = await world.launch(BIG);
    expect(backlog.total).toBe(BACKLOG);
    await world.launch(SMALL);
    await eventually(() => world.transactions(BIG).length > 0, "BIG's backlog under way", 60_000);

    const emitted = await world.billing.admin.emit(SMALL, 'invoice');
    if (emitted.kind !== 'emitted') throw new Error(`the billing sandbox did not emit: ${emitted.kind}`);
    const number = docNumberOf(emitted.event.document as { number: string });
    // Read together: BIG's count is taken after SMALL's invoice was seen, so BIG was at most that far when it landed.
    let bigWhenSmallLanded = -1;
    await eventually(
      () => {
        if (!world.transactions(SMALL).some((t) => t.DocNumber === number)) return false;
        bigWhenSmallLanded = world.transactions(BIG).length;
        return true;
      },
      "SMALL's invoice in QBO",
      60_000,
    );
    expect(bigWhenSmallLanded).toBeLessThan(BACKLOG);
    const run = await world.run(BIG, backlog.runId);
    expect(run !== null && isRunComplete(run)).toBe(false);
    expect(world.transactions(SMALL)).toHaveLength(1);
  }, 240_000);
});
