import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from './health-server.js';
import { createMetrics } from './metrics.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the health server', () => {
  it('is live, ready only while every check holds (naming those that fail), and serves the metrics', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.jobs.inc({ outcome: 'synced' }, 3);
    let connected = true;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      checks: [
        { name: 'rabbitmq', ready: () => connected },
        { name: 'running', ready: () => true },
      ],
    });
    const get = (path: string) => fetch(`http://127.0.0.1:${server?.port}${path}`);
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    connected = false;
    const notReady = await get('/health/ready');
    expect([notReady.status, await notReady.json()]).toEqual([503, { status: 'not-ready', failing: ['rabbitmq'] }]);
    const text = await (await get('/metrics')).text();
    expect(text).toContain('qbo_worker_jobs_total{outcome="synced",service="qbo-worker"} 3');
    expect((await get('/nowhere')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/health/live`, { method: 'POST' })).status).toBe(405);
  });
});
