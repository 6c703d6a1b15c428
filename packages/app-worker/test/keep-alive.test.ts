import type { AccountId, Clock, RealmId } from '@ogustine-qbo/domain';
import { InMemoryModule, InMemoryQboShareClaims } from '@ogustine-qbo/domain/testing';
import { createSandbox } from '@ogustine-qbo/qbo-sandbox';
import { okAsync } from 'neverthrow';
import { afterAll, describe, expect, it } from 'vitest';
import { quickBooks, workerBudget } from '../src/composition/quickbooks-gateway.js';
import { TOKENS } from '../src/composition/tokens.js';
import { KeepAliveSchedule } from '../src/jobs/keep-alive-schedule.js';
import { createLogger } from '../src/observability/logger.js';
import type { Worker } from '../src/worker.js';
import { eventually, openInProcessBus } from './buses.js';
import { composedWorker, testWorkerConfig } from './composed.js';

const CLIENT_ID = 'worker-keep-alive';
const CLIENT_SECRET = 'worker-keep-alive-secret';
const DAY = 86_400_000;

/** Real time plus days a test moves forward: the sandbox and the worker read the same clock. */
class ShiftedClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

const clock = new ShiftedClock();
const qbo = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true, clock: () => new Date(clock.now()) });
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tokenCalls = (): number => qbo.admin.requests().requests.filter((r) => r.path === '/oauth2/v1/tokens/bearer').length;

/** A sandbox company connected now as `accountId`'s, with the lifetimes the sandbox gave its tokens. */
const connect = async (m: InMemoryModule, accountId: AccountId): Promise<RealmId> => {
  const company = qbo.admin.createCompany({ country: 'FR' });
  const now = clock.now();
  (
    await m.connections.save({
      accountId,
      realmId: company.realmId,
      tokens: {
        accessToken: company.accessToken,
        refreshToken: company.refreshToken,
        accessTokenExpiresAt: now + qbo.options.accessTokenLifetimeSeconds * 1000,
        refreshTokenExpiresAt: now + qbo.options.refreshTokenLifetimeSeconds * 1000,
      },
      connectedAt: now,
      status: 'connected',
    })
  )._unsafeUnwrap();
  return company.realmId;
};

describe("the worker's keep-alive", () => {
  it('when the worker starts, a connection with under 50 days left on its refresh token is renewed, though nothing syncs; it then outlives its first token', async () => {
    const running = await qbo.listen(0);
    cleanups.push(() => running.close());
    const m = new InMemoryModule();
    await connect(m, 'OLD');
    // Sixty days pass without a sync: OLD's refresh token has 41 days left. NEW was connected today.
    clock.advance(60 * DAY);
    await connect(m, 'NEW');
    const before = {
      old: (await m.connections.get('OLD'))._unsafeUnwrap()?.tokens,
      fresh: (await m.connections.get('NEW'))._unsafeUnwrap()?.tokens,
    };
    const config = testWorkerConfig({
      QBO_CLIENT_ID: CLIENT_ID,
      QBO_CLIENT_SECRET: CLIENT_SECRET,
      QBO_ENVIRONMENT: 'sandbox',
      QBO_API_URL: running.url,
      QBO_OAUTH_URL: running.url,
    });
    const { gateway, keepConnectionsAlive } = quickBooks(config.qbo, m.connections, workerBudget(new InMemoryQboShareClaims()), clock);
    const bus = await openInProcessBus();
    cleanups.push(bus.dispose);
    const c = composedWorker(config, clock, m.ids, {
      stores: { ...m, errorHistory: m.errorStore },
      queue: m.queue,
      gateway,
      keepConnectionsAlive,
      files: m.files,
      bus: bus.bus,
      progress: m.progress,
    });
    const worker = c.resolve<Worker>(TOKENS.Worker);
    const calls = tokenCalls();
    expect(await worker.start()).toBe(true);
    cleanups.push(() => worker.stop());

    await eventually(
      async () => (await m.connections.get('OLD'))._unsafeUnwrap()?.tokens.refreshToken !== before.old?.refreshToken,
      'OLD renewed',
    );
    const old = (await m.connections.get('OLD'))._unsafeUnwrap()?.tokens;
    expect(old?.refreshTokenExpiresAt).toBeGreaterThan((before.old?.refreshTokenExpiresAt ?? 0) + 50 * DAY);
    expect((await m.connections.get('NEW'))._unsafeUnwrap()?.tokens).toEqual(before.fresh);
    expect(tokenCalls() - calls).toBe(1);

    // Fifty days more: OLD's first refresh token has lapsed (101 days); the renewed one still opens the company.
    clock.advance(50 * DAY);
    const accounting = (await gateway.open('OLD'))._unsafeUnwrap();
    expect((await accounting.findItemByName('Rien'))._unsafeUnwrap()).toBeNull();
  });

  it('passes again every period until the worker stops, and not after', async () => {
    let passes = 0;
    const schedule = new KeepAliveSchedule({
      keepConnectionsAlive: () => {
        passes += 1;
        return okAsync({ renewed: [], reconnectRequired: [], failed: [] });
      },
      log: createLogger({ level: 'silent' }),
      everyMs: 5,
    });
    schedule.start();
    await eventually(() => passes >= 3, 'three passes');
    await schedule.stop();
    const stoppedAt = passes;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(passes).toBe(stoppedAt);
  });
});
