import { createRoute, z } from '@hono/zod-openapi';
import type { Journeys } from '../composition/journeys.js';
import type { HttpConfig } from '../config/config.js';
import { answer, createRouter } from '../http/router.js';
import { problemOf } from '../problems/domain-problems.js';
import { readAccountOverview } from '../queries/account-overview.js';
import { bearer, commonProblems, conflictProblem, iso, json } from '../schemas/common.js';

const ConnectionStatus = z
  .object({
    status: z.enum(['not-connected', 'connected', 'reconnect-required']),
    company: z.object({ realmId: z.string(), name: z.string() }).nullable(),
    connectedAt: z.string().nullable(),
    prerequisites: z.enum(['unknown', 'met', 'failing']),
    initialSync: z.enum(['not-launched', 'running', 'done']),
  })
  .openapi('ConnectionStatus');

const getStatus = createRoute({
  method: 'get',
  path: '/connection',
  tags: ['Connection'],
  summary: 'Whether a QuickBooks company is connected, and where the module stands',
  security: bearer,
  responses: { 200: json(ConnectionStatus, 'The connection of the token’s account.'), ...commonProblems },
});

const start = createRoute({
  method: 'post',
  path: '/connection/start',
  tags: ['Connection'],
  summary: 'Start connecting: the URL of Intuit’s consent page to send the user to',
  security: bearer,
  responses: {
    200: json(z.object({ authorizationUrl: z.url() }).openapi('AuthorizationStart'), 'Send the user’s browser to this URL.'),
    ...commonProblems,
  },
});

const disconnect = createRoute({
  method: 'delete',
  path: '/connection',
  tags: ['Connection'],
  summary: 'Disconnect (Se déconnecter): revoke at Intuit, keep settings, mappings and history',
  security: bearer,
  responses: {
    200: json(
      z
        .object({
          revokedAtIntuit: z.boolean().openapi({ description: 'False when Intuit could not be reached: the tokens are forgotten anyway.' }),
          message: z.string(),
        })
        .openapi('Disconnected'),
      'Disconnected; settings, mappings and history kept.',
    ),
    409: conflictProblem,
    ...commonProblems,
  },
});

/** The routes of the connection journey that run for the token's account. */
export const connectionRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(getStatus, (c) =>
      answer(c, readAccountOverview(journeys.ports, c.get('accountId')), ({ settings, connection }) => {
        const { moduleState } = settings;
        const company =
          moduleState.connection.kind === 'connected'
            ? { realmId: moduleState.connection.realmId, name: moduleState.connection.companyName }
            : null;
        const status =
          connection === null || company === null
            ? 'not-connected'
            : connection.status === 'connected'
              ? 'connected'
              : 'reconnect-required';
        return c.json(
          {
            status,
            company: status === 'not-connected' ? null : company,
            connectedAt: connection === null || status === 'not-connected' ? null : iso(connection.connectedAt),
            prerequisites: moduleState.prerequisites.kind,
            initialSync: moduleState.initialSync.kind,
          } as const,
          200,
        );
      }),
    )
    .openapi(start, (c) =>
      answer(c, journeys.connectQuickBooks.start(c.get('accountId')), (authorizationUrl) => c.json({ authorizationUrl }, 200)),
    )
    .openapi(disconnect, (c) =>
      answer(c, journeys.disconnectQuickBooks.run(c.get('accountId')), ({ revokedAtIntuit, message }) =>
        c.json({ revokedAtIntuit, message: message[c.get('language')] }, 200),
      ),
    );

const CallbackQuery = z.object({
  code: z.string().min(1).max(512).optional(),
  state: z.string().min(1).max(256).optional(),
  realmId: z
    .string()
    .regex(/^\d{1,32}$/)
    .optional(),
  error: z.string().max(128).optional(),
});

const callback = createRoute({
  method: 'get',
  path: '/connection/callback',
  tags: ['Connection'],
  summary: 'Intuit’s OAuth redirect: authenticated by its single-use `state`, it stores the connection and sends the user back to Ogustine',
  description:
    'Redirects to the configured UI with `?quickbooks=connected`, or `?quickbooks=error&reason=<problem slug>` (`cancelled`, `invalid-request`, `invalid-authorization-state`, `us-company-unsupported`, `already-connected`…).',
  request: { query: CallbackQuery },
  responses: { 302: { description: 'Back to the Ogustine UI, with the outcome in the query string.' } },
});

/** Where the browser goes back to, with the outcome: an absolute URL, or a path of this host. */
const backToUi = (uiReturnUrl: string, outcome: Readonly<Record<string, string>>): string => {
  const relative = uiReturnUrl.startsWith('/');
  const url = new URL(uiReturnUrl, 'http://ui.invalid');
  for (const [key, value] of Object.entries(outcome)) url.searchParams.set(key, value);
  return relative ? `${url.pathname}${url.search}` : url.toString();
};

/** The OAuth callback: no JWT (the browser comes from Intuit), the `state` issued at start names the account. */
export const callbackRoutes = (journeys: Journeys, config: HttpConfig) => {
  const router = createRouter();
  const failure = (reason: string) => backToUi(config.uiReturnUrl, { quickbooks: 'error', reason });
  return router.openapi(
    callback,
    async (c) => {
      const { code, state, realmId, error } = c.req.valid('query');
      if (error !== undefined) return c.redirect(failure(error === 'access_denied' ? 'cancelled' : 'intuit-error'), 302);
      if (code === undefined || state === undefined || realmId === undefined) return c.redirect(failure('invalid-request'), 302);
      const result = await journeys.connectQuickBooks.run({ code, state, realmId });
      return result.match(
        (company) => c.redirect(backToUi(config.uiReturnUrl, { quickbooks: 'connected', realmId: company.realmId }), 302),
        (e) => c.redirect(failure(problemOf(e).slug), 302),
      );
    },
    // A browser lands here: a bad query is an outcome to show in the UI, not a JSON problem.
    (result, c) => (result.success ? undefined : c.redirect(failure('invalid-request'), 302)),
  );
};
