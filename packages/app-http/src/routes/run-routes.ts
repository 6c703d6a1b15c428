import { createRoute, z } from '@hono/zod-openapi';
import type { AccountId, StoreError } from '@ogustine-qbo/domain';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { bearerToken } from '../auth/require-account.js';
import type { StreamTickets } from '../auth/stream-tickets.js';
import type { Journeys } from '../composition/journeys.js';
import type { HttpConfig } from '../config/config.js';
import type { AppEnv } from '../http/app-env.js';
import type { Outcome } from '../http/outcome.js';
import { answer, createRouter, documented, problemReply } from '../http/router.js';
import type { HttpMetrics } from '../observability/metrics.js';
import { streamProgress } from '../progress/progress-stream.js';
import { authenticationProblem, invalidTicketProblem } from '../problems/http-problems.js';
import { problemOf } from '../problems/domain-problems.js';
import type { ApiProblem } from '../problems/problem.js';
import { INITIAL_SYNC_RUN, readRun, secondsLeftWithinBudget, type RunProgress } from '../queries/runs.js';
import { bearer, commonProblems, json, notFoundProblem, ProblemSchema } from '../schemas/common.js';
import { Run } from '../schemas/documents.js';
import { API_PREFIX } from './api-prefix.js';

const RunParam = z.object({
  runId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .openapi({ param: { name: 'runId', in: 'path' }, example: 'initial-sync' }),
});

const list = createRoute({
  method: 'get',
  path: '/runs',
  tags: ['Runs and progress'],
  summary: 'The account’s synchronisation runs and their progress',
  security: bearer,
  responses: { 200: json(z.object({ runs: z.array(Run) }).openapi('Runs'), 'Newest first.'), ...commonProblems },
});

const one = createRoute({
  method: 'get',
  path: '/runs/{runId}',
  tags: ['Runs and progress'],
  summary: 'One run’s progress',
  security: bearer,
  request: { params: RunParam },
  responses: { 200: json(Run, 'The run.'), 404: notFoundProblem, ...commonProblems },
});

const ticket = createRoute({
  method: 'post',
  path: '/runs/{runId}/stream-tickets',
  tags: ['Runs and progress'],
  summary: 'A short-lived ticket for the run’s progress stream (EventSource cannot send an Authorization header)',
  security: bearer,
  request: { params: RunParam },
  responses: {
    201: json(
      z.object({ ticket: z.string(), expiresAt: z.string(), eventsUrl: z.string() }).openapi('StreamTicket'),
      'Open `eventsUrl` with EventSource before `expiresAt`.',
    ),
    404: notFoundProblem,
    ...commonProblems,
  },
});

const events = createRoute({
  method: 'get',
  path: '/runs/{runId}/events',
  tags: ['Runs and progress'],
  summary: 'Live progress (Server-Sent Events) until the run ends',
  description:
    'Authenticated by `?ticket=` (from stream-tickets) or the bearer token. Events: `progress` (id = documents finished, data = the run with `ratePerMinute` and `secondsLeft`), then `end`. Reconnect with `Last-Event-ID` to resume; `unavailable` means the store is down and the client should reconnect.',
  request: {
    params: RunParam,
    query: z.object({ ticket: z.string().max(4096).optional() }),
    headers: z.object({ 'last-event-id': z.string().max(64).optional() }),
  },
  responses: {
    200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'The stream.' },
    401: { content: { 'application/problem+json': { schema: ProblemSchema } }, description: 'No valid ticket nor token.' },
    404: notFoundProblem,
    503: commonProblems[503],
  },
});

const unknownRunProblem = (): ApiProblem => ({
  slug: 'run-not-found',
  status: 404,
  title: { fr: 'Synchronisation inconnue', en: 'Unknown run' },
  detail: { fr: "Ce compte n'a pas de synchronisation avec cet identifiant.", en: 'This account has no run with this id.' },
  fields: [{ field: 'path.runId', message: { fr: 'inconnu', en: 'unknown' } }],
});

const withBudget = (run: RunProgress) => ({ ...run, secondsLeftWithinBudget: secondsLeftWithinBudget(run.remaining) });

export interface RunRouteDependencies {
  readonly journeys: Journeys;
  readonly verifier: AccessTokenVerifier;
  readonly tickets: StreamTickets;
  readonly config: HttpConfig;
  readonly metrics: HttpMetrics;
}

export const runRoutes = ({ journeys, verifier, tickets, config, metrics }: RunRouteDependencies) => {
  const runOf = (accountId: AccountId, runId: string): Promise<Outcome<RunProgress | null, StoreError>> =>
    readRun(journeys.ports, accountId, runId);

  /** The stream's account: from its ticket, else from a bearer token (a client that can send headers). */
  const streamAccount = async (
    c: Context<AppEnv>,
    runId: string,
    ticketText: string | undefined,
  ): Promise<Outcome<AccountId, ApiProblem>> => {
    if (ticketText !== undefined) {
      const verified = await tickets.verify(ticketText, runId);
      return verified.ok ? verified : { ok: false, error: invalidTicketProblem() };
    }
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined) return { ok: false, error: invalidTicketProblem() };
    const verified = await verifier.verify(token);
    return verified.ok ? verified : { ok: false, error: authenticationProblem(verified.error) };
  };

  return createRouter()
    .openapi(list, (c) =>
      answer(c, runOf(c.get('accountId'), INITIAL_SYNC_RUN), (run) => c.json({ runs: run === null ? [] : [withBudget(run)] }, 200)),
    )
    .openapi(one, (c) =>
      answer(c, runOf(c.get('accountId'), c.req.valid('param').runId), (run) =>
        run === null ? problemReply<never>(c, unknownRunProblem()) : c.json(withBudget(run), 200),
      ),
    )
    .openapi(ticket, (c) => {
      const { runId } = c.req.valid('param');
      const accountId = c.get('accountId');
      return answer(c, runOf(accountId, runId), async (run) => {
        if (run === null) return problemReply<never>(c, unknownRunProblem());
        const issued = await tickets.issue(accountId, runId, Date.now());
        return c.json(
          {
            ticket: issued.ticket,
            expiresAt: new Date(issued.expiresAt).toISOString(),
            eventsUrl: `${API_PREFIX}/runs/${runId}/events?ticket=${encodeURIComponent(issued.ticket)}`,
          },
          201,
        );
      });
    })
    .openapi(events, async (c) => {
      const { runId } = c.req.valid('param');
      const account = await streamAccount(c, runId, c.req.valid('query').ticket);
      if (!account.ok) return problemReply<never>(c, account.error);
      const accountId = account.value;
      const first = await runOf(accountId, runId);
      if (!first.ok) return problemReply<never>(c, problemOf(first.error));
      if (first.value === null) return problemReply<never>(c, unknownRunProblem());
      metrics.openStreams.inc();
      const lastEventId = c.req.valid('header')['last-event-id'];
      return documented<never>(
        streamSSE(c, (stream) =>
          streamProgress(stream, {
            accountId,
            runId,
            readRun: () => runOf(accountId, runId),
            feed: journeys.ports.progress,
            pollMs: config.progressPollMs,
            lastEventId,
            now: () => Date.now(),
          }),
        ),
      );
    });
};
