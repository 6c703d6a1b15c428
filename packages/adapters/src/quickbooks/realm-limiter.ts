/**
 * How much of a realm's QBO allowance one process may use. Intuit's limits are per realm and app, for
 * every process together (QBO-API.md §4): the shares add up to them, and the HTTP app's is lent to the
 * worker while the HTTP app does not claim it (`shared-budget.ts`).
 */
export interface RealmLimits {
  readonly perSecond: number;
  readonly perMinute: number;
  /** Batch requests also count in `perMinute`. */
  readonly batchesPerMinute: number;
  readonly concurrent: number;
}

/** Intuit's limits per realm and app: 10 per second, 500 per minute, 40 batch requests per minute, 10 at once. */
export const INTUIT_LIMITS: RealmLimits = { perSecond: 10, perMinute: 500, batchesPerMinute: 40, concurrent: 10 };

/**
 * The HTTP app's share of a realm, once claimed: connect (the profile, a handful of reads),
 * *Réessayer* (the same) and the tax-code screen. Two at a time, two a second, 50 a minute. At 12 a
 * minute an office manager who connected, clicked *Réessayer* twice and opened the tax codes waited up
 * to a minute with the screen empty; 30 still made the console's browser test wait. Unclaimed, all but
 * its reserve (`HTTP_APP_RESERVE`) is lent to the worker. The HTTP app sends no batch but is given one.
 */
export const HTTP_APP_SHARE: RealmLimits = { perSecond: 2, perMinute: 50, batchesPerMinute: 1, concurrent: 2 };

/**
 * The worker's share of a realm the HTTP app claims: the rest (89 % of Intuit's per-minute limit);
 * unclaimed, it borrows the HTTP app's share but its reserve (`WORKER_SHARE_UNCLAIMED`, 97 %). No
 * margin is taken on the rates: the windows count each request as late as QBO can have counted it
 * (`RealmLimiter.arrivedAt`), so requests sent apart never reach QBO closer together than the windows
 * allow; only the minute keeps a few requests in hand.
 */
export const WORKER_SHARE: RealmLimits = {
  perSecond: INTUIT_LIMITS.perSecond - HTTP_APP_SHARE.perSecond,
  perMinute: INTUIT_LIMITS.perMinute - HTTP_APP_SHARE.perMinute - 3,
  batchesPerMinute: INTUIT_LIMITS.batchesPerMinute - HTTP_APP_SHARE.batchesPerMinute,
  concurrent: INTUIT_LIMITS.concurrent - HTTP_APP_SHARE.concurrent,
};

/** The limiter's time: injectable so that tests run the windows on a manual clock. */
export interface LimiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Length of Intuit's windows; shorter in tests against a sandbox whose time scale is shortened. */
  readonly secondMs: number;
  readonly minuteMs: number;
  /**
   * How much shorter than the fastest trip seen a request's way to QBO plus another's way back may be
   * (`RealmLimiter.arrivedAt`): the unevenness of trips a window allows for.
   */
  readonly arrivalMarginMs: number;
}

export const realTime = (scale = 1): LimiterTime => ({
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  secondMs: 1000 * scale,
  minuteMs: 60_000 * scale,
  // 50 ms at Intuit's pace, but never below 10 ms of the wall clock: an event loop's delays do not shrink with the scale.
  arrivalMarginMs: Math.max(50 * scale, 10),
});

export interface Permit {
  release(): void;
}

/** A request asking for a permit: a batch (its own window too), the latest it may start, uploads behind the others. */
interface Acquire {
  readonly batch: boolean;
  readonly deadline: number;
  readonly behindOthers?: boolean;
}

/** A request as a window counts it: as arriving now until its answer is back, then as arrived at `at`. */
interface Stamp {
  at: number;
  answered: boolean;
}

/** Sends in a sliding window, as QBO counts them (when each request arrives: see `RealmLimiter.arrivedAt`). */
class SlidingWindow {
  private stamps: Stamp[] = [];
  constructor(private readonly lengthMs: () => number) {}

  /** @returns how long until one more send fits among `size` a window (0 if it fits now); the size may change from call to call */
  waitMs(now: number, size: number): number {
    const latest = (s: Stamp): number => (s.answered ? s.at : now);
    this.stamps = this.stamps.filter((s) => latest(s) > now - this.lengthMs()).sort((a, b) => latest(a) - latest(b));
    if (this.stamps.length < size) return 0;
    const oldest = this.stamps[this.stamps.length - size];
    return (oldest === undefined ? now : latest(oldest)) + this.lengthMs() - now;
  }

  /** @returns the requests in the window as of the last `waitMs` and `record` */
  size(): number {
    return this.stamps.length;
  }

  record(now: number): Stamp {
    const stamp = { at: now, answered: false };
    this.stamps.push(stamp);
    return stamp;
  }
}

/**
 * What one process may use of one realm's allowance. Fixed (`fixedShare`), or changing with the other
 * processes' use of the realm (`shared-budget.ts`): the limiter asks before each send.
 */
export interface RealmShare {
  /**
   * Told how many requests of this process the minute window holds, after each send and while the
   * minute holds a send back (`heldBack`): the HTTP app claims its share as its reserve runs out.
   */
  usedThisMinute?(requests: number, heldBack: boolean): void;
  /** @returns the limits a send may take now, and until when they hold at least (the limiter looks again then) */
  limitsAt(now: number): { readonly limits: RealmLimits; readonly until: number };
}

/** The shares of every realm a process talks to. */
export interface RealmBudget {
  shareOf(realmId: string): RealmShare;
}

/** The same limits for every realm, whatever the other processes do. */
export const fixedBudget = (limits: RealmLimits): RealmBudget => {
  const share: RealmShare = { limitsAt: () => ({ limits, until: Number.POSITIVE_INFINITY }) };
  return { shareOf: () => share };
};

/**
 * Answers seen before the fastest trip is trusted: the first requests go in a burst, each waiting for
 * the others on both sides, so their fastest is no trip's least.
 */
const TRIPS_BEFORE_FASTEST = 20;

/**
 * One realm's limiter in this process: requests take a permit in arrival order (uploads behind the
 * others waiting), waiting for a free slot in every window, for a free concurrent slot, and out any
 * pause set after a 429. A request that cannot start by its deadline is not sent (a write must not be
 * held back: the write protocol assumes a post reaches QBO soon after its intent was stored).
 */
/**
 * The batch requests of a minute go in bursts of at most this many (over the same share of the
 * minute): spent all at once, the batches' minute would hold the next batch back until its first
 * requests leave it, longer than a write may wait (its deadline: it is then not sent at all), and
 * without PDFs batches are all there is to send. Eight a burst is more than a realm's leases post
 * at their busiest with PDFs (a customers' batch and a transactions' batch a lease).
 */
export const BATCH_BURST = 8;

export class RealmLimiter {
  private readonly perSecond: SlidingWindow;
  private readonly perMinute: SlidingWindow;
  private readonly batches: SlidingWindow;
  private readonly batchBurst: SlidingWindow;
  /** The batches a minute of the share last read: the burst's window is its share of the minute. */
  private batchesPerMinute = 1;
  private inFlight = 0;
  private released: Array<() => void> = [];
  /** Requests waiting for a permit, in turn (uploads behind the others); the first is served while `serving`. */
  private readonly waiting: { readonly request: Acquire; readonly resolve: (permit: Permit | 'deadline') => void }[] = [];
  private serving = false;
  private pausedUntil = 0;
  /** The shortest time from send to answer seen on this realm (see `arrivedAt`). */
  private fastestTripMs = Number.POSITIVE_INFINITY;
  private trips = 0;

  private readonly share: RealmShare;

  constructor(
    share: RealmLimits | RealmShare,
    private readonly time: LimiterTime,
  ) {
    this.share = 'limitsAt' in share ? share : fixedBudget(share).shareOf('');
    this.perSecond = new SlidingWindow(() => time.secondMs);
    this.perMinute = new SlidingWindow(() => time.minuteMs);
    this.batches = new SlidingWindow(() => time.minuteMs);
    this.batchBurst = new SlidingWindow(() => (time.minuteMs * this.burstOf()) / this.batchesPerMinute);
  }

  /**
   * When QBO counted a request sent at `sentAt` and answered at `answeredAt`, as late as it can have
   * been. Somewhere between the two; counting it at its answer (as if every trip were spent on the way
   * back) costs each request a whole answer time of its window: at 10 a second and 0.3 s answers, 7.7
   * a second. But every trip has a part on the way to QBO and a part on the way back, and no request
   * of this realm took less than the fastest trip seen: counting a request `fastest − margin` before
   * its answer lets a request sent after it reach QBO after it as long as its own way there (and this
   * one's way back) is no shorter, less the margin, than the fastest trip's. A request slowed on its way
   * (a new connection, a busy event loop) answers late and is counted late: it never frees its slot early.
   */
  private arrivedAt(sentAt: number, answeredAt: number): number {
    this.fastestTripMs = Math.min(this.fastestTripMs, answeredAt - sentAt);
    this.trips += 1;
    if (this.trips < TRIPS_BEFORE_FASTEST) return answeredAt;
    return answeredAt - Math.max(0, this.fastestTripMs - this.time.arrivalMarginMs);
  }

  /** QBO answered 429: nothing is sent for this realm until `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * @param request.behindOthers an upload: it waits behind every other request waiting (a realm's
   *   next batch of transactions must not wait for the PDFs of the one before: the limiter would run
   *   dry while it is written, and a write waiting too long is not sent at all)
   * @returns a permit once the request may be sent, or 'deadline' if it could not start by `deadline`
   */
  acquire(request: Acquire): Promise<Permit | 'deadline'> {
    return new Promise((resolve) => {
      const waiter = { request, resolve };
      const firstBehind = request.behindOthers === true ? -1 : this.waiting.findIndex((w) => w.request.behindOthers === true);
      if (firstBehind < 0) this.waiting.push(waiter);
      else this.waiting.splice(firstBehind, 0, waiter);
      void this.serveInTurn();
    });
  }

  /** Takes a permit for each waiting request, one after another, in their order. */
  private async serveInTurn(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) next.resolve(await this.take(next.request));
    this.serving = false;
  }

  /** How long until one more batch fits both its minute and its burst (`BATCH_BURST`). */
  private batchWaitMs(now: number, batchesPerMinute: number): number {
    this.batchesPerMinute = Math.max(1, batchesPerMinute);
    return Math.max(this.batches.waitMs(now, batchesPerMinute), this.batchBurst.waitMs(now, this.burstOf()));
  }

  private burstOf(): number {
    return Math.min(BATCH_BURST, this.batchesPerMinute);
  }

  private async take({ batch, deadline }: Acquire): Promise<Permit | 'deadline'> {
    for (;;) {
      const now = this.time.now();
      const { limits, until } = this.share.limitsAt(now);
      // The share may grow by then: a request waits for it rather than give up on the limits of now.
      const lookAgainMs = Math.max(1, until - now);
      const lastLook = until >= deadline;
      if (this.pausedUntil > deadline) return 'deadline';
      if (this.inFlight >= limits.concurrent) {
        if (now >= deadline) return 'deadline';
        const released = new Promise<void>((resolve) => this.released.push(resolve));
        const waitMs = Math.min(deadline - now, lookAgainMs);
        await (Number.isFinite(waitMs) ? Promise.race([released, this.time.sleep(waitMs)]) : released);
        continue;
      }
      const minuteWait = this.perMinute.waitMs(now, limits.perMinute);
      if (minuteWait > 0) this.share.usedThisMinute?.(this.perMinute.size(), true);
      const wait = Math.max(
        this.perSecond.waitMs(now, limits.perSecond),
        minuteWait,
        batch ? this.batchWaitMs(now, limits.batchesPerMinute) : 0,
        this.pausedUntil - now,
      );
      if (wait > 0) {
        if (now + wait > deadline && (lastLook || now >= deadline)) return 'deadline';
        // A request in flight counts as arriving now: its answer may free the slot sooner.
        const released = new Promise<void>((resolve) => this.released.push(resolve));
        await Promise.race([released, this.time.sleep(Math.min(wait, lookAgainMs))]);
        continue;
      }
      const stamps = [
        this.perSecond.record(now),
        this.perMinute.record(now),
        ...(batch ? [this.batches.record(now), this.batchBurst.record(now)] : []),
      ];
      this.share.usedThisMinute?.(this.perMinute.size(), false);
      this.inFlight += 1;
      let done = false;
      return {
        release: () => {
          if (done) return;
          done = true;
          const answeredAt = this.time.now();
          const at = this.arrivedAt(now, answeredAt);
          for (const stamp of stamps) Object.assign(stamp, { at, answered: true });
          this.inFlight -= 1;
          const waiting = this.released;
          this.released = [];
          for (const wake of waiting) wake();
        },
      };
    }
  }
}

/** The limiters of every realm this process talks to, each on its share of the realm (`budget`). */
export class RealmLimiters {
  private readonly byRealm = new Map<string, RealmLimiter>();
  private readonly budget: RealmBudget;
  constructor(
    budget: RealmLimits | RealmBudget,
    readonly time: LimiterTime,
  ) {
    this.budget = 'shareOf' in budget ? budget : fixedBudget(budget);
  }

  of(realmId: string): RealmLimiter {
    let limiter = this.byRealm.get(realmId);
    if (limiter === undefined) {
      limiter = new RealmLimiter(this.budget.shareOf(realmId), this.time);
      this.byRealm.set(realmId, limiter);
    }
    return limiter;
  }
}
