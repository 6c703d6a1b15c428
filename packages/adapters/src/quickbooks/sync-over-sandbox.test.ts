import { SyncDocument, type Accounting, type AccountingGateway, type QboFailure } from '@ogustine-qbo/domain';
import { InMemoryConnectionStore, InMemoryModule, invoice, receive } from '@ogustine-qbo/domain/testing';
import { errAsync } from 'neverthrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProcess, connectedCompany, ShiftedClock } from './test-support/adapter-under-test.js';
import { startSandbox, type Harness } from './test-support/sandbox-harness.js';

// The domain's sync over the real adapter and the sandbox: what a run costs in requests, and an upload
// whose answer was lost, run by two processes in turn (two gateways: nothing in memory survives from
// one to the other but the stores).

const clock = new ShiftedClock();
const TIME_SCALE = 0.02;
let harness: Harness;
beforeAll(async () => {
  // Scaled windows: a process started after the one before it has had its (scaled) second.
  harness = await startSandbox({ clock: () => new Date(clock.now()), timeScale: TIME_SCALE });
});

/**
 * Waits out the realm's per-second window before the next process starts. Each process keeps to
 * 10 a second on its own, but two in the same second could make 11 (a 429 that no test here is
 * about), as a fast machine did when one started right after the other.
 */
const aSecondLater = () => new Promise((resolve) => setTimeout(resolve, 1000 * TIME_SCALE + 5));
afterAll(() => harness.close());

/**
 * A process that dies with its upload: the sandbox commits the upload and drops its answer, and the
 * process is gone before anything it learnt afterwards is recorded.
 */
const dyingOnUpload = (gateway: AccountingGateway, realmId: string): AccountingGateway => ({
  open: (accountId) =>
    gateway.open(accountId).map(
      (accounting): Accounting =>
        new Proxy(accounting, {
          get(target, property, receiver) {
            if (property !== 'attachPdf') return Reflect.get(target, property, receiver) as unknown;
            return (...args: Parameters<Accounting['attachPdf']>) => {
              harness.sandbox.admin.injectFaults({ realmId, dropResponseNext: 1 });
              return target.attachPdf(...args).andThen(() => errAsync<string, QboFailure>({ kind: 'qbo.network' }));
            };
          },
        }),
    ),
});

/** A module (in-memory stores) whose account A1 is connected to a new French sandbox company, launched; QBO's profile not yet read. */
const aLaunchedAccount = async () => {
  const connections = new InMemoryConnectionStore();
  const realmId = await connectedCompany(harness, connections, clock, 'A1', { country: 'FR' });
  const m = new InMemoryModule();
  m.addCompany((await (await aProcess(harness, connections, clock).gateway.open('A1'))._unsafeUnwrap().readProfile())._unsafeUnwrap());
  await m.connect('A1', realmId);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  // What the fakes' connection kept: the worker reads the sandbox company itself.
  (await m.profiles.invalidate(realmId))._unsafeUnwrap();
  await aSecondLater();
  return { connections, realmId, m };
};

describe('requests spent by a run', () => {
  it('three invoices of one customer and one service: the profile read once, each entity created once, one post and one upload per invoice, no token call', async () => {
    const { connections, realmId, m } = await aLaunchedAccount();
    for (const n of [1, 2, 3]) await receive(m, invoice(n));
    const gateway = aProcess(harness, connections, clock).gateway;
    const log = () => harness.sandbox.admin.requests(realmId).requests;
    const before = log().length;
    const tokenCalls = harness.sandbox.admin.requests().requests.filter((r) => r.path === '/oauth2/v1/tokens/bearer').length;

    for (const job of m.queue.jobs()) expect((await new SyncDocument({ ...m, gateway }).run(job))._unsafeUnwrap().kind).toBe('synced');

    const counts: Record<string, number> = {};
    for (const r of log().slice(before)) counts[r.endpoint] = (counts[r.endpoint] ?? 0) + 1;
    expect(counts).toEqual({
      'GET companyinfo': 1,
      'GET preferences': 1,
      'GET query': 3,
      'POST customer': 1,
      'POST item': 1,
      'POST invoice': 3,
      'POST upload': 3,
    });
    expect(harness.sandbox.admin.requests().requests.filter((r) => r.path === '/oauth2/v1/tokens/bearer')).toHaveLength(tokenCalls);
  });
});

describe('never the same PDF twice, across a restart', () => {
  it('an upload committed by QBO whose answer was lost is found by the next process among the attachables, not sent again', async () => {
    // The module's stores stand for the database both processes share.
    const { connections, realmId, m } = await aLaunchedAccount();
    await receive(m, invoice(1));
    const [job] = m.queue.jobs();
    if (job === undefined) throw new Error('one job queued');
    const run = async (gateway: AccountingGateway, deliveries: number) =>
      (await new SyncDocument({ ...m, gateway }).run(job, deliveries))._unsafeUnwrap();

    const first = await run(dyingOnUpload(aProcess(harness, connections, clock).gateway, realmId), 0);
    // The lost answer, not anything else, stopped the first process.
    expect(first).toMatchObject({ kind: 'postponed', why: 'unavailable' });
    const log = () => harness.sandbox.admin.requests(realmId).requests;
    expect(log().filter((r) => r.endpoint === 'POST upload')).toHaveLength(1);
    const restartedAt = log().length;
    await aSecondLater();

    const second = await run(aProcess(harness, connections, clock).gateway, 1);

    expect(second.kind).toBe('synced');
    expect(
      log()
        .slice(restartedAt)
        .map((r) => r.endpoint),
    ).toEqual(['GET query']);
    const inspected = harness.sandbox.admin.inspect(realmId) as { entities?: { Attachable?: unknown[] } };
    expect(inspected.entities?.Attachable).toHaveLength(1);
  });
});
