// One local QuickBooks Online: OAuth 2.0 at Intuit's paths, the Accounting API behind the contract's
// middleware chain, and (when enabled) the test-control API under /__admin.
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { accountingRoutes, temporaryFileRoutes } from '../accounting/accounting-routes.js';
import { temporaryFilePrefix } from '../accounting/attachments.js';
import { transactionPages } from '../admin/transaction-pages.js';
import { adminRoutes } from '../admin/admin-routes.js';
import { createAdmin, type SandboxAdmin } from '../admin/sandbox-admin.js';
import { oauthRoutes } from '../oauth/oauth-routes.js';
import { authenticate, dropResponses, enforceLimits, injectFaults, logRequests, replayRequestIds } from './qbo-chain.js';
import type { SandboxEnv } from './sandbox-env.js';
import { resolveOptions, type SandboxOptions } from './sandbox-options.js';
import { createState } from './sandbox-state.js';

export interface RunningSandbox {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
}

export interface Sandbox {
  app: Hono<SandboxEnv>;
  options: SandboxOptions;
  /** The base URL once `listen` has run. */
  url: string | undefined;
  /** Serves over HTTP on 127.0.0.1; port 0 picks a free port. */
  listen(port?: number): Promise<RunningSandbox>;
  admin: SandboxAdmin;
}

const QBO_PATH = '/v3/company/:realmId/*';
const QBO_VERSION = '1.4.0-sandbox';

/** Builds a sandbox with its own, empty, in-memory state. @returns the sandbox (not yet listening) */
export function createSandbox(partial: Partial<SandboxOptions> = {}): Sandbox {
  const state = createState(resolveOptions(partial));
  // The state's options: their clock is the settable one (admin API "time").
  const { options } = state;
  const admin = createAdmin(state);
  const app = new Hono<SandboxEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Intuit's transaction id, which support asks for; a replayed answer keeps the original one.
    if (!c.res.headers.has('intuit_tid'))
      c.res.headers.set('intuit_tid', `1-${randomBytes(8).toString('hex')}-${randomBytes(12).toString('hex')}`);
    // QBO-API.md §1: answers also carry `qbo-version` and `service-time` (values UNCONFIRMED: ours).
    if (c.req.path.startsWith('/v3/company/') && !c.res.headers.has('qbo-version')) {
      c.res.headers.set('qbo-version', QBO_VERSION);
      c.res.headers.set('service-time', `total=${Math.round(performance.now() - started)}`);
    }
  });

  app.use(
    QBO_PATH,
    logRequests(state),
    injectFaults(state),
    authenticate(state),
    enforceLimits(state),
    replayRequestIds(state),
    dropResponses(state),
  );
  const accountingDeps = {
    company: (realmId: string) => state.companies.get(realmId),
    now: options.clock,
    uploadLimitBytes: options.uploadLimitBytes,
  };
  app.route('/v3/company/:realmId', accountingRoutes(accountingDeps));
  // Temporary download links need no bearer token, like Intuit's pre-signed URLs.
  app.route(temporaryFilePrefix, temporaryFileRoutes(accountingDeps));

  app.use('/oauth2/*', logRequests(state));
  app.use('/v2/oauth2/*', logRequests(state));
  app.route('/', oauthRoutes(state));

  app.all('/__admin', (c) => (options.adminEnabled ? c.redirect('/__admin/ui', 302) : c.notFound()));
  app.use('/__admin/*', async (c, next) => {
    if (!options.adminEnabled) return c.json({ error: 'the test-control API is disabled (adminEnabled: false)' }, 404);
    await next();
    return undefined;
  });
  app.route('/__admin', adminRoutes(admin));
  // QBO's pages of a transaction, where « Ouvrir dans QuickBooks » leads (part of the settings UI, so gated like it).
  app.use('/app/*', async (c, next) => (options.adminEnabled ? next() : c.notFound()));
  app.route('/app', transactionPages(admin));

  app.onError((error, c) => {
    console.error('qbo-sandbox: unexpected error', error);
    return c.json(
      {
        Fault: {
          Error: [
            {
              Message: 'An application error has occurred while processing your request',
              Detail: String(error),
              code: '10000',
              element: '',
            },
          ],
          type: 'SystemFault',
        },
        time: options.clock().toISOString(),
      },
      500,
    );
  });

  const sandbox: Sandbox = {
    app,
    options,
    url: undefined,
    admin,
    listen(port = 0) {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info: AddressInfo) => {
          const url = `http://127.0.0.1:${info.port}`;
          sandbox.url = url;
          resolve({
            url,
            close: () =>
              new Promise<void>((done, fail) => {
                if ('closeAllConnections' in server) server.closeAllConnections();
                server.close((error) => (error ? fail(error) : done()));
              }),
          });
        });
        server.once('error', reject);
      });
    },
  };
  return sandbox;
}
