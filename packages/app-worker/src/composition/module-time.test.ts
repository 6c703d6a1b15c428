import { describe, expect, it } from 'vitest';
import { scaledClock, wallMs } from './module-time.js';

describe('the module time scale', () => {
  it('at scale 1 the module clock is the wall clock, whatever the origin', () => {
    let wall = 1_700_000_000_000;
    const clock = scaledClock({ scale: 1, origin: 5 }, () => wall);
    expect(clock.now()).toBe(1_700_000_000_000);
    wall += 1234;
    expect(clock.now()).toBe(1_700_000_001_234);
    expect(wallMs({ scale: 1 }, 180_000)).toBe(180_000);
  });

  it('at scale 0.1 a module duration lasts a tenth on the wall clock, and the clocks agree at the origin', () => {
    const origin = 1_700_000_000_000;
    let wall = origin;
    const clock = scaledClock({ scale: 0.1, origin }, () => wall);
    expect(clock.now()).toBe(origin);
    wall += 18_000;
    // 18 s of wall time is the in-flight window's 180 s in the module.
    expect(clock.now()).toBe(origin + 180_000);
    expect(wallMs({ scale: 0.1 }, 180_000)).toBe(18_000);
  });

  it('two processes of one run with the same origin read the same module time (a restart goes on, never back)', () => {
    const origin = 1_000;
    const wall = 61_000;
    const first = scaledClock({ scale: 0.01, origin }, () => wall);
    const restarted = scaledClock({ scale: 0.01, origin }, () => wall);
    expect(first.now()).toBe(restarted.now());
    expect(first.now()).toBe(origin + 6_000_000);
  });
});
