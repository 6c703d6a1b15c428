/** How the adapter paces, waits for and retries requests to QBO. Production values are Intuit's; tests shorten them. */
export interface RequestPolicy {
  /** QBO gives up on a request after 120 s: wait a little longer before calling it a time-out. */
  readonly timeoutMs: number;
  /** A read is sent at most this many times (5xx, time-out or network failure before the last one; a 429 is waited out apart). */
  readonly readAttempts: number;
  /** Back-off before a read is sent again: random in [0, min(cap, base × 2^attempt)] ("full jitter"). */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** After a 429, nothing is sent for the realm for this long (Intuit: wait 60 s). */
  readonly throttleCooldownMs: number;
  /** A 429 answer this long after the first of an uninterrupted run of them is a lasting refusal (monthly quota): a visible fault. */
  readonly lastingThrottleMs: number;
  /** How long a read may wait for a slot of the limiter. */
  readonly maxReadWaitMs: number;
  /** How long a write may wait: short, because the write protocol assumes a post leaves soon after its intent is stored. */
  readonly maxWriteWaitMs: number;
  readonly random: () => number;
}

export const INTUIT_POLICY: RequestPolicy = {
  timeoutMs: 130_000,
  readAttempts: 4,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
  throttleCooldownMs: 60_000,
  lastingThrottleMs: 15 * 60_000,
  maxReadWaitMs: 75_000,
  maxWriteWaitMs: 20_000,
  random: Math.random,
};

/** @returns the wait before attempt `attempt` (1 = the first re-send) */
export const backoffMs = (policy: RequestPolicy, attempt: number): number =>
  Math.floor(policy.random() * Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** attempt));

/**
 * The policy with every duration multiplied by `scale` (a module whose time runs `1 / scale` times
 * faster, against a QBO sandbox whose windows are shortened as much): the same waits, retries and
 * time-outs relative to the limits. At 1 the policy is returned unchanged.
 */
export const scaledPolicy = (policy: RequestPolicy, scale: number): RequestPolicy =>
  scale === 1
    ? policy
    : {
        ...policy,
        timeoutMs: policy.timeoutMs * scale,
        backoffBaseMs: policy.backoffBaseMs * scale,
        backoffCapMs: policy.backoffCapMs * scale,
        throttleCooldownMs: policy.throttleCooldownMs * scale,
        lastingThrottleMs: policy.lastingThrottleMs * scale,
        maxReadWaitMs: policy.maxReadWaitMs * scale,
        maxWriteWaitMs: policy.maxWriteWaitMs * scale,
      };
