/** A peer's share of Intuit's limits per realm. */
export interface Share {
  readonly perMinute: number;
  readonly perSecond: number;
}

const THROTTLED_BACK_OFF_MS = [60_000, 120_000, 300_000] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a node-quickbooks error is Intuit's throttling (HTTP 429, or the 3001 fault). */
const isThrottled = (e: unknown): boolean => {
  const status = (e as { response?: { status?: number } } | null)?.response?.status;
  return status === 429 || JSON.stringify(e ?? null).includes('"3001"');
};

/**
 * The pacing a common peer does (Invoice Ninja's `QuickbooksRateLimiter`): requests counted over the
 * last second and the last minute, held back while either is full; a 429 pauses that call 60, 120,
 * then 300 s before it is sent again. Windows and back-off are multiplied by the time scale.
 */
export class PacedCalls {
  private readonly sentAt: number[] = [];
  /** 429s answered, each followed by a back-off. */
  throttled = 0;

  constructor(
    private readonly share: Share,
    private readonly scale: number,
  ) {}

  /** Runs `request` once the windows allow `weight` more requests (node-quickbooks' `upload` sends two). */
  async run<T>(request: () => Promise<T>, weight = 1): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      await this.slot(weight);
      try {
        return await request();
      } catch (e) {
        const backOff = THROTTLED_BACK_OFF_MS[attempt];
        if (!isThrottled(e) || backOff === undefined) throw e;
        this.throttled += 1;
        await sleep(backOff * this.scale);
      }
    }
  }

  private async slot(weight: number): Promise<void> {
    const minute = 60_000 * this.scale;
    const second = 1_000 * this.scale;
    for (;;) {
      const now = Date.now();
      while (this.sentAt.length > 0 && (this.sentAt[0] ?? now) <= now - minute) this.sentAt.shift();
      const inSecond = this.sentAt.filter((t) => t > now - second).length;
      if (this.sentAt.length + weight <= this.share.perMinute && inSecond + weight <= this.share.perSecond) {
        for (let i = 0; i < weight; i += 1) this.sentAt.push(now);
        return;
      }
      const oldest = inSecond + weight > this.share.perSecond ? this.sentAt.find((t) => t > now - second) : this.sentAt[0];
      await sleep(Math.max(1, (oldest ?? now) + (inSecond + weight > this.share.perSecond ? second : minute) - now));
    }
  }
}
