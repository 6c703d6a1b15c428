import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { createRouter } from '../http/router.js';
import type { HttpMetrics } from '../observability/metrics.js';
import { REFERENCE_CSS, REFERENCE_HTML, REFERENCE_JS } from '../reference/assets.js';
import { json } from '../schemas/common.js';

/** A dependency the app needs to serve requests (database, queue…): readiness fails while one answers false. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const Readiness = z
  .object({ status: z.enum(['ready', 'not-ready']), checks: z.array(z.object({ name: z.string(), ok: z.boolean() })) })
  .openapi('Readiness');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Liveness: the process answers',
  responses: { 200: json(Health, 'Alive.') },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['System'],
  summary: 'Readiness: every dependency answers',
  responses: { 200: json(Readiness, 'Ready.'), 503: json(Readiness, 'A dependency is down; `Retry-After` says when to ask again.') },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['System'],
  summary: 'Prometheus metrics (requests by route pattern and status, durations, process)',
  responses: { 200: { content: { 'text/plain': { schema: z.string() } }, description: 'Text exposition format.' } },
});

/** A check that throws or hangs counts as down: readiness never fails with a 500 itself. */
const run = async (check: ReadinessCheck): Promise<boolean> => {
  try {
    return await Promise.race([check.check(), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref())]);
  } catch {
    return false;
  }
};

/** Health, readiness, metrics, the OpenAPI document and its reference page (scripts served from here: works offline). */
export const systemRoutes = (
  app: OpenAPIHono<AppEnv>,
  deps: { readonly metrics: HttpMetrics; readonly readiness: readonly ReadinessCheck[] },
) => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return createRouter()
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      const checks = await Promise.all(deps.readiness.map(async (r) => ({ name: r.name, ok: await run(r) })));
      const allOk = checks.every((r) => r.ok);
      if (!allOk) c.header('retry-after', '10');
      return allOk ? c.json({ status: 'ready' as const, checks }, 200) : c.json({ status: 'not-ready' as const, checks }, 503);
    })
    .openapi(metricsRoute, async (c) =>
      c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
    )
    .get('/reference', (c) => c.html(REFERENCE_HTML))
    .get('/reference/reference.js', (c) => c.body(REFERENCE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/reference/reference.css', (c) => c.body(REFERENCE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
};
