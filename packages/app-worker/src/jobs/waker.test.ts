import { describe, expect, it } from 'vitest';
import { idleLookOf, MIN_LOOK_MS, sleepBeforeNextLook, Waker } from './waker.js';

describe('sleepBeforeNextLook', () => {
  it('sleeps until the next due time, never longer than the idle look, never shorter than the minimum', () => {
    expect(sleepBeforeNextLook(1_000, undefined, 5_000)).toBe(5_000);
    expect(sleepBeforeNextLook(1_000, 3_000, 5_000)).toBe(2_000);
    expect(sleepBeforeNextLook(1_000, 60_000, 5_000)).toBe(5_000);
    expect(sleepBeforeNextLook(1_000, 500, 5_000)).toBe(MIN_LOOK_MS);
    expect(sleepBeforeNextLook(1_000, Number.NEGATIVE_INFINITY, 5_000)).toBe(MIN_LOOK_MS);
    expect(sleepBeforeNextLook(1_000, 1_000 + MIN_LOOK_MS + 1, 5_000)).toBe(MIN_LOOK_MS + 1);
    expect(sleepBeforeNextLook(1_000, 6_000, 5_000)).toBe(5_000);
  });

  it('at a module time scale, sleeps the due time’s wall-clock length (module ms × scale)', () => {
    expect(sleepBeforeNextLook(1_000, 21_000, 5_000, 0.1)).toBe(2_000);
    expect(sleepBeforeNextLook(1_000, 1_000_000, 5_000, 0.1)).toBe(5_000);
    expect(sleepBeforeNextLook(1_000, 1_100, 5_000, 0.1)).toBe(MIN_LOOK_MS);
  });
});

describe('idleLookOf', () => {
  it('four lanes idle look in turn, a quarter of the idle look apart: whenever a job is queued, a lane looks within a quarter', () => {
    // Hand-computed: lanes shifted by 1,000 ms on a 4,000 ms grid.
    expect([0, 1, 2, 3].map((lane) => idleLookOf(1_000, 4_000, lane, 4))).toEqual([3_000, 4_000, 1_000, 2_000]);
    for (const now of [0, 1, 999, 1_000, 1_001, 2_500, 3_999, 4_000, 123_457]) {
      const looks = [0, 1, 2, 3].map((lane) => now + idleLookOf(now, 4_000, lane, 4)).sort((a, b) => a - b);
      expect(looks[0]! - now).toBeGreaterThan(0);
      expect(looks[0]! - now).toBeLessThanOrEqual(1_000);
      expect(looks.slice(1).map((t, i) => t - looks[i]!)).toEqual([1_000, 1_000, 1_000]);
    }
  });

  it('one lane looks every idle look; a lane that just looked waits a whole one', () => {
    expect(idleLookOf(12_345, 5_000, 0, 1)).toBe(2_655);
    expect(idleLookOf(10_000, 5_000, 0, 1)).toBe(5_000);
    expect(idleLookOf(10_000, 5_000, 1, 2)).toBe(2_500);
  });
});

describe('Waker', () => {
  it('ends every sleep in progress when woken, and only those', async () => {
    const waker = new Waker();
    const ended: string[] = [];
    const a = waker.sleep(600_000).then(() => ended.push('a'));
    const b = waker.sleep(600_000).then(() => ended.push('b'));
    waker.wake();
    await Promise.all([a, b]);
    expect(ended.sort()).toEqual(['a', 'b']);
    const later = waker.sleep(0).then(() => ended.push('timer'));
    await later;
    expect(ended).toContain('timer');
  });

  it('a wake while nobody sleeps ends the next sleep at once, and only that one', async () => {
    const waker = new Waker();
    waker.wake();
    const ended: string[] = [];
    await waker.sleep(600_000).then(() => ended.push('next'));
    expect(ended).toEqual(['next']);
    const after = waker.sleep(20).then(() => ended.push('timer'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ended).toEqual(['next']);
    await after;
    expect(ended).toEqual(['next', 'timer']);
  });
});
