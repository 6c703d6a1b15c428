import { postFailureEffect, type Accounting } from '@ogustine-qbo/domain';
import { InMemoryConnectionStore } from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aProcess, connectedCompany, HOUR, ShiftedClock } from './test-support/adapter-under-test.js';
import { aPdf, anInvoice } from './test-support/invoice-setup.js';
import { requestCounts, startSandbox, tokenEndpointCalls, type Harness } from './test-support/sandbox-harness.js';

// A scaled sandbox: its one-minute window lasts 1.2 s, so a throttled realm recovers within a test.
const TIME_SCALE = 0.02;
const clock = new ShiftedClock();
let harness: Harness;
let connections: InMemoryConnectionStore;
let realmId: string;

beforeAll(async () => {
  harness = await startSandbox({ clock: () => new Date(clock.now()), timeScale: TIME_SCALE });
});
afterAll(() => harness.close());
beforeEach(async () => {
  connections = new InMemoryConnectionStore();
  realmId = await connectedCompany(harness, connections, clock, 'A1');
});

const open = async (process = aProcess(harness, connections, clock)): Promise<Accounting> =>
  (await process.gateway.open('A1'))._unsafeUnwrap();

/** The sandbox's log of the realm since `mark` (endpoint → count), and the notes it left (throttled, dropped…). */
const logSince = (mark: number) => {
  const entries = harness.sandbox.admin.requests(realmId).requests.slice(mark);
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.endpoint] = (counts[e.endpoint] ?? 0) + 1;
  return { counts, notes: entries.map((e) => e.note ?? String(e.status)) };
};
const mark = (): number => harness.sandbox.admin.requests(realmId).requests.length;

describe('commit, then the answer is lost', () => {
  it('a post whose answer is lost is not sent again: its outcome is unknown, and the transaction is found by its number', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-DROP-1');
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, dropResponseNext: 1 });
    const failure = (await accounting.postTransaction(payload, 'rq-drop-1'))._unsafeUnwrapErr();
    expect(failure.kind).toBe('qbo.network');
    expect(postFailureEffect(failure)).toBe('outcome-unknown');
    expect(logSince(before).counts).toEqual({ 'POST invoice': 1 });
    const found = (await accounting.findTransactionByDocNumber('Invoice', 'F-DROP-1'))._unsafeUnwrap();
    expect(found).toMatchObject({ docNumber: 'F-DROP-1', totalAmount: 6000 });
    // The same requestid is replayed by QBO: the write protocol may resend it safely.
    const replayed = (await accounting.postTransaction(payload, 'rq-drop-1'))._unsafeUnwrap();
    expect(replayed).toEqual({ type: 'Invoice', qboId: found?.qboId, docNumber: 'F-DROP-1', totalAmount: 6000 });
  });

  it('a batch carries its requestid: its answer lost, the same batch again is replayed by QBO, and each invoice exists once', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-BDROP-1');
    const entries = [
      { batchId: 'b0', payload },
      { batchId: 'b1', payload: { ...payload, docNumber: 'F-BDROP-2' } },
    ];
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, dropResponseNext: 1 });
    const failure = (await accounting.postTransactions(entries, 'rq-bdrop-1'))._unsafeUnwrapErr();
    expect(postFailureEffect(failure)).toBe('outcome-unknown');
    const log = harness.sandbox.admin.requests(realmId).requests.slice(before);
    expect(log.map((e) => [e.endpoint, e.requestId])).toEqual([['POST batch', 'rq-bdrop-1']]);
    const replayed = (await accounting.postTransactions(entries, 'rq-bdrop-1'))._unsafeUnwrap();
    expect(replayed.map((o) => o.kind)).toEqual(['posted', 'posted']);
    const found = (await accounting.findTransactionByDocNumber('Invoice', 'F-BDROP-2'))._unsafeUnwrap();
    expect(replayed[1]).toMatchObject({ transaction: { qboId: found?.qboId } });
    expect(logSince(before).notes).toEqual(['dropped', 'replayed', '200']);
  });

  it('an upload whose answer is lost is found among the transaction attachables, not sent again', async () => {
    const accounting = await open();
    const posted = (await accounting.postTransaction(await anInvoice(accounting, 'F-DROP-2'), 'rq-drop-2'))._unsafeUnwrap();
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, dropResponseNext: 1 });
    const id = (await accounting.attachPdf({ type: 'Invoice', qboId: posted.qboId }, aPdf(), 'rq-att-2'))._unsafeUnwrap();
    expect(logSince(before).counts).toEqual({ 'POST upload': 1, 'GET query': 1 });
    const attachables = attachablesOf(posted.qboId);
    expect(attachables.map((a) => a['Id'])).toEqual([id]);
  });

  it('an upload that failed with a 503 is checked at once, found absent, and the next upload sends it: it lands once', async () => {
    const process = aProcess(harness, connections, clock);
    const accounting = await open(process);
    const posted = (await accounting.postTransaction(await anInvoice(accounting, 'F-503-U'), 'rq-503-u'))._unsafeUnwrap();
    const target = { type: 'Invoice' as const, qboId: posted.qboId };
    harness.sandbox.admin.injectFaults({ realmId, failNext: { count: 1, status: 503 } });
    const failure = (await accounting.attachPdf(target, aPdf(), 'rq-att-3'))._unsafeUnwrapErr();
    expect(failure).toMatchObject({ kind: 'qbo.fault', status: 503 });
    expect(postFailureEffect(failure)).toBe('outcome-unknown');
    expect(attachablesOf(posted.qboId)).toEqual([]);
    const before = mark();
    const id = (await (await open(process)).attachPdf(target, aPdf(), 'rq-att-4'))._unsafeUnwrap();
    expect(logSince(before).counts).toEqual({ 'POST upload': 1 });
    expect(attachablesOf(posted.qboId).map((a) => a['Id'])).toEqual([id]);
  });
});

describe('503 twice, then success', () => {
  it('a read is sent again with back-off until it succeeds: three requests', async () => {
    const accounting = await open();
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, failNext: { count: 2, status: 503 } });
    expect((await accounting.findCustomerByDisplayName('Personne'))._unsafeUnwrap()).toBeNull();
    expect(logSince(before)).toEqual({ counts: { 'GET query': 3 }, notes: ['injected-503', 'injected-503', '200'] });
  });

  it('a write is sent once: the 503 comes back as it is, for the write protocol to look the transaction up', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-503-W');
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, failNext: { count: 2, status: 503 } });
    const failure = (await accounting.postTransaction(payload, 'rq-503-w'))._unsafeUnwrapErr();
    expect(failure).toMatchObject({ kind: 'qbo.fault', status: 503, faultType: 'SystemFault' });
    expect(failure.kind === 'qbo.fault' && failure.intuitTid).toMatch(/^1-/);
    expect(logSince(before).counts).toEqual({ 'POST invoice': 1 });
  });
});

describe('throttled now', () => {
  it('a write meets a 429: throttled, not sent, and the next write is answered throttled without a request', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-429-W');
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, throttleNow: true });
    const first = (await accounting.postTransaction(payload, 'rq-429-a'))._unsafeUnwrapErr();
    expect(first.kind).toBe('qbo.throttled');
    expect(first.kind === 'qbo.throttled' && first.intuitTid).toMatch(/^1-/);
    expect(postFailureEffect(first)).toBe('not-written');
    expect((await accounting.postTransaction(payload, 'rq-429-b'))._unsafeUnwrapErr()).toEqual({ kind: 'qbo.throttled' });
    expect(logSince(before)).toEqual({ counts: { 'POST invoice': 1 }, notes: ['throttled'] });
    expect((await accounting.findTransactionByDocNumber('Invoice', 'F-429-W'))._unsafeUnwrap()).toBeNull();
  });

  it('a read waits out the pause after a 429, then succeeds: two requests', async () => {
    const accounting = await open();
    const before = mark();
    harness.sandbox.admin.injectFaults({ realmId, throttleNow: true });
    expect((await accounting.findItemByName('Rien'))._unsafeUnwrap()).toBeNull();
    expect(logSince(before)).toEqual({ counts: { 'GET query': 2 }, notes: ['throttled', '200'] });
  });

  it('a 429 that lasts becomes a visible fault (3001, with its intuit_tid), not an endless retry', async () => {
    const minute = 60_000 * TIME_SCALE;
    const accounting = (await aProcessWithPolicy({ lastingThrottleMs: 1.5 * minute, readAttempts: 10 }).gateway.open('A1'))._unsafeUnwrap();
    const keepThrottling = setInterval(() => harness.sandbox.admin.injectFaults({ realmId, throttleNow: true }), minute / 3);
    harness.sandbox.admin.injectFaults({ realmId, throttleNow: true });
    try {
      const failure = (await accounting.findItemByName('Rien'))._unsafeUnwrapErr();
      expect(failure).toMatchObject({ kind: 'qbo.fault', status: 429, errors: [{ code: '3001' }] });
      expect(failure.kind === 'qbo.fault' && failure.intuitTid).toMatch(/^1-/);
    } finally {
      clearInterval(keepThrottling);
    }
  });
});

describe('tokens', () => {
  it('an access token that expires mid-run is renewed once and the write goes through, once', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-401');
    const stored = (await connections.get('A1'))._unsafeUnwrap()?.tokens;
    const before = mark();
    const tokenCalls = tokenEndpointCalls(harness.sandbox);
    harness.sandbox.admin.expireTokens(realmId, 'access');
    const posted = (await accounting.postTransaction(payload, 'rq-401'))._unsafeUnwrap();
    expect(posted.docNumber).toBe('F-401');
    expect(logSince(before)).toEqual({ counts: { 'POST invoice': 2 }, notes: ['401', '200'] });
    expect(tokenEndpointCalls(harness.sandbox)).toBe(tokenCalls + 1);
    const renewed = (await connections.get('A1'))._unsafeUnwrap()?.tokens;
    expect(renewed?.refreshToken).not.toBe(stored?.refreshToken);
  });

  it('a stale token refused, then the newer one from the store refused too: renewed at Intuit, and the write goes through, once', async () => {
    // Two documents of one process, each with the company opened on the same token.
    const process = aProcess(harness, connections, clock);
    const first = (await process.gateway.open('A1'))._unsafeUnwrap();
    const second = (await process.gateway.open('A1'))._unsafeUnwrap();
    const payload = await anInvoice(first, 'F-401-TWICE');
    // The first renews the token after an expiry; the second still holds the old one.
    harness.sandbox.admin.expireTokens(realmId, 'access');
    expect((await first.findItemByName('Rien'))._unsafeUnwrap()).toBeNull();
    // The renewed token dies early too (Intuit may end an access token before its hour).
    harness.sandbox.admin.expireTokens(realmId, 'access');
    const before = mark();
    const tokenCalls = tokenEndpointCalls(harness.sandbox);
    const posted = (await second.postTransaction(payload, 'rq-401-twice'))._unsafeUnwrap();
    expect(posted.docNumber).toBe('F-401-TWICE');
    // Refused with its own token, then with the store's, then accepted with one refreshed at Intuit.
    expect(logSince(before)).toEqual({ counts: { 'POST invoice': 3 }, notes: ['401', '401', '200'] });
    expect(tokenEndpointCalls(harness.sandbox)).toBe(tokenCalls + 1);
    expect((await connections.get('A1'))._unsafeUnwrap()?.status).toBe('connected');
  });

  it('a token refreshed at Intuit and refused at once is not renewed again: the write is unauthorized, never sent in a loop', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-401-LOOP');
    const before = mark();
    // Every access token Intuit hands out is refused (as after a revocation QBO has not yet told the token server of).
    const refuseAll = setInterval(() => harness.sandbox.admin.expireTokens(realmId, 'access'), 1);
    try {
      harness.sandbox.admin.expireTokens(realmId, 'access');
      const failure = (await accounting.postTransaction(payload, 'rq-401-loop'))._unsafeUnwrapErr();
      expect(failure.kind).toBe('qbo.unauthorized');
    } finally {
      clearInterval(refuseAll);
    }
    expect(logSince(before).counts['POST invoice']).toBeLessThanOrEqual(3);
  });

  it('a revoked refresh token: unauthorized, the connection must reconnect, the gateway then says so', async () => {
    const process = aProcess(harness, connections, clock);
    const accounting = (await process.gateway.open('A1'))._unsafeUnwrap();
    harness.sandbox.admin.expireTokens(realmId, 'both');
    const failure = (await accounting.findCustomerByDisplayName('Personne'))._unsafeUnwrapErr();
    expect(failure.kind).toBe('qbo.unauthorized');
    expect(postFailureEffect(failure)).toBe('not-written');
    const stored = (await connections.get('A1'))._unsafeUnwrap();
    expect([stored?.status, stored?.realmId]).toEqual(['reconnect-required', realmId]);
    expect((await process.gateway.open('A1'))._unsafeUnwrapErr()).toEqual({ kind: 'connection.missing' });
  });

  it('two processes refreshing the same realm at once: both work, no invalid_grant, and the stored chain lives on', async () => {
    const [one, two] = [aProcess(harness, connections, clock), aProcess(harness, connections, clock)];
    clock.advance(2 * HOUR);
    const tokenCallsBefore = harness.sandbox.admin.requests().requests.length;
    const opened = await Promise.all([one, two, one, two].map((p) => p.gateway.open('A1')));
    const tokenAnswers = harness.sandbox.admin
      .requests()
      .requests.slice(tokenCallsBefore)
      .filter((r) => r.path === '/oauth2/v1/tokens/bearer');
    expect(tokenAnswers.map((r) => r.status)).toEqual(tokenAnswers.map(() => 200));
    // One refresh per process (single flight inside each), raced at Intuit; the store's compare-and-set keeps one.
    expect(tokenAnswers.length).toBe(2);
    for (const result of opened) expect((await result._unsafeUnwrap().findItemByName('Rien'))._unsafeUnwrap()).toBeNull();
    expect((await connections.get('A1'))._unsafeUnwrap()?.status).toBe('connected');
    clock.advance(2 * HOUR);
    expect((await one.authorization.refresh('A1')).isOk()).toBe(true);
  });
});

describe('France', () => {
  it('a service item of a French company is sent with the ItemCategoryType its payload carries, which QBO France requires', async () => {
    const french = await connectedCompany(harness, connections, clock, 'FR1', { country: 'FR' });
    const accounting = (await aProcess(harness, connections, clock).gateway.open('FR1'))._unsafeUnwrap();
    const payload = await anInvoice(accounting, 'F-FR-1');
    const item = harness.sandbox.admin.requests(french).requests.filter((r) => r.endpoint === 'POST item');
    expect(item.map((r) => r.status)).toEqual([200]);
    expect(payload.lines).toHaveLength(1);
  });
});

describe('requests spent', () => {
  it('a whole document costs what the work needs: 5 profile reads, 3 creates, 1 upload, no token call', async () => {
    const tokenCalls = tokenEndpointCalls(harness.sandbox);
    const before = mark();
    const accounting = await open();
    const posted = (await accounting.postTransaction(await anInvoice(accounting, 'F-COUNT'), 'rq-count'))._unsafeUnwrap();
    (await accounting.attachPdf({ type: 'Invoice', qboId: posted.qboId }, aPdf(), 'rq-count-a'))._unsafeUnwrap();
    expect(logSince(before).counts).toEqual({
      'GET companyinfo': 1,
      'GET preferences': 1,
      'GET query': 3,
      'POST customer': 1,
      'POST item': 1,
      'POST invoice': 1,
      'POST upload': 1,
    });
    expect(tokenEndpointCalls(harness.sandbox)).toBe(tokenCalls);
    expect(requestCounts(harness.sandbox, realmId)['GET query']).toBeGreaterThan(0);
  });

  it('refuses a batch over 30 entries without sending it', async () => {
    const accounting = await open();
    const payload = await anInvoice(accounting, 'F-BATCH');
    const before = mark();
    const entries = Array.from({ length: 31 }, (_, i) => ({ batchId: `b${i}`, payload: { ...payload, docNumber: `F-B${i}` } }));
    expect((await accounting.postTransactions(entries, 'rq-b'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'qbo.fault',
      errors: [{ code: '1040' }],
    });
    expect(logSince(before).counts).toEqual({});
  });
});

const attachablesOf = (invoiceId: string): Array<Record<string, unknown>> => {
  const inspected = harness.sandbox.admin.inspect(realmId) as { entities?: { Attachable?: Array<Record<string, unknown>> } };
  return (inspected.entities?.Attachable ?? []).filter((a) => JSON.stringify(a['AttachableRef'] ?? []).includes(`"value":"${invoiceId}"`));
};

/** A process whose request policy differs from the harness's (a shorter "lasting throttle"). */
const aProcessWithPolicy = (changes: Partial<Harness['policy']>) =>
  aProcess({ ...harness, policy: { ...harness.policy, ...changes } }, connections, clock);
