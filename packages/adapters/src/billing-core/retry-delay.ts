// How long to wait before the next attempt, or whether to stop.

export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
}

/**
 * Full jitter (a random wait in [0, base × 2ⁿ⁻¹) after failed attempt n), never less than the
 * server's `Retry-After`; a `Retry-After` beyond `maxRetryAfterMs`, or no attempt left, stops.
 */
export const retryDelay = (
  failedAttempt: number,
  retryAfterMs: number | null,
  options: { readonly attempts: number; readonly baseDelayMs: number; readonly maxRetryAfterMs: number; readonly random: () => number },
): RetryDecision => {
  if (failedAttempt >= options.attempts) return { retry: false, delayMs: 0 };
  if (retryAfterMs !== null && retryAfterMs > options.maxRetryAfterMs) return { retry: false, delayMs: 0 };
  const jitter = Math.floor(options.random() * options.baseDelayMs * 2 ** (failedAttempt - 1));
  return { retry: true, delayMs: Math.max(jitter, retryAfterMs ?? 0) };
};
