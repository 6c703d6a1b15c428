// Faults a test asks for through /__admin/faults. A fault is scoped to one realm or, without realmId, to
// every realm; the realm's own scope is used first.

export type InjectedStatus = 500 | 503;

export interface FaultRequest {
  realmId?: string;
  failNext?: { count: number; status: InjectedStatus };
  /** Added before every request of the scope; 0 removes it. */
  latencyMs?: number;
  /** The next N requests are handled and committed, then their connection is closed without a response. */
  dropResponseNext?: number;
  /** Refuses every request of the scope with 429 for one (scaled) minute. */
  throttleNow?: boolean;
  /** From now on, each request of the scope fails with `status` with probability `rate` (0 removes it). */
  failRate?: { rate: number; status: InjectedStatus };
  /** From now on, each request of the scope is committed, then its answer dropped, with this probability (0 removes it). */
  dropResponseRate?: number;
}

interface ScopeFaults {
  failNext: { count: number; status: InjectedStatus } | undefined;
  latencyMs: number;
  dropResponseNext: number;
  throttledUntilMs: number;
  failRate: { rate: number; status: InjectedStatus } | undefined;
  dropResponseRate: number;
}

const ANY_REALM = '*';

export class FaultInjector {
  private readonly scopes = new Map<string, ScopeFaults>();

  /** @param random a number in [0, 1) per draw: whether a request meets a fault given as a rate */
  constructor(
    private readonly minuteMs: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Records the faults of `request`, adding to those already pending. */
  inject(request: FaultRequest, nowMs: number): void {
    const scope = this.scope(request.realmId ?? ANY_REALM);
    if (request.failNext !== undefined) scope.failNext = { ...request.failNext };
    if (request.latencyMs !== undefined) scope.latencyMs = request.latencyMs;
    if (request.dropResponseNext !== undefined) scope.dropResponseNext += request.dropResponseNext;
    if (request.throttleNow === true) scope.throttledUntilMs = nowMs + this.minuteMs();
    if (request.failRate !== undefined) scope.failRate = request.failRate.rate > 0 ? { ...request.failRate } : undefined;
    if (request.dropResponseRate !== undefined) scope.dropResponseRate = request.dropResponseRate;
  }

  latencyMs(realmId: string): number {
    return this.own(realmId)?.latencyMs || this.own(ANY_REALM)?.latencyMs || 0;
  }

  /** Spends one pending failure of the realm, else draws against its failure rate. @returns the status to answer, or undefined */
  takeFailure(realmId: string): InjectedStatus | undefined {
    for (const key of [realmId, ANY_REALM]) {
      const failNext = this.own(key)?.failNext;
      if (failNext !== undefined && failNext.count > 0) {
        failNext.count -= 1;
        return failNext.status;
      }
    }
    const failRate = this.own(realmId)?.failRate ?? this.own(ANY_REALM)?.failRate;
    return failRate !== undefined && this.random() < failRate.rate ? failRate.status : undefined;
  }

  isThrottled(realmId: string, nowMs: number): boolean {
    return [realmId, ANY_REALM].some((key) => (this.own(key)?.throttledUntilMs ?? 0) > nowMs);
  }

  /** Spends one pending dropped response of the realm, else draws against its drop rate. @returns true when this response must be dropped */
  takeDrop(realmId: string): boolean {
    for (const key of [realmId, ANY_REALM]) {
      const scope = this.own(key);
      if (scope !== undefined && scope.dropResponseNext > 0) {
        scope.dropResponseNext -= 1;
        return true;
      }
    }
    const rate = this.own(realmId)?.dropResponseRate || this.own(ANY_REALM)?.dropResponseRate || 0;
    return rate > 0 && this.random() < rate;
  }

  /** The pending faults, for /__admin. */
  snapshot(): Record<string, ScopeFaults> {
    return Object.fromEntries([...this.scopes].map(([key, value]) => [key, { ...value }]));
  }

  reset(): void {
    this.scopes.clear();
  }

  private own(key: string): ScopeFaults | undefined {
    return this.scopes.get(key);
  }

  private scope(key: string): ScopeFaults {
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = { failNext: undefined, latencyMs: 0, dropResponseNext: 0, throttledUntilMs: 0, failRate: undefined, dropResponseRate: 0 };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}
