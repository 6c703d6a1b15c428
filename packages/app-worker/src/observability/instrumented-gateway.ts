import type { Accounting, AccountingGateway } from '@ogustine-qbo/domain';
import type { Result } from 'neverthrow';
import type { WorkerMetrics } from './metrics.js';

const isThenable = (value: unknown): value is PromiseLike<Result<unknown, { readonly kind: string }>> =>
  typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';

/**
 * Counts every QBO request an `Accounting` makes, by endpoint (the port's method) and status (`ok`
 * or the failure's kind), and 429s apart. A proxy rather than a copy of each method: a method added
 * to the port is counted without a change here. The results are passed through untouched.
 */
export const instrumentAccounting = (accounting: Accounting, metrics: WorkerMetrics): Accounting =>
  new Proxy(accounting, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (isThenable(result)) {
          result.then(
            (r) => {
              const status = r.isOk() ? 'ok' : r.error.kind;
              metrics.qboRequests.inc({ endpoint: property, status });
              if (status === 'qbo.throttled') metrics.qboThrottled.inc();
            },
            () => metrics.qboRequests.inc({ endpoint: property, status: 'crashed' }),
          );
        }
        return result;
      };
    },
  });

/** The gateway whose opened companies are instrumented. */
export const instrumentGateway = (gateway: AccountingGateway, metrics: WorkerMetrics): AccountingGateway => ({
  open: (accountId) => gateway.open(accountId).map((accounting) => instrumentAccounting(accounting, metrics)),
});
