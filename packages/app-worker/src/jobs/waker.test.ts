import { describe, expect, it } from 'vitest';
import { MIN_LOOK_MS, sleepBeforeNextLook, Waker } from './waker.js';

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
