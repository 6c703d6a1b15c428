import { describe, expect, it } from 'vitest';
import { HTTP_APP_SHARE, INTUIT_LIMITS, RealmLimiter, realTime, WORKER_SHARE, type RealmLimits } from './realm-limiter.js';

// Windows shortened 50× (a "second" of 20 ms, a "minute" of 1.2 s) so a test exhausts them quickly.
const time = realTime(0.02);

/** The largest number of stamps inside any window of `lengthMs` (stamps sorted). */
const busiestWindow = (stamps: readonly number[], lengthMs: number): number =>
  Math.max(0, ...stamps.map((start, i) => stamps.slice(i).filter((t) => t < start + lengthMs).length));

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

  it('answers "deadline" without waiting when a request could not start in time (a pause after a 429)', async () => {
    const limiter = new RealmLimiter(INTUIT_LIMITS, time);
    limiter.pauseUntil(time.now() + time.minuteMs);
    expect(await limiter.acquire({ batch: false, deadline: time.now() + time.minuteMs / 4 })).toBe('deadline');
    const permit = await limiter.acquire({ batch: false, deadline: time.now() + 2 * time.minuteMs });
    expect(permit).not.toBe('deadline');
  });

  it("the worker's share and the HTTP app's share stay under Intuit's limits together, with a margin on the rates", () => {
    for (const key of ['perSecond', 'perMinute', 'batchesPerMinute'] as const) {
      expect(WORKER_SHARE[key] + HTTP_APP_SHARE[key]).toBeLessThan(INTUIT_LIMITS[key]);
      expect(HTTP_APP_SHARE[key]).toBeGreaterThan(0);
    }
    expect(WORKER_SHARE.concurrent + HTTP_APP_SHARE.concurrent).toBe(INTUIT_LIMITS.concurrent);
  });
});
