import { describe, expect, it } from 'vitest';
import { idleByCause, idleTimeline, type LoopEvent, type RequestSpan } from './idle-timeline.js';

/** Windows small enough to count by hand: 2 a second (1,000 ms), 3 a minute (10,000 ms here). */
const LIMITS = { perSecond: 2, perMinute: 3, secondMs: 1_000, minuteMs: 10_000 };

const ev = (at: number, msg: string, batch?: number): LoopEvent => ({ at, msg, leaseId: 'L', ...(batch === undefined ? {} : { batch }) });

describe('the idle timeline (hand-computed oracle)', () => {
  it('names each stretch with no request in flight by what the job loop was doing, and the stretch after the last request', () => {
    const spans: RequestSpan[] = [
      { start: 300, end: 400 },
      { start: 600, end: 700 },
    ];
    const events = [
      ev(100, 'lease taken'),
      ev(200, 'batch begun', 1),
      ev(450, 'batch written', 1),
      ev(500, 'taking more'),
      ev(550, 'more taken'),
    ];
    const gaps = idleTimeline({ spans, events, limits: { ...LIMITS, perMinute: 100, perSecond: 100 }, launchedAt: 0, completedAt: 900 });
    expect(gaps).toEqual([
      { start: 0, end: 100, cause: 'no lease yet' },
      { start: 100, end: 200, cause: 'lease held, no batch running' },
      { start: 200, end: 300, cause: 'a batch before its write (records, names, payloads, intents)' },
      { start: 400, end: 450, cause: 'a batch before its write (records, names, payloads, intents)' },
      { start: 450, end: 500, cause: 'batches after their write (PDFs, settlements, fates)' },
      { start: 500, end: 550, cause: 'takeMore' },
      { start: 550, end: 600, cause: 'batches after their write (PDFs, settlements, fates)' },
      { start: 700, end: 900, cause: 'last request → run complete' },
    ]);
    expect(idleByCause(gaps)['a batch before its write (records, names, payloads, intents)']).toBeCloseTo(0.15, 9);
  });

  it('a stretch while a window is full is the limit’s, up to when one more request fits; the rest is the loop’s', () => {
    // Three requests started at 0, 100, 200: the minute (10 s here) is full until 10,000.
    const spans: RequestSpan[] = [
      { start: 0, end: 50 },
      { start: 100, end: 150 },
      { start: 200, end: 250 },
      { start: 10_500, end: 10_600 },
    ];
    const gaps = idleTimeline({
      spans,
      events: [ev(0, 'lease taken'), ev(20, 'batch begun', 1)],
      limits: LIMITS,
      launchedAt: 0,
      completedAt: 10_600,
    });
    expect(gaps).toEqual([
      { start: 50, end: 100, cause: 'a batch before its write (records, names, payloads, intents)' },
      { start: 150, end: 200, cause: 'a limit: its window full' },
      { start: 250, end: 10_000, cause: 'a limit: its window full' },
      { start: 10_000, end: 10_500, cause: 'a batch before its write (records, names, payloads, intents)' },
    ]);
  });

  it('between two leases of the run, and no request at all: all of it before the first lease', () => {
    const spans: RequestSpan[] = [
      { start: 0, end: 10 },
      { start: 100, end: 110 },
    ];
    const events = [ev(-5, 'lease taken'), ev(20, 'lease released'), ev(60, 'lease taken')];
    const gaps = idleTimeline({ spans, events, limits: { ...LIMITS, perMinute: 100, perSecond: 100 }, launchedAt: 0, completedAt: 110 });
    expect(gaps).toEqual([
      { start: 10, end: 20, cause: 'lease held, no batch running' },
      { start: 20, end: 60, cause: 'between leases' },
      { start: 60, end: 100, cause: 'lease held, no batch running' },
    ]);
    expect(idleTimeline({ spans: [], events: [], limits: LIMITS, launchedAt: 5, completedAt: 15 })).toEqual([
      { start: 5, end: 15, cause: 'no lease yet' },
    ]);
  });
});
