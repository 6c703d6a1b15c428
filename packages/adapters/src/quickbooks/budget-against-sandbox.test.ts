import { InMemoryConnectionStore, InMemoryQboShareClaims } from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_APP_RESERVE, HttpAppBudget, WorkerBudget } from './shared-budget.js';
import { INTUIT_LIMITS } from './realm-limiter.js';
import { aProcess, connectedCompany, ShiftedClock } from './test-support/adapter-under-test.js';
import { startSandbox, type Harness } from './test-support/sandbox-harness.js';
import { busiestWindow as busiest } from './test-support/busiest-window.js';

// The sandbox's windows shortened 4× (a "minute" of 15 s), Intuit's limits on.
const clock = new ShiftedClock();
let harness: Harness;

beforeAll(async () => {
  harness = await startSandbox({ clock: () => new Date(clock.now()), timeScale: 0.25 });
});
afterAll(() => harness.close());

describe('the QBO budget shared by the worker and the HTTP app, against the sandbox', () => {
  it('the worker reading flat out on the HTTP app’s share, the HTTP app calling beyond its reserve: every read answered, no 429', async () => {
    const connections = new InMemoryConnectionStore();
    const realmId = await connectedCompany(harness, connections, clock, 'A1');
    // One store of claims for both processes (the SQL one is held to the same contract).
    const claims = new InMemoryQboShareClaims();
    const worker = (await aProcess(harness, connections, clock, new WorkerBudget(claims, harness.time)).gateway.open('A1'))._unsafeUnwrap();
    const httpApp = (
      await aProcess(harness, connections, clock, new HttpAppBudget(claims, harness.time)).gateway.open('A1')
    )._unsafeUnwrap();
    const workerReads = 700;
    const httpAppReads = 3 * HTTP_APP_RESERVE.perMinute;
    const workerDone = Promise.all(Array.from({ length: workerReads }, (_, i) => worker.findItemByName(`w${i}`)));
    // The office manager comes in once the worker has borrowed for more than its share's minute.
    await new Promise((resolve) => setTimeout(resolve, harness.time.minuteMs * 1.1));
    const httpAppDone = Promise.all(Array.from({ length: httpAppReads }, (_, i) => httpApp.findItemByName(`h${i}`)));
    const results = [...(await workerDone), ...(await httpAppDone)];
    for (const result of results) expect(result._unsafeUnwrap()).toBeNull();
    const log = harness.sandbox.admin.requests(realmId);
    expect(log.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(log.counts).toEqual({ 'GET query': workerReads + httpAppReads });
    // Never more than Intuit's limit reached QBO within a minute, by its own log. (How far beyond the
    // worker's share it went depends on the machine's pace: the manual-clock tests check the loan.)
    expect(
      busiest(
        log.requests.map((r) => Date.parse(r.at)),
        harness.time.minuteMs,
      ),
    ).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
    // The HTTP app went beyond its reserve: it claimed its share.
    expect((await claims.claimsOf([realmId]))._unsafeUnwrap().has(realmId)).toBe(true);
  });
});
