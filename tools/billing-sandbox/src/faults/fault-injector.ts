// Faults a test asks for through the admin API, for one account or (without accountId) for all:
// slowness, failing statuses, a malformed body, a PDF gone.

export type FailingStatus = 500 | 502 | 503 | 429;

export interface FaultRequest {
  readonly accountId?: string;
  /** The next `count` API requests of the scope answer `status` (with `Retry-After` when given). */
  readonly failNext?: { readonly count: number; readonly status: FailingStatus; readonly retryAfterSeconds?: number };
  /** Added before every API request of the scope; 0 removes it. */
  readonly latencyMs?: number;
  /** The next N API requests of the scope answer 200 with a body that is not what the contract says. */
  readonly malformedNext?: number;
}

interface Scope {
  failNext: { count: number; status: FailingStatus; retryAfterSeconds?: number } | undefined;
  latencyMs: number;
  malformedNext: number;
}

const ALL = '*';

export class FaultInjector {
  private readonly scopes = new Map<string, Scope>();

  inject(request: FaultRequest): void {
    const key = request.accountId ?? ALL;
    const scope = this.scopes.get(key) ?? { failNext: undefined, latencyMs: 0, malformedNext: 0 };
    if (request.failNext !== undefined) scope.failNext = { ...request.failNext };
    if (request.latencyMs !== undefined) scope.latencyMs = request.latencyMs;
    if (request.malformedNext !== undefined) scope.malformedNext += request.malformedNext;
    this.scopes.set(key, scope);
  }

  latencyMs(accountId: string): number {
    return this.scopes.get(accountId)?.latencyMs || this.scopes.get(ALL)?.latencyMs || 0;
  }

  /** Spends one pending failure. @returns the failure to answer, or undefined */
  takeFailure(accountId: string): { status: FailingStatus; retryAfterSeconds?: number } | undefined {
    for (const key of [accountId, ALL]) {
      const failNext = this.scopes.get(key)?.failNext;
      if (failNext !== undefined && failNext.count > 0) {
        failNext.count -= 1;
        return failNext;
      }
    }
    return undefined;
  }

  /** Spends one pending malformed answer. */
  takeMalformed(accountId: string): boolean {
    for (const key of [accountId, ALL]) {
      const scope = this.scopes.get(key);
      if (scope !== undefined && scope.malformedNext > 0) {
        scope.malformedNext -= 1;
        return true;
      }
    }
    return false;
  }

  snapshot(): Record<string, Scope> {
    return Object.fromEntries([...this.scopes].map(([k, v]) => [k, { ...v }]));
  }

  reset(): void {
    this.scopes.clear();
  }
}
