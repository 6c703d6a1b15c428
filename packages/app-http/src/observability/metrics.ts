import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The app's own registry (never the global one: a second app in the same process would throw on re-registration). */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to the response headers, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly openStreams = new Counter({
    name: 'progress_streams_opened_total',
    help: 'Progress streams (SSE) opened.',
    registers: [this.registry],
  });

  constructor(withProcessMetrics: boolean) {
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'ogustine_qbo_http_' });
  }
}
