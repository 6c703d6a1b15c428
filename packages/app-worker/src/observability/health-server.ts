import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** One readiness condition: a name for the answer, and whether it holds now. */
export interface ReadinessCheck {
  readonly name: string;
  readonly ready: () => boolean;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The worker's operations endpoint (no user data, no secrets):
 * - `GET /health/live`: 200 while the process runs (restart it when this fails);
 * - `GET /health/ready`: 200 when every check holds (broker connected, not shutting down), else 503 naming those that fail;
 * - `GET /metrics`: Prometheus text format.
 */
export const startHealthServer = async (options: {
  readonly port: number;
  readonly host?: string;
  readonly registry: Registry;
  readonly checks: readonly ReadinessCheck[];
}): Promise<HealthServer> => {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'live' }));
      return;
    }
    if (path === '/health/ready') {
      const failing = options.checks.filter((c) => !c.ready()).map((c) => c.name);
      res
        .writeHead(failing.length === 0 ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(failing.length === 0 ? { status: 'ready' } : { status: 'not-ready', failing }));
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
