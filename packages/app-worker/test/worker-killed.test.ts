import { isRunComplete, MAX_JOBS_PER_LEASE } from '@ogustine-qbo/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './buses.js';
import { openLiveWorld, tally, type LiveWorld } from './test-support/live-world.js';

/*
 * A worker killed with SIGKILL in the middle of an initial sync (jobs leased, transactions posted,
 * PDF uploads on their way to QBO), then another worker started on the same database and broker.
 * The module's time runs 100 times faster (`MODULE_TIME_SCALE`), so the dead worker's lease (5
 * minutes) and the in-flight window (180 s) pass in seconds, as they would in production in minutes.
 */

const ACCOUNT = 'K1';
const DOCUMENTS = 40;
const SCALE = 0.01;

let world: LiveWorld;
beforeAll(async () => {
  world = await openLiveWorld({
    name: 'killed',
    scale: SCALE,
    accounts: [{ accountId: ACCOUNT, documents: DOCUMENTS, historyFrom: '2026-01-05', historyTo: '2026-10-30' }],
  });
});
afterAll(async () => {
  await world.close();
});

describe('a worker killed with SIGKILL mid-run, then another started', () => {
  it('every document of the initial sync is in QBO exactly once, with exactly one PDF, and nothing is left in the queue', async () => {
    await world.connect(ACCOUNT);
    const first = await world.startWorker();
    await world.imported(ACCOUNT);
    const { realmId } = world.companyOf(ACCOUNT);
    // QBO answers slowly: when the worker dies, requests it sent are still on their way and land after its death.
    world.qbo.admin.injectFaults({ realmId, latencyMs: 150 });
    const run = await world.launch(ACCOUNT);
    // More than a lease's worth: when the worker dies, some documents are leased, others still queued.
    expect(run.total).toBeGreaterThan(MAX_JOBS_PER_LEASE);

    // Killed once transactions are in QBO and their PDFs are being sent: some attached, some not yet.
    await eventually(
      () => world.transactions(ACCOUNT).length > 0 && world.attachables(ACCOUNT).length > 0,
      'the first PDFs uploaded',
      60_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = { transactions: world.transactions(ACCOUNT).length, attachables: world.attachables(ACCOUNT).length };
    expect(atKill.transactions).toBeLessThan(run.total);
    expect(atKill.attachables).toBeLessThan(run.total);
    world.qbo.admin.injectFaults({ realmId, latencyMs: 0 });

    await world.startWorker();
    await eventually(
      async () => {
        const now = await world.run(ACCOUNT, run.runId);
        return now !== null && isRunComplete(now) && (await world.jobCounts()).live === 0;
      },
      'the run complete, every job done',
      90_000,
    );
    const done = await world.run(ACCOUNT, run.runId);
    expect(done).toMatchObject({ total: run.total, sent: run.total, failed: 0, held: 0 });
    expect(await world.jobCounts()).toEqual({ live: 0, dead: 0 });

    const transactions = world.transactions(ACCOUNT);
    const byNumber = tally(transactions.map((t) => t.DocNumber ?? ''));
    expect(byNumber.size).toBe(run.total);
    expect([...byNumber.values()].every((n) => n === 1)).toBe(true);
    const attachedTo = tally(world.attachables(ACCOUNT).flatMap((a) => (a.AttachableRef ?? []).map((r) => r.EntityRef.value)));
    expect(attachedTo.size).toBe(run.total);
    expect(new Set(attachedTo.keys())).toEqual(new Set(transactions.map((t) => t.Id)));
    expect([...attachedTo.values()].every((n) => n === 1)).toBe(true);
  }, 240_000);
});
