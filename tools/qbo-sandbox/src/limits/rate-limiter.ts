// Intuit's per-realm limits (QBO-API.md §3 and §4): 10 requests per second, 500 per minute, and 40 batch
// requests per minute. Sliding windows of timestamps; a refused request is not counted, so a client that
// backs off recovers once the window has moved on.

export interface Limit {
  readonly name: string;
  readonly max: number;
  /** Window length at time scale 1. */
  readonly windowMs: number;
}

export const PER_SECOND: Limit = { name: 'per-second', max: 10, windowMs: 1000 };
export const PER_MINUTE: Limit = { name: 'per-minute', max: 500, windowMs: 60_000 };
export const BATCH_PER_MINUTE: Limit = { name: 'batch-per-minute', max: 40, windowMs: 60_000 };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** @param timeScale read at every request, so the admin API can change it */
  constructor(private readonly timeScale: () => number) {}

  /**
   * Counts one request of `realmId` against `limits` at `nowMs`, unless one of them is already reached.
   * @returns the name of the limit that refuses the request, or undefined when it was counted
   */
  take(realmId: string, limits: readonly Limit[], nowMs: number): string | undefined {
    for (const limit of limits) {
      if (this.recent(realmId, limit, nowMs).length >= limit.max) return limit.name;
    }
    for (const limit of limits) this.recent(realmId, limit, nowMs).push(nowMs);
    return undefined;
  }

  reset(): void {
    this.hits.clear();
  }

  private recent(realmId: string, limit: Limit, nowMs: number): number[] {
    const key = `${realmId}\u0000${limit.name}`;
    const since = nowMs - limit.windowMs * this.timeScale();
    const kept = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.set(key, kept);
    return kept;
  }
}
