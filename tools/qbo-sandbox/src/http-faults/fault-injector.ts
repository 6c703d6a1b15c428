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
}

interface ScopeFaults {
  failNext: { count: number; status: InjectedStatus } | undefined;
  latencyMs: number;
  dropResponseNext: number;
  throttledUntilMs: number;
}

const ANY_REALM = '*';

export class FaultInjector {
  private readonly scopes = new Map<string, ScopeFaults>();

  constructor(private readonly minuteMs: () => number) {}

  /** Records the faults of `request`, adding to those already pending. */
  inject(request: FaultRequest, nowMs: number): void {
    const scope = this.scope(request.realmId ?? ANY_REALM);
    if (request.failNext !== undefined) scope.failNext = { ...request.failNext };
    if (request.latencyMs !== undefined) scope.latencyMs = request.latencyMs;
    if (request.dropResponseNext !== undefined) scope.dropResponseNext += request.dropResponseNext;
    if (request.throttleNow === true) scope.throttledUntilMs = nowMs + this.minuteMs();
  }

  latencyMs(realmId: string): number {
    return this.own(realmId)?.latencyMs || this.own(ANY_REALM)?.latencyMs || 0;
  }

  /** Spends one pending failure of the realm. @returns the status to answer, or undefined */
  takeFailure(realmId: string): InjectedStatus | undefined {
    for (const key of [realmId, ANY_REALM]) {
      const failNext = this.own(key)?.failNext;
      if (failNext !== undefined && failNext.count > 0) {
        failNext.count -= 1;
        return failNext.status;
      }
    }
    return undefined;
  }

  isThrottled(realmId: string, nowMs: number): boolean {
    return [realmId, ANY_REALM].some((key) => (this.own(key)?.throttledUntilMs ?? 0) > nowMs);
  }

  /** Spends one pending dropped response of the realm. @returns true when this response must be dropped */
  takeDrop(realmId: string): boolean {
    for (const key of [realmId, ANY_REALM]) {
      const scope = this.own(key);
      if (scope !== undefined && scope.dropResponseNext > 0) {
        scope.dropResponseNext -= 1;
        return true;
      }
    }
    return false;
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
      scope = { failNext: undefined, latencyMs: 0, dropResponseNext: 0, throttledUntilMs: 0 };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}
