// The middleware every /v3/company/{realmId}/… request crosses before the accounting routes, in the
// contract's order: log → injected faults → bearer auth → limits → requestid replay → dropped response.
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import {
  authenticationFailedBody,
  authorizationFailedBody,
  systemFaultBody,
  throttleExceededXml,
  validationFaultBody,
} from '../http-faults/fault-bodies.js';
import { BATCH_PER_MINUTE, PER_MINUTE, PER_SECOND } from '../limits/rate-limiter.js';
import type { RecordedResponse } from './replay-store.js';
import { endpointName } from './request-log.js';
import type { SandboxEnv } from './sandbox-env.js';
import type { SandboxState } from './sandbox-state.js';

type Middleware = MiddlewareHandler<SandboxEnv>;

/** The realm of the URL; the chain is mounted on /v3/company/:realmId/*. */
const urlRealm = (c: Context<SandboxEnv>): string => c.req.param('realmId') ?? '';

const isBatch = (c: Context<SandboxEnv>): boolean => /^\/v3\/company\/[^/]+\/batch\/?$/i.test(c.req.path);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers 429 with Intuit's XML body, whatever the client asked for. */
export function throttled(c: Context<SandboxEnv>, now: Date): Response {
  c.set('note', 'throttled');
  return c.body(throttleExceededXml(now), 429, { 'Content-Type': 'application/xml' });
}

/** Records every request in the log once it has been answered (or dropped). */
export const logRequests =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    const started = performance.now();
    c.set('note', undefined);
    await next();
    const realmId = c.req.param('realmId');
    state.log.add({
      at: state.options.clock().toISOString(),
      method: c.req.method,
      path: c.req.path,
      realmId,
      endpoint: endpointName(c.req.method, c.req.path, c.req.query('operation')),
      status: c.res.status,
      requestId: c.req.query('requestid'),
      note: c.get('note'),
      durationMs: Math.round(performance.now() - started),
    });
  };

/** Latency, throttling on demand, and "the next N requests fail" from /__admin/faults. */
export const injectFaults =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    const realmId = urlRealm(c);
    const latency = state.faults.latencyMs(realmId);
    if (latency > 0) await sleep(latency);
    if (state.faults.isThrottled(realmId, state.nowMs())) return throttled(c, state.options.clock());
    const status = state.faults.takeFailure(realmId);
    if (status !== undefined) {
      c.set('note', `injected-${status}`);
      return c.json(systemFaultBody(status, state.options.clock()), status);
    }
    await next();
    return undefined;
  };

/** Bearer access token of this realm, then the company itself. */
export const authenticate =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    const now = state.options.clock();
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1] ?? '';
    if (token === '') return c.json(authenticationFailedBody('malformed', token, now), 401);
    const check = state.tokens.authenticate(token, now.getTime());
    if (!check.ok) return c.json(authenticationFailedBody(check.error, token, now), 401);
    // A token opens its own realm only: another realm's URL is refused like a revoked token.
    if (check.value.realmId !== urlRealm(c)) return c.json(authenticationFailedBody('invalid', token, now), 401);
    if (state.companies.get(check.value.realmId) === undefined) return c.json(authorizationFailedBody(), 403);
    c.set('realmId', check.value.realmId);
    await next();
    return undefined;
  };

/** 10 per second and 500 per minute per realm, plus 40 batch requests per minute. */
export const enforceLimits =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    const limits = isBatch(c) ? [PER_SECOND, PER_MINUTE, BATCH_PER_MINUTE] : [PER_SECOND, PER_MINUTE];
    const refused = state.limiter.take(c.get('realmId'), limits, state.nowMs());
    if (refused !== undefined) return throttled(c, state.options.clock());
    await next();
    return undefined;
  };

const MAX_REQUEST_ID = 50;
const MAX_BATCH_REQUEST_ID = 36;

/** Same realm + same `requestid` → the original status, headers and body, and no second write. */
export const replayRequestIds =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    const requestId = c.req.query('requestid');
    if (requestId === undefined || requestId === '') {
      await next();
      return undefined;
    }
    const max = isBatch(c) ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
    if (requestId.length > max) {
      const detail = `Invalid String Length : requestid is too long. Min:1 Max:${max} supported. Supplied length:${requestId.length}`;
      return c.json(validationFaultBody('2050', 'Invalid String Length', detail, 'requestid', state.options.clock()), 400);
    }
    const claim = state.replay.claim(c.get('realmId'), requestId);
    if (claim.kind === 'replay') {
      const recorded = await claim.recorded;
      if (recorded !== undefined) {
        c.set('note', 'replayed');
        return new Response(recorded.body.slice(), { status: recorded.status, headers: recorded.headers });
      }
      await next();
      return undefined;
    }
    let recorded: RecordedResponse | undefined;
    try {
      c.set('committed', undefined);
      await next();
      const res = c.get('committed') ?? c.res;
      recorded = { status: res.status, headers: [...res.headers.entries()], body: new Uint8Array(await res.clone().arrayBuffer()) };
    } finally {
      claim.finish(recorded);
    }
    return undefined;
  };

/**
 * "Commit the write, then drop the response": the route runs and stores its entity, then the connection is
 * destroyed before a byte of the answer is sent (over real HTTP). With `app.request()` there is no socket, so
 * the answer's body stream fails instead.
 */
export const dropResponses =
  (state: SandboxState): Middleware =>
  async (c, next) => {
    await next();
    if (!state.faults.takeDrop(c.get('realmId'))) return undefined;
    c.set('note', 'dropped');
    const bindings = c.env as Partial<HttpBindings> | undefined;
    const socket = bindings?.incoming?.socket;
    if (socket !== undefined) {
      socket.destroy();
      return undefined;
    }
    const status = c.res.status;
    c.set('committed', c.res);
    c.res = new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new Error('qbo-sandbox: connection dropped after the write was committed'));
        },
      }),
      { status },
    );
    return undefined;
  };
