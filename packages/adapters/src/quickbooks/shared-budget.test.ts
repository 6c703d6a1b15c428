import type { QboShareClaims, StoreError } from '@ogustine-qbo/domain';
import { InMemoryQboShareClaims } from '@ogustine-qbo/domain/testing';
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { HTTP_APP_SHARE, INTUIT_LIMITS, RealmLimiter, WORKER_SHARE, type LimiterTime } from './realm-limiter.js';
import { HTTP_APP_RESERVE, HttpAppBudget, WORKER_SHARE_UNCLAIMED, WorkerBudget } from './shared-budget.js';
import { busiestWindow as busiest } from './test-support/busiest-window.js';

/** Intuit's windows on a clock the test moves: `runUntil` wakes each sleeper in time order. */
class ManualTime implements LimiterTime {
  readonly secondMs = 1000;
  readonly minuteMs = 60_000;
  readonly arrivalMarginMs = 50;
  private at = 0;
  private timers: Array<{ at: number; wake: () => void }> = [];
  now = (): number => this.at;
  sleep = (ms: number): Promise<void> => new Promise((wake) => this.timers.push({ at: this.at + Math.max(0, ms), wake }));

  async runUntil(end: number): Promise<void> {
    for (;;) {
      // Every promise the last wake-up settled runs before the clock moves on.
      await new Promise((resolve) => setImmediate(resolve));
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next === undefined || next.at > end) {
        this.at = end;
        return;
      }
      this.timers.shift();
      this.at = Math.max(this.at, next.at);
      next.wake();
    }
  }
}

const within = (stamps: readonly number[], from: number, to: number): number => stamps.filter((t) => t >= from && t < to).length;

const TRIP_MS = 300;
const REALM = 'R1';

/** Two processes on one realm: the worker sending flat out, the HTTP app calling when told. */
const world = (claims: { worker: QboShareClaims; httpApp: QboShareClaims } | QboShareClaims) => {
  const time = new ManualTime();
  const { worker, httpApp } = 'claim' in claims ? { worker: claims, httpApp: claims } : claims;
  const failures: StoreError[] = [];
  const workerLimiter = new RealmLimiter(new WorkerBudget(worker, time, (e) => failures.push(e)).shareOf(REALM), time);
  const httpLimiter = new RealmLimiter(new HttpAppBudget(httpApp, time, (e) => failures.push(e)).shareOf(REALM), time);
  const sent = { worker: [] as number[], httpApp: [] as number[] };
  const call = async (limiter: RealmLimiter, stamps: number[]): Promise<void> => {
    const permit = await limiter.acquire({ batch: false, deadline: Number.POSITIVE_INFINITY });
    if (permit === 'deadline') throw new Error('no deadline was set');
    stamps.push(time.now());
    await time.sleep(TRIP_MS);
    permit.release();
  };
  return {
    time,
    sent,
    failures,
    /** The worker's eight lanes, each sending one request after another until `untilMs`. */
    workerFlatOut: (untilMs: number): void => {
      for (let lane = 0; lane < 8; lane += 1)
        void (async () => {
          while (time.now() < untilMs) await call(workerLimiter, sent.worker);
        })();
    },
    /** At `atMs`, `n` calls of the HTTP app, two at a time. @returns when the last was answered */
    httpAppCalls: async (atMs: number, n: number): Promise<number> => {
      await time.sleep(atMs - time.now());
      let left = n;
      const pair = async () => {
        while (left > 0) {
          left -= 1;
          await call(httpLimiter, sent.httpApp);
        }
      };
      await Promise.all([pair(), pair()]);
      return time.now();
    },
  };
};

/** Claims the HTTP app stores (and counts); reads as the shared store answers. */
class CountedClaims extends InMemoryQboShareClaims {
  /** The end of each claim stored, in order. */
  readonly stored: number[] = [];
  override claim(realmId: string, activeUntil: number) {
    this.stored.push(activeUntil);
    return super.claim(realmId, activeUntil);
  }
}

const unavailable: StoreError = { kind: 'store.unavailable', detail: 'database down' };

describe('the QBO budget shared by the worker and the HTTP app', () => {
  it('the worker’s loan and the HTTP app’s reserve add up to at most Intuit’s limits, a few requests a minute in hand', () => {
    for (const key of ['perSecond', 'perMinute', 'batchesPerMinute', 'concurrent'] as const) {
      expect(WORKER_SHARE_UNCLAIMED[key] + HTTP_APP_RESERVE[key]).toBeLessThanOrEqual(INTUIT_LIMITS[key]);
      expect(HTTP_APP_RESERVE[key]).toBeGreaterThan(0);
      expect(HTTP_APP_RESERVE[key]).toBeLessThanOrEqual(HTTP_APP_SHARE[key]);
    }
    expect(WORKER_SHARE_UNCLAIMED.perMinute + HTTP_APP_RESERVE.perMinute).toBeLessThan(INTUIT_LIMITS.perMinute);
    // The initial sync alone: 97 % of the per-minute limit, and the pace per second to reach it.
    expect(WORKER_SHARE_UNCLAIMED.perMinute).toBeGreaterThanOrEqual(0.97 * INTUIT_LIMITS.perMinute);
    expect(WORKER_SHARE_UNCLAIMED.perSecond * 60).toBeGreaterThan(WORKER_SHARE_UNCLAIMED.perMinute);
  });

  it('lends the HTTP app’s share (but its reserve) to the worker while the HTTP app claims none, reading the claims at most once a second', async () => {
    const claims = new InMemoryQboShareClaims();
    const w = world(claims);
    w.workerFlatOut(150_000);
    await w.time.runUntil(150_000);
    expect(within(w.sent.worker, 60_000, 120_000)).toBeGreaterThan(WORKER_SHARE.perMinute);
    expect(busiest(w.sent.worker, 60_000)).toBeLessThanOrEqual(WORKER_SHARE_UNCLAIMED.perMinute);
    expect(busiest(w.sent.worker, 1000)).toBeLessThanOrEqual(WORKER_SHARE_UNCLAIMED.perSecond);
    expect(claims.reads).toBeGreaterThan(0);
    expect(claims.reads).toBeLessThanOrEqual(150 + 1);
  });

  it('with the HTTP app calling beyond its reserve, the two processes together never exceed Intuit’s windows, the HTTP app’s calls go through, and the worker borrows again once the claim ran out', async () => {
    const claims = new CountedClaims();
    const w = world(claims);
    w.workerFlatOut(330_000);
    const firstBurst = w.httpAppCalls(70_000, 30);
    const secondBurst = w.httpAppCalls(115_000, 15);
    await w.time.runUntil(330_000);
    const all = [...w.sent.worker, ...w.sent.httpApp];
    expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
    expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
    expect(w.sent.httpApp).toHaveLength(45);
    // Five calls within the reserve, the claim, five more while the worker drains (its 11th call 9 s
    // after the claim), twenty more at 2 a second: under 28 s (three minutes had it kept to its
    // reserve); the second burst, on the claim held, at 2 a second.
    expect((await firstBurst) - 70_000).toBeLessThanOrEqual(28_000);
    expect((await secondBurst) - 115_000).toBeLessThanOrEqual(8_000);
    // Above its reserve once the worker drained: more than the reserve went in the first burst's minute.
    expect(within(w.sent.httpApp, 70_000, 130_000)).toBeGreaterThan(HTTP_APP_RESERVE.perMinute);
    expect(busiest(w.sent.httpApp, 60_000)).toBeLessThanOrEqual(HTTP_APP_SHARE.perMinute);
    // A short claim at half the reserve (the 5th call, before 76 s), a long one once it was spent, stored
    // again for the second burst: no write gaining less than half a minute.
    const [drain, ...full] = claims.stored;
    expect(drain).toBeLessThan(76_000 + 20_000);
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(full.length).toBeLessThanOrEqual(2);
    full.forEach((end, i) => expect(end - (i === 0 ? (drain ?? 0) : (full[i - 1] ?? 0))).toBeGreaterThanOrEqual(30_000));
    const claimedUntil = full.at(-1) ?? 0;
    // While claimed the worker kept to its share (2 s after the first claim); it borrows again once the last ran out.
    const held = w.sent.worker.filter((t) => t >= (drain ?? 0) - 20_000 + 2000 && t < claimedUntil);
    expect(busiest(held, 60_000)).toBeLessThanOrEqual(WORKER_SHARE.perMinute);
    expect(claimedUntil).toBeLessThan(260_000);
    expect(within(w.sent.worker, 260_000, 320_000)).toBeGreaterThan(WORKER_SHARE.perMinute);
  });

  it('claims nothing for a handful of calls (under half the HTTP app’s reserve): the worker keeps borrowing', async () => {
    const claims = new CountedClaims();
    const w = world(claims);
    w.workerFlatOut(150_000);
    const handful = HTTP_APP_RESERVE.perMinute / 2 - 1;
    const burst = w.httpAppCalls(70_000, handful);
    await w.time.runUntil(150_000);
    await burst;
    expect(w.sent.httpApp).toHaveLength(handful);
    expect(claims.stored).toEqual([]);
    expect(within(w.sent.worker, 70_000, 130_000)).toBeGreaterThan(WORKER_SHARE.perMinute);
    const all = [...w.sent.worker, ...w.sent.httpApp];
    expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
    expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
  });

  it('holds the worker back only 20 s for calls within the HTTP app’s reserve (a connect), never with them above Intuit’s windows', async () => {
    const claims = new CountedClaims();
    const w = world(claims);
    w.workerFlatOut(180_000);
    const burst = w.httpAppCalls(70_000, HTTP_APP_RESERVE.perMinute);
    await w.time.runUntil(180_000);
    await burst;
    expect(w.sent.httpApp).toHaveLength(HTTP_APP_RESERVE.perMinute);
    const [drain, ...more] = claims.stored;
    expect(more).toEqual([]);
    expect((drain ?? 0) - 70_000).toBeLessThan(30_000);
    expect(within(w.sent.worker, 110_000, 170_000)).toBeGreaterThan(WORKER_SHARE.perMinute);
    const all = [...w.sent.worker, ...w.sent.httpApp];
    expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
    expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
  });

  // The worst moments to claim: the worker sending at its loan's pace per second (20 s), and with the
  // loan's whole minute packed in the last 54 seconds (54 s).
  it.each([20_000, 54_000])(
    'claimed at %i ms of a worker flat out, the two processes together never exceed Intuit’s windows',
    async (claimAt) => {
      const w = world(new InMemoryQboShareClaims());
      w.workerFlatOut(claimAt + 90_000);
      const burst = w.httpAppCalls(claimAt, 40);
      await w.time.runUntil(claimAt + 90_000);
      await burst;
      const all = [...w.sent.worker, ...w.sent.httpApp];
      expect(w.sent.httpApp).toHaveLength(40);
      expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
      expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
    },
  );

  it('a request held back looks again when its share says the limits change, and gives up only if they cannot let it go by its deadline', async () => {
    const time = new ManualTime();
    const one = { perSecond: 10, perMinute: 1, batchesPerMinute: 1, concurrent: 2 };
    const told: number[] = [];
    const share = {
      limitsAt: (now: number) => (now < 5000 ? { limits: one, until: 5000 } : { limits: { ...one, perMinute: 2 }, until: Infinity }),
      usedThisMinute: (requests: number, heldBack: boolean) => told.push(heldBack ? -requests : requests),
    };
    const limiter = new RealmLimiter(share, time);
    const sentAt: Array<number | 'deadline'> = [];
    const send = async (deadline: number) => {
      const permit = await limiter.acquire({ batch: false, deadline });
      sentAt.push(permit === 'deadline' ? permit : time.now());
      if (permit !== 'deadline') permit.release();
    };
    const all = Promise.all([send(Infinity), send(4000), send(10_000)]);
    await time.runUntil(20_000);
    await all;
    expect(sentAt).toEqual([0, 'deadline', 5000]);
    // Told of each send (1, then 2 in the window) and, in between, of the minute holding one back (negative here).
    expect(told[0]).toBe(1);
    expect(told.at(-1)).toBe(2);
    expect(told.slice(1, -1).length).toBeGreaterThan(0);
    expect(told.slice(1, -1).every((n) => n === -1)).toBe(true);
  });

  it('when its claim can no longer be stored, the HTTP app’s requests above its reserve have left Intuit’s windows when the claim it holds ends', async () => {
    const claims = new CountedClaims();
    const store = claims.claim.bind(claims);
    // The short claim and the first long one are stored, then the database is gone for the HTTP app.
    claims.claim = (realmId, activeUntil) => (claims.stored.length < 2 ? store(realmId, activeUntil) : errAsync(unavailable));
    const w = world(claims);
    w.workerFlatOut(300_000);
    // More than it can send by then: it goes on (within its reserve) past the end of the test.
    void w.httpAppCalls(70_000, 150);
    await w.time.runUntil(300_000);
    expect(claims.stored).toHaveLength(2);
    expect(w.sent.httpApp.length).toBeGreaterThan(HTTP_APP_SHARE.perMinute);
    expect(w.failures).toContainEqual(unavailable);
    const all = [...w.sent.worker, ...w.sent.httpApp];
    expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
    expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
  });

  it('keeps the worker to its share when the claims cannot be read', async () => {
    const failing = new InMemoryQboShareClaims();
    failing.claimsOf = () => errAsync(unavailable);
    const w = world(failing);
    w.workerFlatOut(150_000);
    await w.time.runUntil(150_000);
    expect(busiest(w.sent.worker, 60_000)).toBeLessThanOrEqual(WORKER_SHARE.perMinute);
    expect(busiest(w.sent.worker, 1000)).toBeLessThanOrEqual(WORKER_SHARE.perSecond);
    expect(within(w.sent.worker, 60_000, 120_000)).toBeGreaterThan(WORKER_SHARE.perMinute - WORKER_SHARE.perSecond);
    expect(w.failures[0]).toEqual(unavailable);
  });

  it('keeps the HTTP app to its reserve when its claim cannot be stored (the worker, seeing none, borrows the rest)', async () => {
    const shared = new InMemoryQboShareClaims();
    const failing = new InMemoryQboShareClaims();
    failing.claim = () => errAsync(unavailable);
    const w = world({ worker: shared, httpApp: failing });
    w.workerFlatOut(150_000);
    const burst = w.httpAppCalls(70_000, 20);
    await w.time.runUntil(150_000);
    await burst;
    const all = [...w.sent.worker, ...w.sent.httpApp];
    expect(w.sent.httpApp).toHaveLength(20);
    expect(busiest(w.sent.httpApp, 60_000)).toBeLessThanOrEqual(HTTP_APP_RESERVE.perMinute);
    expect(busiest(all, 60_000)).toBeLessThanOrEqual(INTUIT_LIMITS.perMinute);
    expect(busiest(all, 1000)).toBeLessThanOrEqual(INTUIT_LIMITS.perSecond);
    expect(w.failures).toContainEqual(unavailable);
  });
});
