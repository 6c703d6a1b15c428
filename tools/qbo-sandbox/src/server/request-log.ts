// Every request the sandbox answered, so a test can count calls ("POST invoice": 3) and see what a client did.

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  realmId: string | undefined;
  /** `METHOD resource`, plus `?operation=x` when present: `POST invoice`, `GET query`, `POST invoice?operation=void`. */
  endpoint: string;
  status: number;
  requestId: string | undefined;
  /** What the sandbox did besides routing: 'replayed', 'dropped', 'injected-500', 'throttled', … */
  note: string | undefined;
  durationMs: number;
}

/**
 * Names the endpoint of a request path for the counts: the first segment after /v3/company/{realmId}/,
 * or the path itself outside the accounting API. @returns the endpoint name
 */
export function endpointName(method: string, path: string, operation: string | undefined): string {
  const match = /^\/v3\/company\/[^/]+\/([^/?]+)/.exec(path);
  const resource = match?.[1]?.toLowerCase() ?? path.replace(/^\//, '');
  return `${method.toUpperCase()} ${resource}${operation === undefined ? '' : `?operation=${operation}`}`;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  /** The entries of one realm, or all. @returns the entries, oldest first */
  list(realmId?: string): LoggedRequest[] {
    return realmId === undefined ? [...this.entries] : this.entries.filter((e) => e.realmId === realmId);
  }

  /** @returns how many requests hit each endpoint, e.g. `{ 'POST invoice': 3 }` */
  counts(realmId?: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.list(realmId)) counts[entry.endpoint] = (counts[entry.endpoint] ?? 0) + 1;
    return counts;
  }

  clear(): void {
    this.entries = [];
  }
}
