import type { QueueDepth } from '@ogustine-qbo/adapters/sql';
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
  /** Sync jobs by state (due, waiting, leased, dead), read from the job table on each scrape once `watchQueue` is called. */
  readonly queueDepth: Gauge<'state'>;
  /** Seconds since the least recently taken or renewed live lease was (0 when none lives), read on each scrape. */
  readonly leaseAge: Gauge;
  /** Realms whose lease expired unreleased (a worker that died), read on each scrape. */
  readonly expiredLeases: Gauge;
  /** Documents and launches the sweep carried on, by what. */
  readonly swept: Counter<'what'>;
  /** Where the gauges above read the job table; unset, they stay at 0. */
  watchQueue(read: QueueDepthReader): void;
  /** How long a realm lease was held, from take to release. */
  readonly leaseSeconds: Histogram;
}

/** The job table's figures (`readQueueDepth`), or null when the table could not be read (the gauges keep their last values). */
export type QueueDepthReader = () => Promise<QueueDepth | null>;

export const createMetrics = (options: { readonly defaultMetrics?: boolean } = {}): WorkerMetrics => {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'qbo-worker' });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'qbo_worker_' });
  const registers = [registry];
  let read: QueueDepthReader = () => Promise.resolve(null);
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
    queueDepth: new Gauge({
      name: 'qbo_worker_queue_depth',
      help: 'Sync jobs by state (counts capped at 100000)',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        const depth = await read();
        if (depth === null) return;
        for (const state of ['due', 'waiting', 'leased', 'dead'] as const) this.set({ state }, depth[state]);
      },
    }),
    leaseAge: new Gauge({
      name: 'qbo_worker_lease_age_seconds',
      help: 'Seconds since the least recently taken or renewed live realm lease was',
      registers,
      async collect() {
        const depth = await read();
        if (depth !== null) this.set((depth.oldestLeaseAgeMs ?? 0) / 1000);
      },
    }),
    expiredLeases: new Gauge({
      name: 'qbo_worker_expired_leases',
      help: 'Realm leases expired unreleased (their worker died): handed out again at the next take',
      registers,
      async collect() {
        const depth = await read();
        if (depth !== null) this.set(depth.expiredLeases);
      },
    }),
    swept: new Counter({
      name: 'qbo_worker_swept_total',
      help: 'Work left between two steps that the sweep carried on',
      labelNames: ['what'] as const,
      registers,
    }),
    watchQueue: (reader) => {
      read = reader;
    },
    leaseSeconds: new Histogram({
      name: 'qbo_worker_lease_seconds',
      help: 'How long a realm lease was held',
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    }),
  };
};
