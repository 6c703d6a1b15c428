import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { requireAccount } from '../auth/require-account.js';
import type { StreamTickets } from '../auth/stream-tickets.js';
import type { Journeys } from '../composition/journeys.js';
import type { HttpConfig } from '../config/config.js';
import type { HttpMetrics } from '../observability/metrics.js';
import {
  internalProblem,
  malformedBodyProblem,
  payloadTooLargeProblem,
  routeNotFoundProblem,
  unsupportedMediaTypeProblem,
} from '../problems/http-problems.js';
import { sendProblem } from '../problems/respond.js';
import { consoleRoutes } from '../console/console-routes.js';
import { connectionRoutes, callbackRoutes } from '../routes/connection-routes.js';
import { documentRoutes } from '../routes/document-routes.js';
import { errorRoutes } from '../routes/error-routes.js';
import { initialSyncRoutes } from '../routes/initial-sync-routes.js';
import { prerequisiteRoutes } from '../routes/prerequisite-routes.js';
import { runRoutes } from '../routes/run-routes.js';
import { scheduleRoutes } from '../routes/schedule-routes.js';
import { systemRoutes, type ReadinessCheck } from '../routes/system-routes.js';
import { taxCodeRoutes } from '../routes/tax-code-routes.js';
import { settingsRoutes } from '../routes/settings-routes.js';
import type { AppEnv } from './app-env.js';
import { requestContext } from './request-context.js';
import { API_PREFIX } from '../routes/api-prefix.js';
import { createRouter } from './router.js';

export interface AppDependencies {
  readonly journeys: Journeys;
  readonly config: HttpConfig;
  readonly verifier: AccessTokenVerifier;
  readonly tickets: StreamTickets;
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  readonly readiness: readonly ReadinessCheck[];
}

export const API_BASE = API_PREFIX;

/** The two routes that authenticate otherwise: the OAuth callback by its `state`, the progress stream by a ticket or the JWT. */
const isPubliclyReachable = (path: string): boolean =>
  path === `${API_BASE}/connection/callback` || /^\/v1\/quickbooks\/runs\/[^/]+\/events$/.test(path);

const authenticateUnlessPublic =
  (auth: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (isPubliclyReachable(c.req.path)) {
      await next();
      return undefined;
    }
    return auth(c, next);
  };

/** An exception thrown inside hono (bad JSON, a body it cannot read) is the caller's fault when under 500. */
const problemOfException = (e: HTTPException, c: Context<AppEnv>, maxBytes: number): Response => {
  if (e.status === 413) return sendProblem(c, payloadTooLargeProblem(maxBytes));
  if (e.status === 415) return sendProblem(c, unsupportedMediaTypeProblem());
  return sendProblem(c, malformedBodyProblem());
};

/**
 * The HTTP API. Middleware order: request context (id, logger, language, metrics) → body limit →
 * authentication → routes. Every error leaves as `application/problem+json`, never a stack trace.
 */
export const createApp = (deps: AppDependencies): OpenAPIHono<AppEnv> => {
  const { journeys, config, logger, metrics } = deps;
  const app = createRouter();
  app.use('*', requestContext(logger, metrics));
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
  });
  app.use(
    `${API_BASE}/*`,
    bodyLimit({ maxSize: config.bodyLimitBytes, onError: (c) => sendProblem(c, payloadTooLargeProblem(config.bodyLimitBytes)) }),
  );
  app.use(`${API_BASE}/*`, authenticateUnlessPublic(requireAccount(deps.verifier)));

  app.route(API_BASE, connectionRoutes(journeys));
  app.route(API_BASE, callbackRoutes(journeys, config));
  app.route(API_BASE, prerequisiteRoutes(journeys, config));
  app.route(API_BASE, taxCodeRoutes(journeys));
  app.route(API_BASE, settingsRoutes(journeys));
  app.route(API_BASE, initialSyncRoutes(journeys));
  app.route(API_BASE, runRoutes(deps));
  app.route(API_BASE, scheduleRoutes(journeys));
  app.route(API_BASE, errorRoutes(journeys));
  app.route(API_BASE, documentRoutes(journeys, config));
  app.route('/', systemRoutes(app, deps));
  app.route('/', consoleRoutes());
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ogustine ⇄ QuickBooks Online',
      version: '1.0.0',
      description:
        'The API the Ogustine UI calls for the QuickBooks module. Every `/v1/quickbooks` route needs a bearer JWT from Ogustine naming the account, except the OAuth callback (its `state`) and the progress stream (a ticket). Errors are `application/problem+json` (RFC 9457), in French or English from `Accept-Language`.',
    },
  });

  app.notFound((c) => sendProblem(c, routeNotFoundProblem()));
  app.onError((e, c) => {
    if (e instanceof HTTPException && e.status < 500) return problemOfException(e, c, config.bodyLimitBytes);
    // A bug: logged with its stack for us, answered without it.
    c.get('log')?.error({ err: e }, 'unhandled error');
    return sendProblem(c, internalProblem());
  });
  return app;
};

export type App = ReturnType<typeof createApp>;
export { OpenAPIHono };
