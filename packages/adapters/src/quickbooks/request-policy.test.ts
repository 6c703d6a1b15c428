import { describe, expect, it } from 'vitest';
import { INTUIT_POLICY, scaledPolicy } from './request-policy.js';

describe('scaledPolicy (the module time scale)', () => {
  it('at scale 1 is the policy itself: production unchanged', () => {
    expect(scaledPolicy(INTUIT_POLICY, 1)).toBe(INTUIT_POLICY);
  });

  it('multiplies every duration by the scale, and keeps the counts and the randomness', () => {
    const scaled = scaledPolicy(INTUIT_POLICY, 0.1);
    expect(scaled).toEqual({
      timeoutMs: 13_000,
      readAttempts: 4,
      backoffBaseMs: 50,
      backoffCapMs: 800,
      throttleCooldownMs: 6_000,
      lastingThrottleMs: 90_000,
      maxReadWaitMs: 7_500,
      maxWriteWaitMs: 2_000,
      random: INTUIT_POLICY.random,
    });
  });
});
