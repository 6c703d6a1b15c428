// The billing core's API (`docs/billing-core-api.md`): the account, its validated documents by
// cursor, and a document's PDF, behind the service token and the faults a test asked for.
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { isDay } from '../documents/local-day.js';
import { decodeCursor, encodeCursor } from '../history/cursor.js';
import { pdfFor, pdfHeaders } from '../pdf/pdf-for.js';
import type { SandboxState } from './sandbox-state.js';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

type ErrorCode =
  | 'invalid_request'
  | 'invalid_cursor'
  | 'unauthorized'
  | 'account_not_found'
  | 'document_not_found'
  | 'pdf_not_found'
  | 'unavailable'
  | 'rate_limited';

const fail = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503, code: ErrorCode, message: string): Response =>
  c.json({ error: { code, message } }, status);

const accountOf = (path: string): string => decodeURIComponent(/^\/v1\/accounts\/([^/]+)/.exec(path)?.[1] ?? '');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Slowness, failures and malformed bodies first (as a proxy would cause them), then the token. */
const faultsAndToken =
  (state: SandboxState): MiddlewareHandler =>
  async (c, next) => {
    const accountId = accountOf(c.req.path);
    const latency = state.faults.latencyMs(accountId);
    if (latency > 0) await sleep(latency);
    const failure = state.faults.takeFailure(accountId);
    if (failure !== undefined) {
      if (failure.retryAfterSeconds !== undefined) c.header('Retry-After', String(failure.retryAfterSeconds));
      const code = failure.status === 429 ? 'rate_limited' : 'unavailable';
      return fail(c, failure.status, code, `injected fault: ${failure.status}`);
    }
    if (state.faults.takeMalformed(accountId)) {
      const isPdf = c.req.path.endsWith('/pdf');
      return c.body(isPdf ? '<html>Bad gateway</html>' : '{"documents": [{"id": "D1", ', 200, {
        'Content-Type': isPdf ? 'application/pdf' : 'application/json',
      });
    }
    if (c.req.header('Authorization') !== `Bearer ${state.token}`) {
      c.header('WWW-Authenticate', 'Bearer realm="billing-core"');
      return fail(c, 401, 'unauthorized', 'A valid service token is required (Authorization: Bearer …).');
    }
    await next();
    return undefined;
  };

export const apiRoutes = (state: SandboxState): Hono => {
  const api = new Hono();
  api.use('*', faultsAndToken(state));

  api.get('/accounts/:accountId', (c) => {
    const history = state.accounts.get(c.req.param('accountId'));
    if (history === undefined) return fail(c, 404, 'account_not_found', `No account ${c.req.param('accountId')}.`);
    const { accountId, name, timeZone, locale } = history.spec;
    return c.json({ accountId, name, timeZone, locale });
  });

  api.get('/accounts/:accountId/documents', (c) => {
    const history = state.accounts.get(c.req.param('accountId'));
    if (history === undefined) return fail(c, 404, 'account_not_found', `No account ${c.req.param('accountId')}.`);
    const createdFrom = c.req.query('createdFrom') ?? '';
    if (!isDay(createdFrom)) return fail(c, 400, 'invalid_request', `createdFrom must be a day YYYY-MM-DD, got "${createdFrom}".`);
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : Number(limitText);
    if (!/^\d+$/.test(limitText ?? '1') || limit < 1 || limit > MAX_PAGE_SIZE) {
      return fail(c, 400, 'invalid_request', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${limitText ?? ''}".`);
    }
    const cursorText = c.req.query('cursor');
    const after = cursorText === undefined ? null : decodeCursor(cursorText);
    if (after === undefined) return fail(c, 400, 'invalid_cursor', 'This cursor was not given by this billing core.');
    const page = history.page(createdFrom, after, limit);
    return c.json({ documents: page.documents, nextCursor: page.next === null ? null : encodeCursor(page.next) });
  });

  api.get('/accounts/:accountId/documents/:documentId/pdf', async (c) => {
    const { accountId, documentId } = c.req.param();
    const outcome = await pdfFor(state, accountId, documentId);
    switch (outcome.kind) {
      case 'pdf':
        return c.body(new Uint8Array(outcome.bytes), 200, pdfHeaders(outcome, 'attachment'));
      case 'account_not_found':
        return fail(c, 404, outcome.kind, `No account ${accountId}.`);
      case 'document_not_found':
        return fail(c, 404, outcome.kind, `Account ${accountId} has no document ${documentId}.`);
      case 'pdf_not_found':
        return fail(c, 404, outcome.kind, `Document ${documentId} has no PDF.`);
    }
  });

  return api;
};
