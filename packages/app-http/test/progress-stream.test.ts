import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamTickets } from '../src/auth/stream-tickets.js';
import { aCompany, connectOverHttp, invoice, receive } from './support/journey-fixtures.js';
import { SseReader } from './support/sse-reader.js';
import { testApp, tokenFor, type TestApp } from './support/test-app.js';

const A = 'A1';
let server: ServerType | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** The app over real HTTP, A1 launched on three documents, none sent yet. */
const launchedOverHttp = async (): Promise<{ t: TestApp; base: string }> => {
  const t = await testApp();
  aCompany(t);
  await receive(t, [invoice(1), invoice(2), invoice(3)]);
  await connectOverHttp(t, A);
  expect((await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true })).status).toBe(202);
  server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server?.once('listening', resolve));
  return { t, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

/** One job of the worker, as another process would run it. */
const runOneJob = async (t: TestApp): Promise<void> => {
  const lease = (await t.module.queue.take('another-process', t.module.clock.now()))._unsafeUnwrap();
  const leased = lease?.jobs[0];
  if (lease === null || leased === undefined) throw new Error('no job due');
  (await t.module.syncDocument.run(leased.job, leased.deliveries))._unsafeUnwrap();
  (await t.module.queue.complete(lease, leased.job.jobId))._unsafeUnwrap();
  (await t.module.queue.release(lease))._unsafeUnwrap();
};

const ticketUrl = async (t: TestApp, base: string): Promise<string> => {
  const res = await t.call(A, 'POST', '/v1/quickbooks/runs/initial-sync/stream-tickets');
  expect(res.status).toBe(201);
  return base + ((await res.json()) as { eventsUrl: string }).eventsUrl;
};

const progressOf = (data: string) => JSON.parse(data) as { sent: number; failed: number; remaining: number; status: string };

describe('live progress (Server-Sent Events over real HTTP)', () => {
  it('opens with a ticket in the URL, follows the worker, resumes after Last-Event-ID without repeats, and ends with the run', async () => {
    const { t, base } = await launchedOverHttp();
    const url = await ticketUrl(t, base);
    const first = await fetch(url);
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const a = new SseReader(first.body as ReadableStream<Uint8Array>);
    const opening = await a.next();
    expect(opening).toMatchObject({ event: 'progress', id: '0' });
    expect(progressOf(opening?.data ?? '')).toMatchObject({ sent: 0, remaining: 3, status: 'running' });

    await runOneJob(t);
    const one = await a.next();
    expect(one?.id).toBe('1');
    expect(progressOf(one?.data ?? '')).toMatchObject({ sent: 1, remaining: 2 });
    await a.close();

    // The client comes back (a new ticket, as the UI would ask) after two more documents.
    await runOneJob(t);
    await runOneJob(t);
    const again = await fetch(await ticketUrl(t, base), { headers: { 'last-event-id': a.lastId ?? '' } });
    const b = new SseReader(again.body as ReadableStream<Uint8Array>);
    const resumed = await b.next();
    expect(resumed?.id).toBe('3');
    expect(progressOf(resumed?.data ?? '')).toMatchObject({ sent: 3, remaining: 0, status: 'done' });
    expect(await b.next()).toMatchObject({ event: 'end', id: 'end' });
    expect(await b.next()).toBeUndefined();
  });

  it('works when the worker is another process: progress stored without any event reaching this feed still streams', async () => {
    const { t, base } = await launchedOverHttp();
    const res = await fetch(await ticketUrl(t, base));
    const reader = new SseReader(res.body as ReadableStream<Uint8Array>);
    expect((await reader.next())?.id).toBe('0');
    // Another process settled two documents of the run in the shared store; its events went to its own feed.
    const runId = (await t.module.settings.get(A))._unsafeUnwrap()?.initialSyncRunId ?? '';
    (await t.module.runs.settle(A, runId, 'D1', 'sent'))._unsafeUnwrap();
    (await t.module.runs.settle(A, runId, 'D2', 'failed'))._unsafeUnwrap();
    const next = await reader.next();
    expect(next?.id).toBe('2');
    expect(progressOf(next?.data ?? '')).toMatchObject({ sent: 1, failed: 1, remaining: 1 });
    await reader.close();
  });

  it('accepts the bearer token instead of a ticket; refuses a forged, expired, or other run’s ticket, and another account’s run', async () => {
    const { base } = await launchedOverHttp();
    const events = `${base}/v1/quickbooks/runs/initial-sync/events`;
    const withBearer = await fetch(events, { headers: { authorization: `Bearer ${await tokenFor(A)}` } });
    expect(withBearer.status).toBe(200);
    await withBearer.body?.cancel();

    expect((await fetch(`${events}?ticket=forged`)).status).toBe(401);
    expect((await fetch(events)).status).toBe(401);
    const otherSecret = new StreamTickets('another-ticket-secret-of-thirty-two-bytes', 60);
    const foreign = await otherSecret.issue(A, 'initial-sync', Date.now());
    expect((await fetch(`${events}?ticket=${foreign.ticket}`)).status).toBe(401);

    const tickets = new StreamTickets('a-ticket-secret-of-at-least-thirty-two-bytes', 60);
    const expired = await tickets.issue(A, 'initial-sync', Date.now() - 120_000);
    expect((await tickets.verify(expired.ticket, 'initial-sync')).ok).toBe(false);
    const fresh = await tickets.issue(A, 'initial-sync', Date.now());
    expect((await tickets.verify(fresh.ticket, 'initial-sync')).ok).toBe(true);
    expect((await tickets.verify(fresh.ticket, 'catch-up')).ok).toBe(false);

    const asB = await fetch(events, { headers: { authorization: `Bearer ${await tokenFor('B2')}` } });
    expect(asB.status).toBe(404);
    expect(asB.headers.get('content-type')).toContain('application/problem+json');
  });
});
