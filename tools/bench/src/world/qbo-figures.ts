import type { SqlDatabase } from '@ogustine-qbo/adapters/sql';
import type { Sandboxes } from './sandboxes.js';

interface Entity {
  readonly DocNumber?: string;
}

/** What QuickBooks holds and what it was asked, read from the sandbox in process (asking over HTTP would spend the realm's limits). */
export const qboFigures = (sandboxes: Sandboxes, expectedDocNumbers: readonly string[], minuteMs = 60_000) => {
  const realmId = sandboxes.company.realmId;
  const { requests, counts } = sandboxes.qbo.admin.requests(realmId);
  const inspected = sandboxes.qbo.admin.inspect(realmId) as { entities: Record<string, readonly Entity[]> };
  const transactions = [...(inspected.entities['Invoice'] ?? []), ...(inspected.entities['CreditMemo'] ?? [])];
  const byNumber = new Map<string, number>();
  for (const t of transactions) byNumber.set(t.DocNumber ?? '', (byNumber.get(t.DocNumber ?? '') ?? 0) + 1);
  const duplicates = [...byNumber.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const missing = expectedDocNumbers.filter((n) => !byNumber.has(n)).length;
  // When no request of the realm was in flight, between its first and last: time the module left unused.
  const spans = requests.map((r) => ({ end: Date.parse(r.at), start: Date.parse(r.at) - r.durationMs })).sort((a, b) => a.start - b.start);
  let idleMs = 0;
  let reached = spans[0]?.start ?? 0;
  for (const span of spans) {
    idleMs += Math.max(0, span.start - reached);
    reached = Math.max(reached, span.end);
  }
  // The most requests QBO logged within any of its minutes: how close to Intuit's 500 the limiter let the run come.
  const times = requests.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  let busiestMinute = 0;
  for (let last = 0, first = 0; last < times.length; last += 1) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= minuteMs) first += 1;
    busiestMinute = Math.max(busiestMinute, last - first + 1);
  }
  return {
    spans,
    idleMs,
    busiestMinute,
    requests: requests.length,
    byEndpoint: counts,
    throttled: requests.filter((r) => r.status === 429).length,
    transactions: transactions.length,
    duplicates,
    missing,
  };
};

/** Errors the office manager sees in the error history: all of them, and those caused by QBO's throttling. */
export const surfacedErrors = async (database: SqlDatabase, accountId: string): Promise<{ all: number; throttled: number }> => {
  const rows = await database.db.selectFrom('error_record').select(['cause']).where('account_id', '=', accountId).execute();
  return { all: rows.length, throttled: rows.filter((r) => r.cause.includes('"throttled"')).length };
};
