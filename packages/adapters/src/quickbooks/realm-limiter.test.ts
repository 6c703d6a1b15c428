import { describe, expect, it } from 'vitest';
import { BATCH_BURST, HTTP_APP_SHARE, INTUIT_LIMITS, RealmLimiter, realTime, WORKER_SHARE, type RealmLimits } from './realm-limiter.js';
import { busiestWindow } from './test-support/busiest-window.js';

// Windows shortened 50× (a "second" of 20 ms, a "minute" of 1.2 s) so a test exhausts them quickly.
const time = realTime(0.02);

const sendAll = async (limiter: RealmLimiter, n: number, options: { batch?: boolean; holdMs?: number } = {}) => {
  const stamps: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const permit = await limiter.acquire({ batch: options.batch ?? false, deadline: Number.POSITIVE_INFINITY });
      if (permit === 'deadline') throw new Error('no deadline was set');
      stamps.push(time.now());
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await time.sleep(options.holdMs ?? 0);
      inFlight -= 1;
      permit.release();
    }),
  );
  return { stamps: stamps.sort((a, b) => a - b), mostInFlight };
};

describe('RealmLimiter', () => {
  it('never lets more than perSecond requests start within any second, nor perMinute within any minute', async () => {
    const limits: RealmLimits = { perSecond: 4, perMinute: 10, batchesPerMinute: 40, concurrent: 10 };
    const { stamps } = await sendAll(new RealmLimiter(limits, time), 14);
    expect(stamps).toHaveLength(14);
    expect(busiestWindow(stamps, time.secondMs)).toBeLessThanOrEqual(4);
    expect(busiestWindow(stamps, time.minuteMs)).toBeLessThanOrEqual(10);
    // The 11th had to wait for the minute window: it was not sent with the first ten.
    expect((stamps[10] ?? 0) - (stamps[0] ?? 0)).toBeGreaterThanOrEqual(time.minuteMs);
  });

  it('keeps at most `concurrent` requests in flight', async () => {
    const limits: RealmLimits = { perSecond: 100, perMinute: 1000, batchesPerMinute: 40, concurrent: 3 };
    const { mostInFlight, stamps } = await sendAll(new RealmLimiter(limits, time), 9, { holdMs: 5 });
    expect(stamps).toHaveLength(9);
    expect(mostInFlight).toBe(3);
  });

  it('counts batch requests in their own window as well as in the minute', async () => {
    const limits: RealmLimits = { perSecond: 100, perMinute: 1000, batchesPerMinute: 2, concurrent: 10 };
    const { stamps } = await sendAll(new RealmLimiter(limits, time), 3, { batch: true });
    expect(busiestWindow(stamps, time.minuteMs)).toBe(2);
  });

  it(`spends the batches' minute in bursts of at most ${BATCH_BURST}, so no batch waits most of a minute behind a burst`, async () => {
    const limits: RealmLimits = { perSecond: 100, perMinute: 1000, batchesPerMinute: 40, concurrent: 40 };
    const { stamps } = await sendAll(new RealmLimiter(limits, time), 40, { batch: true });
    expect(stamps).toHaveLength(40);
    const burstMs = (time.minuteMs * BATCH_BURST) / limits.batchesPerMinute;
    expect(busiestWindow(stamps, burstMs)).toBeLessThanOrEqual(BATCH_BURST);
    expect(busiestWindow(stamps, time.minuteMs)).toBeLessThanOrEqual(40);
    // Not slower than the minute allows: the 40 went within about a minute.
    expect((stamps[39] ?? 0) - (stamps[0] ?? 0)).toBeLessThan(time.minuteMs * 1.2);
  });

  it('an upload waits behind every other request waiting (writes in their order), whatever their arrival', async () => {
    // One a "second": each request waits its turn, so the order of the permits is the order of the queue.
    const limiter = new RealmLimiter({ perSecond: 1, perMinute: 1000, batchesPerMinute: 40, concurrent: 10 }, time);
    const order: string[] = [];
    const ask = (name: string, behindOthers: boolean) =>
      limiter.acquire({ batch: false, deadline: Number.POSITIVE_INFINITY, behindOthers }).then((permit) => {
        order.push(name);
        if (permit !== 'deadline') permit.release();
      });
    const asked = [ask('upload 1', true), ask('upload 2', true), ask('upload 3', true), ask('upload 4', true)];
    await Promise.resolve();
    asked.push(ask('batch 1', false), ask('batch 2', false), ask('upload 5', true));
    await Promise.all(asked);
    // Upload 1 is sent at once and upload 2 may already be waiting for its second; the batches go before the others.
    expect(order.filter((n) => n.startsWith('batch'))).toEqual(['batch 1', 'batch 2']);
    expect(order.filter((n) => n.startsWith('upload'))).toEqual(['upload 1', 'upload 2', 'upload 3', 'upload 4', 'upload 5']);
    expect(order.indexOf('batch 2')).toBeLessThan(order.indexOf('upload 3'));
  });

  it('answers "deadline" without waiting when a request could not start in time (a pause after a 429)', async () => {
    const limiter = new RealmLimiter(INTUIT_LIMITS, time);
    limiter.pauseUntil(time.now() + time.minuteMs);
    expect(await limiter.acquire({ batch: false, deadline: time.now() + time.minuteMs / 4 })).toBe('deadline');
    const permit = await limiter.acquire({ batch: false, deadline: time.now() + 2 * time.minuteMs });
    expect(permit).not.toBe('deadline');
  });

  /** Sends one request through `limiter`, answered `tripMs` after it left. @returns when it left and when it was answered */
  const trip = async (limiter: RealmLimiter, tripMs: number): Promise<{ sentAt: number; answeredAt: number }> => {
    const permit = await limiter.acquire({ batch: false, deadline: Number.POSITIVE_INFINITY });
    if (permit === 'deadline') throw new Error('no deadline was set');
    const sentAt = time.now();
    await time.sleep(tripMs);
    permit.release();
    return { sentAt, answeredAt: time.now() };
  };

  it('counts a request as arrived the fastest trip seen (less a margin) before its answer: equal trips cost the window nothing', async () => {
    const limiter = new RealmLimiter({ perSecond: 1, perMinute: 100, batchesPerMinute: 40, concurrent: 10 }, time);
    const slowTrip = 4 * time.secondMs;
    // The first answers are counted at their answer (a cold start's trips are no trip's least).
    for (let i = 0; i < 20; i += 1) await trip(limiter, slowTrip);
    const first = await trip(limiter, slowTrip);
    const second = await trip(limiter, slowTrip);
    // Counted at its answer, the first would have held the second back a whole second after it.
    expect(second.sentAt - first.answeredAt).toBeLessThan(time.secondMs);
    expect(second.sentAt - first.sentAt).toBeGreaterThanOrEqual(time.arrivalMarginMs + time.secondMs - 1);
  });

  it('counts a request slower than the fastest trip at its answer, as late as QBO can have counted it', async () => {
    const limiter = new RealmLimiter({ perSecond: 1, perMinute: 100, batchesPerMinute: 40, concurrent: 10 }, time);
    for (let i = 0; i < 20; i += 1) await trip(limiter, 0);
    const slow = await trip(limiter, 10 * time.secondMs);
    const next = await trip(limiter, 0);
    expect(next.sentAt - slow.answeredAt).toBeGreaterThanOrEqual(time.secondMs - time.arrivalMarginMs - 1);
  });

  it("the worker's share and the HTTP app's share add up to at most Intuit's limits, a few requests a minute in hand", () => {
    for (const key of ['perSecond', 'perMinute', 'batchesPerMinute'] as const) {
      expect(WORKER_SHARE[key] + HTTP_APP_SHARE[key]).toBeLessThanOrEqual(INTUIT_LIMITS[key]);
      expect(HTTP_APP_SHARE[key]).toBeGreaterThan(0);
    }
    expect(WORKER_SHARE.perMinute + HTTP_APP_SHARE.perMinute).toBeLessThan(INTUIT_LIMITS.perMinute);
    // While the HTTP app claims its share (kept for a connect, *Réessayer* and the tax codes within a
    // minute) the worker reaches 89 % of the per-minute limit; unclaimed, it borrows it (shared-budget.ts).
    expect(WORKER_SHARE.perMinute).toBeGreaterThanOrEqual(0.89 * INTUIT_LIMITS.perMinute);
    expect(WORKER_SHARE.concurrent + HTTP_APP_SHARE.concurrent).toBe(INTUIT_LIMITS.concurrent);
  });
});
