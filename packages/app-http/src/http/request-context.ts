import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../observability/metrics.js';
import type { AppEnv } from './app-env.js';
import { negotiateLanguage } from './language.js';

/** A caller's request id is kept only when it is short and plain: it goes into logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * First middleware: request id (echoed as `x-request-id`), the request's logger and language, then
 * one log line and the metrics once the response is ready. Logs the path, never the query string.
 */
export const requestContext =
  (root: Logger, metrics: HttpMetrics): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const offered = c.req.header('x-request-id');
    const requestId = offered !== undefined && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    const log = root.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('language', negotiateLanguage(c.req.header('accept-language')));
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    c.header('x-request-id', requestId);
    // The matched pattern (`/v1/quickbooks/documents/:documentId`) keeps the metrics' cardinality bounded.
    const route = c.res.status === 404 && routePath(c) === '/*' ? 'unmatched' : routePath(c);
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.duration.observe({ method: c.req.method, route }, ms / 1000);
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) }, 'request');
  };
