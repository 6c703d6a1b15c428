import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toDocumentWire } from '@ogustine-qbo/domain';
import { aDocument } from '@ogustine-qbo/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../test/support/billing-sandbox.js';
import { HttpBillingCore } from './http-billing-core.js';

let running: RunningSandbox;
beforeEach(async () => {
  running = await startSandbox();
  running.sandbox.admin.addAccount({ accountId: 'F1', documents: 5, historyFrom: '2025-01-01', historyTo: '2025-01-31' });
});
afterEach(() => running.close());

const PAGE = { createdFrom: '2025-01-01', cursor: null } as const;

/** Records the waits between attempts instead of sleeping. */
const recordedWaits = (): { waits: number[]; wait: (ms: number) => Promise<void> } => {
  const waits: number[] = [];
  return { waits, wait: (ms) => (waits.push(ms), Promise.resolve()) };
};

describe('HttpBillingCore when the billing core fails', () => {
  it('retries a 5xx: failing twice then answering is a success after two waits with back-off and jitter', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', failNext: { count: 2, status: 503 } });
    const { waits, wait } = recordedWaits();
    const core = running.core({ attempts: 3, baseDelayMs: 100, random: () => 0.5, wait });
    const page = (await core.listValidatedDocuments('F1', PAGE))._unsafeUnwrap();
    expect(page.documents).toHaveLength(5);
    expect(waits).toEqual([50, 100]); // 0.5 × 100 × 2⁰, 0.5 × 100 × 2¹
  });

  it('gives up after its attempts, saying the core is unavailable and how often it tried', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', failNext: { count: 3, status: 500 } });
    const { waits, wait } = recordedWaits();
    const error = (await running.core({ attempts: 3, wait }).getAccount('F1'))._unsafeUnwrapErr();
    expect(error).toEqual({
      kind: 'billing.unavailable',
      detail: expect.stringMatching(/^HTTP 500: .*\(after 3 attempts\)$/),
      retryAfterMs: null,
    });
    expect(waits).toHaveLength(2);
    expect((await running.core().getAccount('F1'))._unsafeUnwrap().accountId).toBe('F1');
  });

  it("waits at least the core's Retry-After on 429, and does not wait for one beyond its limit", async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', failNext: { count: 1, status: 429, retryAfterSeconds: 2 } });
    const short = recordedWaits();
    expect((await running.core({ random: () => 0, wait: short.wait }).getAccount('F1')).isOk()).toBe(true);
    expect(short.waits).toEqual([2_000]);

    running.sandbox.admin.injectFaults({ accountId: 'F1', failNext: { count: 1, status: 503, retryAfterSeconds: 120 } });
    const long = recordedWaits();
    const error = (await running.core({ wait: long.wait }).getAccount('F1'))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'billing.unavailable', retryAfterMs: 120_000 });
    expect(long.waits).toEqual([]);
  });

  it('a core slower than the time-out is unavailable, retried, then answers once it is quick again', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', latencyMs: 2_000 });
    const { waits, wait } = recordedWaits();
    const error = (await running.core({ jsonTimeoutMs: 100, attempts: 2, wait }).listValidatedDocuments('F1', PAGE))._unsafeUnwrapErr();
    expect(error).toEqual({
      kind: 'billing.unavailable',
      detail: 'no complete answer within 100 ms (after 2 attempts)',
      retryAfterMs: null,
    });
    expect(waits).toHaveLength(1);
    running.sandbox.admin.injectFaults({ accountId: 'F1', latencyMs: 0 });
    expect((await running.core({ jsonTimeoutMs: 1_000 }).listValidatedDocuments('F1', PAGE)).isOk()).toBe(true);
  });

  it('a PDF slower than its own time-out is unavailable too', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', latencyMs: 2_000 });
    const error = (await running.core({ pdfTimeoutMs: 100, attempts: 1 }).fetchDocumentPdf('F1', 'F1-000001'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.unavailable', detail: 'no complete answer within 100 ms', retryAfterMs: null });
  });

  it('a missing PDF is not found (no retry), the document still listed', async () => {
    running.sandbox.admin.removePdf('F1', 'F1-000002');
    const { waits, wait } = recordedWaits();
    const core = running.core({ wait });
    expect((await core.fetchDocumentPdf('F1', 'F1-000002'))._unsafeUnwrapErr()).toEqual({ kind: 'billing.not-found', what: 'pdf' });
    expect(waits).toEqual([]);
    expect((await core.listValidatedDocuments('F1', PAGE))._unsafeUnwrap().documents.map((d) => d.id)).toContain('F1-000002');
  });

  it('malformed JSON is billing.malformed, not retried; the next answer is read again', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', malformedNext: 1 });
    const { waits, wait } = recordedWaits();
    const core = running.core({ wait });
    const error = (await core.listValidatedDocuments('F1', PAGE))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.malformed', detail: expect.stringContaining('not JSON') });
    expect(waits).toEqual([]);
    expect((await core.listValidatedDocuments('F1', PAGE)).isOk()).toBe(true);
  });

  it('a PDF answer that is not a PDF is billing.malformed', async () => {
    running.sandbox.admin.injectFaults({ accountId: 'F1', malformedNext: 1 });
    const error = (await running.core().fetchDocumentPdf('F1', 'F1-000001'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.malformed', detail: 'the body is not a PDF (it does not start with %PDF-)' });
  });

  it('a PDF over the size limit is refused without reading it all', async () => {
    const error = (await running.core({ maxPdfBytes: 1_000 }).fetchDocumentPdf('F1', 'F1-000001'))._unsafeUnwrapErr();
    expect(error).toEqual({
      kind: 'billing.malformed',
      detail: expect.stringMatching(/^the PDF is \d+ bytes, more than the 1000 allowed$/),
    });
    const file = (await running.core().fetchDocumentPdf('F1', 'F1-000001'))._unsafeUnwrap();
    expect(file.fileName).toMatch(/^(Facture|Avoir)-[A-Z]+2025-00001\.pdf$/);
  });

  it('a wrong service token is refused (401), not retried', async () => {
    const { waits, wait } = recordedWaits();
    const error = (await running.core({ token: 'stale', wait }).getAccount('F1'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.refused', status: 401, detail: expect.stringContaining('unauthorized') });
    expect(waits).toEqual([]);
  });

  it('an unknown cursor is refused (400 invalid_cursor); a page size outside 1–500 is brought back into it', async () => {
    const core = running.core();
    expect((await core.listValidatedDocuments('F1', { ...PAGE, cursor: 'forged' }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'billing.refused',
      status: 400,
      detail: expect.stringContaining('invalid_cursor'),
    });
    expect((await core.listValidatedDocuments('F1', { ...PAGE, pageSize: 10_000 }))._unsafeUnwrap().documents).toHaveLength(5);
    expect((await core.listValidatedDocuments('F1', { ...PAGE, pageSize: 0 }))._unsafeUnwrap().documents).toHaveLength(1);
  });

  it("reports another account's document in a page as unreadable, never as this account's", async () => {
    running.sandbox.admin.addDocuments('F1', [
      toDocumentWire(aDocument({ id: 'OTHER', accountId: 'F2', createdAt: Date.UTC(2025, 0, 20, 9), validatedAt: Date.UTC(2026, 0, 1) })),
    ]);
    const page = (await running.core().listValidatedDocuments('F1', PAGE))._unsafeUnwrap();
    expect(page.documents.map((d) => d.accountId)).toEqual(['F1', 'F1', 'F1', 'F1', 'F1']);
    expect(page.unreadable).toEqual([
      { documentId: 'OTHER', issues: [expect.objectContaining({ path: 'accountId', code: 'inconsistent' })] },
    ]);
  });

  it('a core nobody answers for is unavailable (network error), after its attempts', async () => {
    await running.close();
    const { waits, wait } = recordedWaits();
    const core = new HttpBillingCore({ baseUrl: running.url, token: 't', attempts: 2, wait });
    const error = (await core.getAccount('F1'))._unsafeUnwrapErr();
    expect(error).toEqual({
      kind: 'billing.unavailable',
      detail: expect.stringMatching(/^network error: .*ECONNREFUSED.*\(after 2 attempts\)$/),
      retryAfterMs: null,
    });
    expect(waits).toHaveLength(1);
    running = await startSandbox(); // for afterEach
  });
});

describe('HttpBillingCore against answers the sandbox does not give', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server === undefined ? done() : server.close(() => done()))));

  /** A tiny real HTTP server answering every request with `handler`. */
  const serving = async (handler: Parameters<typeof createServer>[1], maxPdfBytes?: number): Promise<HttpBillingCore> => {
    server = createServer(handler);
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return new HttpBillingCore({ baseUrl, token: 't', attempts: 1, ...(maxPdfBytes === undefined ? {} : { maxPdfBytes }) });
  };

  it('stops reading a streamed PDF (no Content-Length) as soon as it passes the limit', async () => {
    const LIMIT = 50 * 1024 * 1024;
    let written = 0;
    const core = await serving((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      chunk.write('%PDF-1.7');
      // 50 MiB, streamed: the adapter must stop early, not read it all.
      const push = (): void => {
        while (written < LIMIT && res.write(chunk)) written += chunk.length;
        if (written < LIMIT) res.once('drain', push);
        else res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      push();
    }, 200_000);
    const error = (await core.fetchDocumentPdf('A', 'D'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.malformed', detail: 'the PDF is more than the 200000 bytes allowed' });
    expect(written).toBeLessThan(LIMIT);
  });

  it('reads the file name from filename*, and falls back to the document id', async () => {
    let disposition: string | undefined = 'attachment; filename*=UTF-8\'\'Facture%20n%C2%B0%2012.pdf; filename="x.pdf"';
    const core = await serving((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/pdf; charset=binary',
        ...(disposition === undefined ? {} : { 'Content-Disposition': disposition }),
      });
      res.end('%PDF-1.4 small');
    });
    expect((await core.fetchDocumentPdf('A', 'D7'))._unsafeUnwrap().fileName).toBe('Facture n° 12.pdf');
    disposition = undefined;
    const file = (await core.fetchDocumentPdf('A', 'D7'))._unsafeUnwrap();
    expect(file).toEqual({ fileName: 'D7.pdf', contentType: 'application/pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.4 small')) });
  });

  it.each([
    ['a page without documents', '{"nextCursor":null}', /documents array/],
    ['a cursor that is not text', '{"documents":[],"nextCursor":5}', /nextCursor/],
    ['an account of another id', '{"accountId":"B","timeZone":"Europe/Paris","locale":"fr-FR"}', /asked for account A/],
    ['an unknown time zone', '{"accountId":"A","timeZone":"Mars/Olympus","locale":"fr-FR"}', /unknown time zone/],
    ['no locale', '{"accountId":"A","timeZone":"Europe/Paris","locale":" "}', /locale/],
  ])('%s is billing.malformed', async (_what, body, detail) => {
    const core = await serving((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    const error =
      body.includes('documents') || body.includes('nextCursor')
        ? (await core.listValidatedDocuments('A', PAGE))._unsafeUnwrapErr()
        : (await core.getAccount('A'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'billing.malformed', detail: expect.stringMatching(detail) });
  });

  it('an error body from a proxy (not JSON) still gives the status and its text; a 404 without code uses the path', async () => {
    let status = 502;
    const core = await serving((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad Gateway</h1>');
    });
    expect((await core.getAccount('A'))._unsafeUnwrapErr()).toEqual({
      kind: 'billing.unavailable',
      detail: 'HTTP 502: <h1>Bad Gateway</h1>',
      retryAfterMs: null,
    });
    status = 404;
    expect((await core.getAccount('A'))._unsafeUnwrapErr()).toEqual({ kind: 'billing.not-found', what: 'account' });
    expect((await core.fetchDocumentPdf('A', 'D'))._unsafeUnwrapErr()).toEqual({ kind: 'billing.not-found', what: 'document' });
    status = 403;
    expect((await core.getAccount('A'))._unsafeUnwrapErr()).toEqual({
      kind: 'billing.refused',
      status: 403,
      detail: '<h1>Bad Gateway</h1>',
    });
  });
});
