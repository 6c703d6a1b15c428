import type { QboShareClaims, RealmId, StoreError } from '@ogustine-qbo/domain';
import {
  HTTP_APP_SHARE,
  INTUIT_LIMITS,
  WORKER_SHARE,
  type LimiterTime,
  type RealmBudget,
  type RealmLimits,
  type RealmShare,
} from './realm-limiter.js';

/**
 * The part of the HTTP app's share never lent to the worker: its first calls after a claim go within
 * it at once, before the worker has certainly seen the claim and drained what it borrowed.
 * Neither batches nor concurrency are lent: the worker does not need them to reach the minute's limit.
 */
export const HTTP_APP_RESERVE: RealmLimits = {
  perSecond: 1,
  perMinute: 10,
  batchesPerMinute: HTTP_APP_SHARE.batchesPerMinute,
  concurrent: HTTP_APP_SHARE.concurrent,
};

/** Requests a minute kept in hand under Intuit's limit, as `WORKER_SHARE` keeps. */
const IN_HAND_PER_MINUTE = INTUIT_LIMITS.perMinute - WORKER_SHARE.perMinute - HTTP_APP_SHARE.perMinute;

/**
 * The worker's share of a realm the HTTP app does not claim: Intuit's limits but the reserve, and a
 * few requests a minute in hand, so that an initial sync alone reaches 97 % of the per-minute limit.
 */
export const WORKER_SHARE_UNCLAIMED: RealmLimits = {
  perSecond: INTUIT_LIMITS.perSecond - HTTP_APP_RESERVE.perSecond,
  perMinute: INTUIT_LIMITS.perMinute - HTTP_APP_RESERVE.perMinute - IN_HAND_PER_MINUTE,
  batchesPerMinute: WORKER_SHARE.batchesPerMinute,
  concurrent: WORKER_SHARE.concurrent,
};

/**
 * The times both sides agree on, in the limiter's time (so the module's time scale shortens them too).
 * - The HTTP app claims a realm in two steps. Half its reserve's minute used, it stores a short claim
 *   (`drainClaimMs`, 20 s): the worker gives back what it borrowed while the rest of the reserve goes,
 *   and a connect's handful of reads holds the worker back for no longer. Its reserve spent, it
 *   stores a claim of two minutes (`fullClaimMs`), stored again while it goes on above its reserve
 *   once half a minute would be gained (one write per realm per half-minute at most).
 * - The HTTP app sends above its reserve only while more than a minute and a quarter of its claim is
 *   left: its requests above the reserve have left Intuit's windows when the claim ends, and the
 *   worker borrows again at once.
 * - The worker reads the claims of its realms every second (one query), and lends itself the HTTP
 *   app's share only on a read begun less than two seconds ago (`readValidMs`): two seconds after a
 *   claim is stored, the worker keeps to `WORKER_SHARE`, even if its reads fail or lag.
 * - After a claim (one not extending a claim still held), the HTTP app keeps to its reserve until the
 *   worker has certainly drained what it borrowed: its second window a second after it has seen the
 *   claim (and a second more for the requests then in flight, and the clocks); its minute as what it
 *   sent before it kept to its share leaves the window, at most 9 a second (`perMinuteAfter`): the
 *   11th request of the HTTP app's minute may go 9 s after the first claim, its whole share 14 s after.
 */
export const shareTimes = (time: Pick<LimiterTime, 'secondMs' | 'minuteMs'>) => {
  const { secondMs, minuteMs } = time;
  const readEveryMs = secondMs;
  const readValidMs = 2 * secondMs;
  return {
    secondMs,
    minuteMs,
    drainClaimMs: minuteMs / 3,
    fullClaimMs: 2 * minuteMs,
    claimAgainWhenGainedMs: minuteMs / 2,
    sendAboveReserveWhileLeftMs: minuteMs + minuteMs / 4,
    readEveryMs,
    readValidMs,
    fullPerSecondAfterMs: readValidMs + secondMs + secondMs,
  };
};

/**
 * The worker's budget: for each realm it serves, `WORKER_SHARE_UNCLAIMED` while the HTTP app claims
 * none of it, `WORKER_SHARE` while it does, or while the claims could not be read
 * lately (a store failure costs the worker its loan, never the HTTP app its share). The claims are read
 * in one query for all its realms, at most once a second, and only while the worker sends.
 */
export class WorkerBudget implements RealmBudget {
  private readonly realms = new Set<RealmId>();
  private read: { startedAt: number; realms: ReadonlySet<RealmId>; claims: ReadonlyMap<RealmId, number> } | undefined;
  private reading = false;
  private readonly times: ReturnType<typeof shareTimes>;

  constructor(
    private readonly claims: QboShareClaims,
    time: LimiterTime,
    private readonly onReadFailed: (error: StoreError) => void = () => undefined,
  ) {
    this.times = shareTimes(time);
  }

  shareOf(realmId: RealmId): RealmShare {
    this.realms.add(realmId);
    return { limitsAt: (now) => this.limitsOf(realmId, now) };
  }

  private limitsOf(realmId: RealmId, now: number): { limits: RealmLimits; until: number } {
    const { readEveryMs, readValidMs } = this.times;
    if (!this.reading && (this.read === undefined || now - this.read.startedAt >= readEveryMs)) this.readClaims(now);
    const read = this.read;
    if (read === undefined || now - read.startedAt >= readValidMs || !read.realms.has(realmId))
      return { limits: WORKER_SHARE, until: now + readEveryMs / 4 };
    const claimedUntil = read.claims.get(realmId);
    const unclaimed = claimedUntil === undefined || now >= claimedUntil;
    return { limits: unclaimed ? WORKER_SHARE_UNCLAIMED : WORKER_SHARE, until: read.startedAt + readValidMs };
  }

  private readClaims(startedAt: number): void {
    this.reading = true;
    const realms = [...this.realms];
    void this.claims
      .claimsOf(realms)
      .match(
        (claims) => {
          this.read = { startedAt, realms: new Set(realms), claims };
        },
        (error) => this.onReadFailed(error),
      )
      .finally(() => {
        this.reading = false;
      });
  }
}

/**
 * The HTTP app's budget: it sends within `HTTP_APP_RESERVE` (never lent: no claim needed), and claims
 * its share of a realm as the reserve runs out (`shareTimes`: a short claim at half the reserve, so the
 * worker drains meanwhile; a long one once it is spent). It goes above its reserve as the worker has
 * certainly drained what it borrowed (`perMinuteAfter`). A claim that could not
 * be stored leaves it to its reserve: the worker, seeing none, may be using the rest.
 */
export class HttpAppBudget implements RealmBudget {
  private readonly claimed = new Map<RealmId, { since: number; activeUntil: number }>();
  private readonly storing = new Set<RealmId>();
  private readonly times: ReturnType<typeof shareTimes>;

  constructor(
    private readonly claims: QboShareClaims,
    private readonly time: LimiterTime,
    private readonly onClaimFailed: (error: StoreError) => void = () => undefined,
  ) {
    this.times = shareTimes(time);
  }

  shareOf(realmId: RealmId): RealmShare {
    return {
      limitsAt: (now) => this.limitsOf(realmId, now),
      usedThisMinute: (requests, heldBack) => {
        const reserve = HTTP_APP_RESERVE.perMinute;
        if (requests > reserve || (heldBack && requests >= reserve)) this.claim(realmId, this.times.fullClaimMs);
        else if (requests >= reserve / 2) this.claim(realmId, this.times.drainClaimMs);
      },
    };
  }

  /** Stores a claim of `lengthMs` from now, unless one is being stored or it would not reach half a minute further than the one held. */
  private claim(realmId: RealmId, lengthMs: number): void {
    const held = this.claimed.get(realmId);
    if (this.storing.has(realmId)) return;
    const activeUntil = this.time.now() + lengthMs;
    if (held !== undefined && activeUntil - held.activeUntil < this.times.claimAgainWhenGainedMs) return;
    this.storing.add(realmId);
    void this.store(realmId, activeUntil).finally(() => this.storing.delete(realmId));
  }

  private async store(realmId: RealmId, activeUntil: number): Promise<void> {
    const stored = await this.claims.claim(realmId, activeUntil);
    if (stored.isErr()) return this.onClaimFailed(stored.error);
    const storedAt = this.time.now();
    const previous = this.claimed.get(realmId);
    // Stored while the previous claim still held the worker to its share: the worker borrowed nothing meanwhile.
    const extends_ = previous !== undefined && storedAt < previous.activeUntil;
    this.claimed.set(realmId, { since: extends_ ? previous.since : storedAt, activeUntil });
  }

  private limitsOf(realmId: RealmId, now: number): { limits: RealmLimits; until: number } {
    const { sendAboveReserveWhileLeftMs, fullPerSecondAfterMs, readEveryMs, secondMs } = this.times;
    const held = this.claimed.get(realmId);
    const aboveReserveUntil = held === undefined ? Number.NEGATIVE_INFINITY : held.activeUntil - sendAboveReserveWhileLeftMs;
    // A claim may be stored meanwhile: look again soon.
    if (held === undefined || now > aboveReserveUntil) return { limits: HTTP_APP_RESERVE, until: now + readEveryMs / 4 };
    const fullPerSecondAt = held.since + fullPerSecondAfterMs;
    const perMinute = this.perMinuteAfter(now - held.since);
    return {
      limits: {
        ...HTTP_APP_SHARE,
        perSecond: now >= fullPerSecondAt ? HTTP_APP_SHARE.perSecond : HTTP_APP_RESERVE.perSecond,
        perMinute,
      },
      // The minute's allowance grows each second until the share is whole.
      until: Math.min(
        ...[fullPerSecondAt, aboveReserveUntil + 1, perMinute < HTTP_APP_SHARE.perMinute ? now + secondMs : Infinity].filter(
          (t) => t > now,
        ),
      ),
    };
  }

  /**
   * The HTTP app's minute, `sinceClaimMs` after its claim was stored: what the worker's requests may
   * leave of Intuit's minute (less the few in hand), within the HTTP app's share. By then the worker has
   * kept to `WORKER_SHARE` since at most `readValidMs` after the claim; what it sent before fits in the
   * rest of the window (less a second for the requests then in flight, and the clocks), at most
   * `WORKER_SHARE_UNCLAIMED.perSecond` a second.
   */
  private perMinuteAfter(sinceClaimMs: number): number {
    const { minuteMs, secondMs, readValidMs } = this.times;
    const borrowedSpanMs = minuteMs - (sinceClaimMs - readValidMs) + secondMs;
    const borrowedAtMost = WORKER_SHARE_UNCLAIMED.perSecond * Math.ceil(Math.max(0, borrowedSpanMs) / secondMs);
    const workerAtMost = Math.min(WORKER_SHARE_UNCLAIMED.perMinute, Math.max(WORKER_SHARE.perMinute, borrowedAtMost));
    const left = INTUIT_LIMITS.perMinute - IN_HAND_PER_MINUTE - workerAtMost;
    return Math.max(HTTP_APP_RESERVE.perMinute, Math.min(HTTP_APP_SHARE.perMinute, left));
  }
}
