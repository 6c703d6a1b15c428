import { InMemoryConnectionStore } from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_APP_SHARE, WORKER_SHARE } from './realm-limiter.js';
import { aProcess, connectedCompany, ShiftedClock } from './test-support/adapter-under-test.js';
import { startSandbox, type Harness } from './test-support/sandbox-harness.js';

// The sandbox's windows shortened 4× (a "second" of 250 ms), so the test exhausts them in a few seconds.
const clock = new ShiftedClock();
let harness: Harness;

beforeAll(async () => {
  harness = await startSandbox({ clock: () => new Date(clock.now()), timeScale: 0.25 });
});
afterAll(() => harness.close());

describe('the per-realm limiter against the sandbox', () => {
  it('a worker and the HTTP app, each within its share, never meet a 429 however hard they read', async () => {
    const connections = new InMemoryConnectionStore();
    const realmId = await connectedCompany(harness, connections, clock, 'A1');
    const [worker, httpApp] = await Promise.all(
      [WORKER_SHARE, HTTP_APP_SHARE].map(async (share) =>
        (await aProcess(harness, connections, clock, share).gateway.open('A1'))._unsafeUnwrap(),
      ),
    );
    const reads = [
      ...Array.from({ length: 60 }, (_, i) => worker?.findItemByName(`w${i}`)),
      // As many as the HTTP app's minute holds: more would wait out the minute.
      ...Array.from({ length: HTTP_APP_SHARE.perMinute }, (_, i) => httpApp?.findItemByName(`h${i}`)),
    ];
    const results = await Promise.all(reads);
    const log = harness.sandbox.admin.requests(realmId);
    expect(log.requests.filter((r) => r.status !== 200)).toEqual([]);
    for (const result of results) expect(result?._unsafeUnwrap()).toBeNull();
    expect(log.counts).toEqual({ 'GET query': 60 + HTTP_APP_SHARE.perMinute });
    expect(log.requests.filter((r) => r.status !== 200)).toEqual([]);
  });
});
