import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The worker's Prometheus metrics, on a registry of its own (never the global one: two registries
 * in one test process would collide on names).
 */
export interface WorkerMetrics {
  readonly registry: Registry;
  /** Document events by fate: ack, retry, dead-letter. */
  readonly messages: Counter<'disposition'>;
  /** Sync jobs by outcome: synced, held, refused, failed, postponed, and the queue's dead-letter / error. */
  readonly jobs: Counter<'outcome'>;
  /** QBO requests by endpoint (the `Accounting` call) and status (ok, or the failure kind). */
  readonly qboRequests: Counter<'endpoint' | 'status'>;
  /** QBO's 429 answers. */
  readonly qboThrottled: Counter;
  /** Jobs waiting in the queue by state (queued, leased, dead), sampled on a timer. */
  readonly queueDepth: Gauge<'state'>;
  /** How long a realm lease was held, from take to release. */
  readonly leaseSeconds: Histogram;
}

export const createMetrics = (options: { readonly defaultMetrics?: boolean } = {}): WorkerMetrics => {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'qbo-worker' });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'qbo_worker_' });
  const registers = [registry];
  return {
    registry,
    messages: new Counter({
      name: 'qbo_worker_messages_total',
      help: 'Document events by fate',
      labelNames: ['disposition'] as const,
      registers,
    }),
    jobs: new Counter({ name: 'qbo_worker_jobs_total', help: 'Sync jobs by outcome', labelNames: ['outcome'] as const, registers }),
    qboRequests: new Counter({
      name: 'qbo_worker_qbo_requests_total',
      help: 'QuickBooks Online requests by endpoint and status',
      labelNames: ['endpoint', 'status'] as const,
      registers,
    }),
    qboThrottled: new Counter({ name: 'qbo_worker_qbo_throttled_total', help: 'QuickBooks Online 429 answers', registers }),
    queueDepth: new Gauge({ name: 'qbo_worker_queue_depth', help: 'Sync jobs by state', labelNames: ['state'] as const, registers }),
    leaseSeconds: new Histogram({
      name: 'qbo_worker_lease_seconds',
      help: 'How long a realm lease was held',
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    }),
  };
};
