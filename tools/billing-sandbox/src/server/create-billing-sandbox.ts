// One local billing core: the API of `docs/billing-core-api.md` under /v1, the admin page and API
// under /__admin, events to the publisher given.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { adminRoutes } from '../admin/admin-routes.js';
import { createAdmin, type SandboxAdmin } from '../admin/sandbox-admin.js';
import type { EventPublisher } from '../events/document-event.js';
import { DEFAULT_ACCOUNTS, type AccountSpec } from '../seed/account-spec.js';
import { apiRoutes } from './api-routes.js';
import { createState } from './sandbox-state.js';
import type { PdfRenderer } from '../pdf/document-pdf.js';

export const DEFAULT_SEED = 20_240_115;
export const DEFAULT_TOKEN = 'billing-sandbox-token';

export interface BillingSandboxOptions {
  /** Every seeded value follows from it. */
  readonly seed: number;
  readonly accounts: readonly AccountSpec[];
  /** The service token the API expects as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Where `emit` publishes events; none by default (events are still listed in /__admin/api/events). */
  readonly publisher?: EventPublisher;
  /** The moment new documents are validated at. */
  readonly clock: () => Date;
  /** Whether /__admin answers (on by default: the sandbox is for local use). */
  readonly adminEnabled: boolean;
  /** How PDFs are made: laid out with pdfkit by default; a benchmark may make them cheaper, so it measures its client, not the renderer. */
  readonly renderPdf?: PdfRenderer;
}

export interface RunningBillingSandbox {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4020 */
  readonly url: string;
  close(): Promise<void>;
}

export interface BillingSandbox {
  readonly app: Hono;
  readonly options: BillingSandboxOptions;
  readonly admin: SandboxAdmin;
  /** Serves over HTTP on 127.0.0.1; port 0 picks a free port. */
  listen(port?: number): Promise<RunningBillingSandbox>;
}

/** Builds a sandbox with its own in-memory state. @returns the sandbox (not yet listening) */
export const createBillingSandbox = (partial: Partial<BillingSandboxOptions> = {}): BillingSandbox => {
  const options: BillingSandboxOptions = {
    seed: DEFAULT_SEED,
    accounts: DEFAULT_ACCOUNTS,
    token: DEFAULT_TOKEN,
    clock: () => new Date(),
    adminEnabled: true,
    ...partial,
  };
  const state = createState({ ...options, publisher: options.publisher, renderPdf: options.renderPdf });
  const admin = createAdmin(state);
  // Not strict: /__admin and /__admin/ are the same page.
  const app = new Hono({ strict: false });
  app.route('/v1', apiRoutes(state));
  app.use('/__admin/*', async (c, next) => {
    if (!options.adminEnabled) return c.json({ error: 'the admin API is disabled' }, 404);
    await next();
    return undefined;
  });
  app.route('/__admin', adminRoutes(state, admin));
  app.get('/', (c) => c.redirect('/__admin/', 302));
  app.onError((error, c) => {
    console.error('billing-sandbox: unexpected error', error);
    return c.json({ error: { code: 'unavailable', message: 'The billing core failed.' } }, 500);
  });

  return {
    app,
    options,
    admin,
    listen: (port = 0) =>
      new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info: AddressInfo) => {
          resolve({
            url: `http://127.0.0.1:${info.port}`,
            close: () =>
              new Promise<void>((done, fail) => {
                if ('closeAllConnections' in server) server.closeAllConnections();
                server.close((error) => (error ? fail(error) : done()));
              }),
          });
        });
        server.once('error', reject);
      }),
  };
};
