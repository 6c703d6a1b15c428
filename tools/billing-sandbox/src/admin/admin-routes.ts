// /__admin: the page for people, and a JSON API for tests and the `emit` CLI. Local use only: no token.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { isEmitKind } from '../emit/new-document.js';
import type { FaultRequest } from '../faults/fault-injector.js';
import { decodeCursor } from '../history/cursor.js';
import { isDay, isTimeZone } from '../documents/local-day.js';
import type { SandboxState } from '../server/sandbox-state.js';
import { pdfFor, pdfHeaders } from '../pdf/pdf-for.js';
import { accountsPage, documentsPage } from './admin-page.js';
import type { EmitOutcome, SandboxAdmin } from './sandbox-admin.js';

const emitAnswer = (c: Context, outcome: EmitOutcome): Response => {
  switch (outcome.kind) {
    case 'emitted':
      return c.json(outcome.event, 201);
    case 'unknown-account':
      return c.json({ error: 'no such account' }, 404);
    case 'no-invoice':
      return c.json({ error: 'the account has no invoice for a credit note to correct' }, 409);
  }
};

const body = async (c: Context): Promise<Record<string, unknown> | undefined> => {
  try {
    const value: unknown = await c.req.json();
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export const adminRoutes = (state: SandboxState, admin: SandboxAdmin): Hono => {
  const app = new Hono();

  app.get('/', (c) => c.html(accountsPage(admin.accounts())));

  app.get('/accounts/:accountId', (c) => {
    const history = state.accounts.get(c.req.param('accountId'));
    if (history === undefined) return c.text('Compte inconnu', 404);
    const from = c.req.query('from');
    const createdFrom = from !== undefined && isDay(from) ? from : '1900-01-01';
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? null : (decodeCursor(cursor) ?? null);
    const money = new Intl.NumberFormat(history.spec.locale, { style: 'currency', currency: 'EUR' });
    return c.html(documentsPage(history, createdFrom, after, money));
  });

  app.get('/accounts/:accountId/documents/:documentId', (c) => {
    const document = state.accounts.get(c.req.param('accountId'))?.find(c.req.param('documentId'));
    return document === undefined ? c.json({ error: 'no such document' }, 404) : c.json(document);
  });

  // The PDF for a person: the same bytes as the API's, without the token.
  app.get('/accounts/:accountId/documents/:documentId/pdf', async (c) => {
    const outcome = await pdfFor(state, c.req.param('accountId'), c.req.param('documentId'));
    return outcome.kind === 'pdf' ? c.body(new Uint8Array(outcome.bytes), 200, pdfHeaders(outcome, 'inline')) : c.text(outcome.kind, 404);
  });

  // From the page's buttons (a form) or from the CLI (JSON).
  app.post('/accounts/:accountId/emit', async (c) => {
    const isForm = (c.req.header('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded');
    const kind = isForm ? (await c.req.parseBody())['kind'] : (await body(c))?.['kind'];
    if (!isEmitKind(kind)) return c.json({ error: 'kind must be invoice, credit_note, discounted_invoice or malformed' }, 400);
    const outcome = await admin.emit(c.req.param('accountId'), kind);
    return isForm && outcome.kind === 'emitted'
      ? c.redirect(`/__admin/accounts/${encodeURIComponent(c.req.param('accountId'))}`, 303)
      : emitAnswer(c, outcome);
  });

  app.get('/api/accounts', (c) => c.json(admin.accounts()));

  app.post('/api/accounts', async (c) => {
    const spec = await body(c);
    const accountId = spec?.['accountId'];
    if (spec === undefined || typeof accountId !== 'string' || accountId === '') return c.json({ error: 'accountId is required' }, 400);
    const timeZone = spec['timeZone'];
    if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone)))
      return c.json({ error: 'unknown time zone' }, 400);
    try {
      return admin.addAccount({ ...spec, accountId }) ? c.json({ accountId }, 201) : c.json({ error: 'the account exists' }, 409);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
  });

  app.post('/api/accounts/:accountId/documents', async (c) => {
    const documents = (await body(c))?.['documents'];
    if (!Array.isArray(documents)) return c.json({ error: 'documents must be an array' }, 400);
    const added = admin.addDocuments(c.req.param('accountId'), documents);
    return added === undefined ? c.json({ error: 'no such account' }, 404) : c.json({ added }, 201);
  });

  app.delete('/api/accounts/:accountId/documents/:documentId/pdf', (c) => {
    admin.removePdf(c.req.param('accountId'), c.req.param('documentId'));
    return c.body(null, 204);
  });

  app.post('/api/faults', async (c) => {
    const request = await body(c);
    if (request === undefined) return c.json({ error: 'a JSON object is required' }, 400);
    admin.injectFaults(request as FaultRequest);
    return c.json(state.faults.snapshot());
  });

  app.delete('/api/faults', (c) => {
    admin.resetFaults();
    return c.body(null, 204);
  });

  app.get('/api/events', (c) => c.json(admin.events()));

  return app;
};
