import { describe, expect, it } from 'vitest';
import { ResultAsync } from 'neverthrow';
import { toDocumentWire } from '../documents/document-wire.js';
import type { OgustineDocument } from '../documents/document.js';
import { decimal } from '../shared/decimal.js';
import { isIn } from '../sync/sync-record.js';
import { declareIntent, IN_FLIGHT_WINDOW_MS } from '../sync/write-protocol.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aCreditNote, aLine } from '../testing/builders/document.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';
import { invoice, REALM } from '../testing/builders/journey-fixtures.js';

/** A module with account A1 connected to a ready French company, documents received, initial sync launched. */
const launched = async (docs: readonly OgustineDocument[] = [invoice(1), invoice(2)]) => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  for (const d of docs) (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo };
};

describe('journeys, end to end in memory', () => {
  it('connect, preview, launch: every document lands in QBO once, numbered OGUSTINE_, with its PDF, progress shown', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    const docs = [
      invoice(1),
      invoice(2, { customer: { ...invoice(1).customer, id: 'C2', name: 'Paul Martin' } }),
      aCreditNote({
        id: 'D9',
        number: '2024-01-20',
        correctsInvoiceId: 'D1',
        createdAt: Date.UTC(2024, 0, 20),
        validatedAt: Date.UTC(2024, 0, 20, 1),
      }),
    ];
    for (const d of docs)
      expect((await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap().kind).toBe(
        'not-queued',
      );
    await m.connect('A1', REALM);
    const preview = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(preview.toSend).toMatchObject({ count: 3, invoices: 2, creditNotes: 1, customers: 2 });
    expect(preview.page.counts).toMatchObject({ invoices: 2, creditNotes: 1, customers: 2, services: 1, blocked: 0 });
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrap().queued).toBe(3);
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'use-case.state-refused',
      refusal: { kind: 'state.initial-sync-already-launched' },
    });
    await m.drain();
    expect(
      qbo
        .allTransactions()
        .map((t) => [t.type, t.docNumber])
        .sort(),
    ).toEqual([
      ['CreditMemo', 'OGUSTINE_2024-01-20'],
      ['Invoice', 'OGUSTINE_2024-01-01'],
      ['Invoice', 'OGUSTINE_2024-01-02'],
    ]);
    for (const t of qbo.allTransactions()) expect(qbo.attachmentsOf(t.qboId)).toHaveLength(1);
    expect(qbo.allCustomers()).toHaveLength(2);
    expect(qbo.allItems()).toHaveLength(1);
    expect(m.progress.eventsOf('A1').filter((e) => e.kind === 'progress.document' && e.status === 'sent')).toHaveLength(3);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync).toMatchObject({
      kind: 'done',
      progress: { total: 3, done: 3, failed: 0 },
    });
    const status = (await m.getDocumentSyncStatus.run('A1', 'D1'))._unsafeUnwrap();
    expect(status.kind).toBe('status.sent');
  });

  it('refuses a US company at connection with a clear reason and keeps no connection', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: 'US1', country: 'US' as never }));
    const url = (await m.connectQuickBooks.start('A1'))._unsafeUnwrap();
    const state = new URL(url).searchParams.get('state') ?? '';
    m.authorization.grantCode('c', 'US1');
    const refused = (await m.connectQuickBooks.run({ code: 'c', state, realmId: 'US1' }))._unsafeUnwrapErr();
    expect(refused.kind).toBe('connect.us-company-unsupported');
    if (refused.kind === 'connect.us-company-unsupported') expect(refused.message.fr).toContain('États-Unis');
    expect((await m.connections.get('A1'))._unsafeUnwrap()).toBeNull();
  });

  it('refuses a callback whose state was not issued, or is replayed', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    m.authorization.grantCode('c', REALM);
    expect((await m.connectQuickBooks.run({ code: 'c', state: 'forged', realmId: REALM }))._unsafeUnwrapErr().kind).toBe(
      'connect.invalid-state',
    );
  });

  it('blocks on prerequisites with their fix, and Retry passes once the company is fixed in QBO', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM, discountsAllowed: false }));
    const discounted = invoice(1, { lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] });
    await m.receiveValidatedDocument.run({ messageId: 'm1', document: toDocumentWire(discounted) });
    await m.connect('A1', REALM);
    const first = (await m.checkPrerequisites.run('A1'))._unsafeUnwrap();
    expect(first.unmet.map((u) => u.kind)).toEqual(['prerequisite.discounts-not-allowed']);
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrapErr()).toMatchObject({ refusal: { kind: 'state.prerequisites-not-met' } });
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    expect((await m.checkPrerequisites.run('A1'))._unsafeUnwrap().unmet).toEqual([]);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
  });

  it('automatic sync: a document validated after the launch is sent when its message arrives', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    await m.drain();
    expect((await m.receiveValidatedDocument.run({ messageId: 'late', document: toDocumentWire(invoice(3)) }))._unsafeUnwrap().kind).toBe(
      'queued',
    );
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-03')).toHaveLength(1);
  });

  it('suspend until a future day holds new documents; a past day resumes and sends the catch-up', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    await m.drain();
    const suspended = (await m.rescheduleSync.run('A1', '2024-07-01'))._unsafeUnwrap();
    expect(suspended.outcome.kind).toBe('suspended');
    const held = (
      await m.receiveValidatedDocument.run({
        messageId: 'm5',
        document: toDocumentWire(invoice(5, { createdAt: Date.UTC(2024, 5, 1, 7) })),
      })
    )._unsafeUnwrap();
    expect(held).toMatchObject({ kind: 'not-queued', decision: { kind: 'hold', reason: { kind: 'hold.suspended' } } });
    const resumed = (await m.rescheduleSync.run('A1', '2024-01-01'))._unsafeUnwrap();
    expect(resumed.queued).toBe(1);
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(2);
  });

  it('errors: a failure is recorded with its cause, resync after the fix sends it, and the error stays greyed', async () => {
    const { m, qbo } = await launched([invoice(1, { lines: [aLine({ discount: { kind: 'amount', amount: 500 } })] })]);
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: false }));
    await m.drain();
    const before = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(before.entries.map((e) => [e.record.cause.kind, e.greyed])).toEqual([['cause.discounts-disabled', false]]);
    expect(qbo.allTransactions()).toHaveLength(0);
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    expect((await m.resyncDocument.run('A1', 'D1'))._unsafeUnwrap().queued).toEqual(['D1']);
    await m.drain();
    const after = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(after.entries.map((e) => [e.record.state, e.greyed])).toEqual([['resolved', true]]);
    expect(after.openGroups).toEqual([]);
    expect(qbo.allTransactions()).toHaveLength(1);
  });
});

describe('no duplicate in QBO, ever', () => {
  it('when the answer of the post is lost after QBO committed it', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    // Customer and service first, then the post: QBO commits it, the answer never arrives.
    await m.drain(0);
    const lease = (await m.queue.take('w', m.clock.now()))._unsafeUnwrap();
    const job = lease?.jobs[0];
    if (lease === null || job === undefined) throw new Error('a job is queued');
    const accounting = m.gateway.company(REALM);
    if (accounting === undefined) throw new Error('company');
    const original = accounting.postTransaction.bind(accounting);
    accounting.postTransaction = (payload, requestId) => {
      qbo.commitThenLose();
      accounting.postTransaction = original;
      return original(payload, requestId);
    };
    const first = (await m.syncDocument.run(job.job))._unsafeUnwrap();
    expect(first).toMatchObject({ kind: 'postponed', why: 'checking' });
    expect((await m.records.get('A1', 'D1'))._unsafeUnwrap()?.state.kind).toBe('uncertain');
    expect((await m.getDocumentSyncStatus.run('A1', 'D1'))._unsafeUnwrap().kind).toBe('status.checking');
    await m.queue.retryLater(lease, job.job.jobId, first.kind === 'postponed' ? first.retryAt : 0);
    await m.queue.release(lease);
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
    expect((await m.records.get('A1', 'D1'))._unsafeUnwrap()?.state.kind).toBe('attached');
  });

  it('when every call after the customer loses its answer once', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    for (let i = 0; i < 6; i += 1) qbo.commitThenLose();
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
    expect(qbo.allCustomers()).toHaveLength(1);
    expect(qbo.allItems()).toHaveLength(1);
    expect(qbo.attachmentsOf(qbo.allTransactions()[0]?.qboId ?? '').length).toBeGreaterThanOrEqual(1);
  });

  it('when a message is redelivered, or the same document comes in another message', async () => {
    const { m, qbo } = await launched([]);
    const wire = toDocumentWire(invoice(4));
    expect((await m.receiveValidatedDocument.run({ messageId: 'x', document: wire }))._unsafeUnwrap().kind).toBe('queued');
    expect((await m.receiveValidatedDocument.run({ messageId: 'x', document: wire }))._unsafeUnwrap().kind).toBe('duplicate-message');
    await m.receiveValidatedDocument.run({ messageId: 'y', document: wire });
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-04')).toHaveLength(1);
    expect((await m.receiveValidatedDocument.run({ messageId: 'z', document: wire }))._unsafeUnwrap().kind).toBe('already-in-quickbooks');
  });

  it('when a job is run twice', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    const leased = (await m.queue.take('w', m.clock.now()))._unsafeUnwrap()?.jobs[0];
    if (leased === undefined) throw new Error('a job is queued');
    const [a, b] = await Promise.all([m.syncDocument.run(leased.job), m.syncDocument.run(leased.job)]);
    const again = await m.syncDocument.run(leased.job);
    expect([a, b, again].some((r) => r.isOk() && r.value.kind === 'synced')).toBe(true);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
  });

  it('when a second worker runs the job between the first one storing its intent and posting', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    const leased = (await m.queue.take('w', m.clock.now()))._unsafeUnwrap()?.jobs[0];
    if (leased === undefined) throw new Error('a job is queued');
    const accounting = m.gateway.company(REALM);
    if (accounting === undefined) throw new Error('company');
    const original = accounting.postTransaction.bind(accounting);
    // Every post that reaches QBO: QBO's duplicate-number check (6140) is off in some companies, so it must not be what saves us.
    const sent: string[] = [];
    let raced = false;
    let second: Awaited<ReturnType<typeof m.syncDocument.run>> | undefined;
    let recordSeenBySecond: string | undefined;
    accounting.postTransaction = (payload, requestId) => {
      const post = () => {
        sent.push(requestId);
        return original(payload, requestId);
      };
      if (raced) return post();
      raced = true;
      // The first worker stored its intent and is about to post: the second runs the same job to completion first.
      return new ResultAsync(
        (async () => {
          recordSeenBySecond = (await m.records.get('A1', 'D1'))._unsafeUnwrap()?.state.kind;
          second = await m.syncDocument.run(leased.job);
          return post();
        })(),
      );
    };
    const first = await m.syncDocument.run(leased.job);
    expect(recordSeenBySecond).toBe('intent');
    expect(sent, 'the second worker must not post while the first may be posting').toHaveLength(1);
    const postponed = second?._unsafeUnwrap();
    expect(postponed).toMatchObject({ kind: 'postponed', why: 'checking' });
    expect(first._unsafeUnwrap().kind).toBe('synced');
    // The second worker's retry, once the window has passed: it finds the document done.
    const retryAt = postponed?.kind === 'postponed' ? postponed.retryAt : 0;
    expect(retryAt).toBe(m.clock.now() + IN_FLIGHT_WINDOW_MS);
    m.clock.set(retryAt);
    expect((await m.syncDocument.run(leased.job))._unsafeUnwrap().kind).toBe('synced');
    expect(sent).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
    expect((await m.getDocumentSyncStatus.run('A1', 'D1'))._unsafeUnwrap().kind).toBe('status.sent');
  });

  it('when the worker crashed between persisting the intent and sending, or just after sending', async () => {
    for (const sentBeforeCrash of [false, true]) {
      const { m, qbo } = await launched([invoice(1)]);
      await m.drain();
      // Replay the crash on a second document: intent stored, then (maybe) the post reached QBO.
      await m.receiveValidatedDocument.run({ messageId: 'm2', document: toDocumentWire(invoice(2)) });
      const leased = (await m.queue.take('w', m.clock.now()))._unsafeUnwrap()?.jobs[0];
      if (leased === undefined) throw new Error('a job is queued');
      const fresh = (
        await m.records.save({
          accountId: 'A1',
          documentId: 'D2',
          realmId: REALM,
          type: 'Invoice',
          docNumber: 'OGUSTINE_2024-01-02',
          state: { kind: 'pending' },
          generation: 0,
          version: 0,
        })
      )._unsafeUnwrap();
      if (!isIn(fresh, 'pending')) throw new Error('fresh record');
      const intent = (await m.records.save(declareIntent(fresh, 'crash-rid', m.clock.now())))._unsafeUnwrap();
      if (sentBeforeCrash) {
        const posted = qbo.allTransactions()[0];
        if (posted === undefined) throw new Error('first invoice posted');
        (await qbo.postTransaction({ ...posted.payload, docNumber: 'OGUSTINE_2024-01-02' }, 'crash-rid'))._unsafeUnwrap();
      }
      expect(intent.state.kind).toBe('intent');
      m.queue.abandonLeases();
      await m.drain();
      expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02')).toHaveLength(1);
    }
  });
});

describe('within limits, isolated, nothing lost', () => {
  it('absorbs throttling: retried later, never a user-facing error', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    qbo.throttleNext(4);
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(1);
    expect((await m.listErrorHistory.run('A1'))._unsafeUnwrap().entries).toEqual([]);
  });

  it('retries a failed PDF upload on its own, never posting the transaction again', async () => {
    const { m, qbo } = await launched([invoice(1)]);
    m.files.failNext();
    m.files.failNext();
    m.files.failNext();
    m.files.failNext();
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(1);
    expect(qbo.attachmentsOf(qbo.allTransactions()[0]?.qboId ?? '')).toHaveLength(1);
    const history = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(history.entries.every((e) => e.greyed)).toBe(true);
  });

  it('keeps tenants apart: two accounts, two realms, never each other’s data', async () => {
    const m = new InMemoryModule();
    const q1 = m.addCompany(aCompanyProfile({ realmId: 'R1' }));
    const q2 = m.addCompany(aCompanyProfile({ realmId: 'R2' }));
    for (const [account, realm] of [
      ['A1', 'R1'],
      ['A2', 'R2'],
    ] as const) {
      await m.receiveValidatedDocument.run({
        messageId: `m-${account}`,
        document: toDocumentWire(invoice(1, { accountId: account, number: account === 'A1' ? '2024-01-01' : '2024-02-02' })),
      });
      await m.connect(account, realm);
      (await m.launchInitialSync.run(account))._unsafeUnwrap();
    }
    q2.updateProfile((p) => ({ ...p, discountsAllowed: false }));
    await m.drain();
    expect(q1.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_2024-01-01']);
    expect(q2.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_2024-02-02']);
    expect(m.documents.allDocuments('A1').map((d) => d.accountId)).toEqual(['A1']);
    expect((await m.getDocumentSyncStatus.run('A2', 'D1'))._unsafeUnwrap().kind).toBe('status.sent');
  });

  it('dead-letters an unreadable message with the reason', async () => {
    const m = new InMemoryModule();
    const error = (await m.receiveValidatedDocument.run({ messageId: 'bad', document: { id: 'D1' } }))._unsafeUnwrapErr();
    expect(error.kind).toBe('receive.invalid-document');
    if (error.kind === 'receive.invalid-document') expect(error.reason.length).toBeGreaterThan(0);
    expect((await m.processed.has('bad'))._unsafeUnwrap()).toBe(false);
  });
});
