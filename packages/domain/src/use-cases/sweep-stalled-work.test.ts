import { ResultAsync, errAsync } from 'neverthrow';
import type { AccountSettings } from '../ports/settings-store.js';
import { isRunComplete } from '../ports/run-store.js';
import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../documents/document-wire.js';
import type { OgustineDocument } from '../documents/document.js';
import type { SyncJob } from '../ports/sync-queue.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { invoice, REALM } from '../testing/builders/journey-fixtures.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';
import { LAUNCH_GRACE_MS, SWEEP_GRACE_MS } from './sweep-stalled-work.js';

/** Account A1 connected to a ready company, its history received, the initial sync launched and drained. */
const running = async (history: readonly OgustineDocument[] = [invoice(1)]) => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  for (const d of history)
    (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  await m.drain();
  return { m, qbo };
};

/** A validated message whose receipt stops after the record: the queue does not answer, and the message is then lost. */
const receiveStoppedAfterRecord = async (m: InMemoryModule, doc: OgustineDocument) => {
  m.queue.failNext();
  const received = await m.receiveValidatedDocument.run({ messageId: `msg-${doc.id}`, document: toDocumentWire(doc) });
  expect(received._unsafeUnwrapErr().kind).toBe('queue.unavailable');
  expect((await m.documents.get(doc.accountId, doc.id))._unsafeUnwrap()).not.toBeNull();
};

const docNumbers = (qbo: { allTransactions(): readonly { docNumber: string }[] }) => qbo.allTransactions().map((t) => t.docNumber);

describe('the sweep carries on work left between two steps', () => {
  it('a document recorded but never decided is queued by the sweep once past the grace, and lands in QBO once', async () => {
    const { m, qbo } = await running();
    const from = m.clock.now();
    const fresh = invoice(2);
    await receiveStoppedAfterRecord(m, fresh);
    expect(m.queue.jobs()).toEqual([]);

    // Within the grace the receipt may still be at work (its message retried): left alone.
    const early = (await m.sweepStalledWork.run(from))._unsafeUnwrap();
    expect(early).toMatchObject({ examined: 0, queued: 0 });
    m.clock.advance(SWEEP_GRACE_MS + 1);
    const swept = (await m.sweepStalledWork.run(early.upTo))._unsafeUnwrap();
    expect(swept).toMatchObject({ examined: 1, queued: 1 });
    expect(m.queue.jobs().map((j) => [j.documentId, j.reason])).toEqual([['D2', 'validated']]);
    await m.drain();
    expect(docNumbers(qbo).sort()).toEqual(['OGUSTINE_2024-01-01', 'OGUSTINE_2024-01-02']);

    // Swept again from the start: the document is in QBO now, nothing is queued, nothing is sent twice.
    expect((await m.sweepStalledWork.run(from))._unsafeUnwrap()).toMatchObject({ examined: 0, queued: 0 });
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(2);
  });

  it('leaves alone a held document, one with a job of any reason, and one already tried (its fate is its job and history)', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    const from = m.clock.now();
    // Recorded before any connection (the receipt stopped right after the record): held when decided.
    (await m.documents.record(invoice(1), m.clock.now()))._unsafeUnwrap();
    await m.connect('A1', REALM);
    m.clock.advance(SWEEP_GRACE_MS + 1);
    expect((await m.sweepStalledWork.run(from))._unsafeUnwrap()).toMatchObject({ examined: 1, queued: 0 });
    expect(m.queue.jobs()).toEqual([]);

    // With an unfinished job of another reason: no second job.
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    const queued: readonly SyncJob[] = [...m.queue.jobs()];
    expect(queued.map((j) => j.reason)).toEqual(['initial-sync']);
    expect((await m.sweepStalledWork.run(from))._unsafeUnwrap()).toMatchObject({ examined: 0, queued: 0 });
    expect(m.queue.jobs()).toEqual(queued);

    // Tried, refused by QuickBooks for good: a sync record, no job left, not in QBO. Not sent again by the sweep.
    qbo.failNext({
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [
        {
          code: '6000',
          message: 'A business validation error has occurred while processing your request',
          detail: 'Business Validation Error',
        },
      ],
    });
    await m.drain();
    expect(qbo.allTransactions()).toEqual([]);
    expect(m.queue.jobs()).toEqual([]);
    expect((await m.records.get('A1', 'D1'))._unsafeUnwrap()).not.toBeNull();
    expect((await m.sweepStalledWork.run(from))._unsafeUnwrap()).toMatchObject({ examined: 0, queued: 0 });
    expect(m.queue.jobs()).toEqual([]);
  });

  it('a launch stopped after queueing part of the history is carried on by the sweep: every document queued, the launch stored, each sent once', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    const history = Array.from({ length: 120 }, (_, i) => invoice(i + 1, { number: `2024-H-${String(i + 1).padStart(3, '0')}` }));
    for (const d of history)
      (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
    await m.connect('A1', REALM);
    // The process stops while the launch walks the history: the second page is never queued.
    const enqueue = m.queue.enqueue.bind(m.queue);
    let calls = 0;
    m.queue.enqueue = (jobs) => ((calls += 1), calls === 2 ? errAsync({ kind: 'queue.unavailable', detail: 'stopped' }) : enqueue(jobs));
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrapErr().kind).toBe('queue.unavailable');
    m.queue.enqueue = enqueue;
    expect(m.queue.jobs()).toHaveLength(50);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('not-launched');

    // A launch this recent may still be walking: left alone.
    m.clock.advance(SWEEP_GRACE_MS + 1);
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 0 });
    m.clock.advance(LAUNCH_GRACE_MS);
    // Past the grace, seen once: left until a later sweep sees it has not grown (no process walks it any more).
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 0, walksLeft: 1 });
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 1, launchesLeft: 0 });
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('running');
    expect(new Set(m.queue.jobs().map((j) => j.documentId)).size).toBe(120);
    // Sealed now: a later sweep finds nothing to carry on.
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 0, launchesLeft: 0 });
    await m.drain(1_000);
    expect(new Set(docNumbers(qbo)).size).toBe(120);
    expect(qbo.allTransactions()).toHaveLength(120);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('done');
  });

  it('a launch still walking its history past the grace is left to its walker: no second walk while its run grows', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    const history = Array.from({ length: 120 }, (_, i) => invoice(i + 1, { number: `2024-H-${String(i + 1).padStart(3, '0')}` }));
    for (const d of history)
      (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
    await m.connect('A1', REALM);
    // A slow launch: between two of its pages, the grace passes and a sweep runs (twice).
    const enqueue = m.queue.enqueue.bind(m.queue);
    const sweeps: unknown[] = [];
    m.queue.enqueue = (jobs) =>
      enqueue(jobs).andThen(() => {
        m.clock.advance(LAUNCH_GRACE_MS + 1);
        return ResultAsync.fromSafePromise(m.sweepStalledWork.run(m.clock.now()).then((r) => void sweeps.push(r._unsafeUnwrap()))).map(
          () => undefined,
        );
      });
    const launched = (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    m.queue.enqueue = enqueue;
    expect(launched.queued).toBe(120);
    expect(sweeps).toHaveLength(3);
    expect(sweeps).toEqual(sweeps.map(() => expect.objectContaining({ launchesResumed: 0, walksLeft: 1 })));
  });

  it('a launch stopped before it was stored (every document queued) is carried on by the sweep: the launch stored, the run complete once sent', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    for (const d of [invoice(1), invoice(2)])
      (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
    await m.connect('A1', REALM);
    // The process stops when it stores the launch: its run and jobs are written, the settings are not.
    const save = m.settings.save.bind(m.settings);
    m.settings.save = (settings: AccountSettings) =>
      settings.initialSyncRunId === undefined ? save(settings) : errAsync({ kind: 'store.unavailable', detail: 'stopped' });
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrapErr().kind).toBe('store.unavailable');
    m.settings.save = save;
    expect(m.queue.jobs()).toHaveLength(2);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('not-launched');

    m.clock.advance(LAUNCH_GRACE_MS + 1);
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 0, walksLeft: 1 });
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 1, launchesLeft: 0 });
    const settings = (await m.settings.get('A1'))._unsafeUnwrap();
    expect(settings?.moduleState.initialSync.kind).toBe('running');
    await m.drain();
    expect(docNumbers(qbo).sort()).toEqual(['OGUSTINE_2024-01-01', 'OGUSTINE_2024-01-02']);
    const run = (await m.runs.get('A1', settings?.initialSyncRunId ?? ''))._unsafeUnwrap();
    expect(run !== null && isRunComplete(run)).toBe(true);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('done');
  });

  it('a launch stored but whose run was never sealed is sealed by the sweep, so the initial sync can end', async () => {
    const { m: fresh } = { m: new InMemoryModule() };
    const qbo = fresh.addCompany(aCompanyProfile({ realmId: REALM }));
    (await fresh.receiveValidatedDocument.run({ messageId: 'msg-D1', document: toDocumentWire(invoice(1)) }))._unsafeUnwrap();
    await fresh.connect('A1', REALM);
    // The process stops after the launch is stored, before its run is sealed.
    const seal = fresh.runs.seal.bind(fresh.runs);
    fresh.runs.seal = () => errAsync({ kind: 'store.unavailable', detail: 'stopped' });
    const stopped = await fresh.launchInitialSync.run('A1');
    fresh.runs.seal = seal;
    if (stopped.isOk()) return expect.fail('the launch was expected to stop before sealing its run');
    const stored = (await fresh.settings.get('A1'))._unsafeUnwrap();
    await fresh.drain();
    expect(docNumbers(qbo)).toEqual(['OGUSTINE_2024-01-01']);
    // Sent, but the run is not sealed: the initial sync would say "running" for ever.
    expect(stored?.initialSyncRunId).toBeDefined();
    expect((await fresh.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('running');

    fresh.clock.advance(LAUNCH_GRACE_MS + 1);
    expect((await fresh.sweepStalledWork.run(fresh.clock.now()))._unsafeUnwrap()).toMatchObject({ launchesResumed: 1, launchesLeft: 0 });
    expect((await fresh.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('done');
    expect(fresh.queue.jobs()).toEqual([]);
    expect(qbo.allTransactions()).toHaveLength(1);
  });

  it('a catch-up stopped half-way (its run never sealed) is carried on by the sweep: every document the schedule covers queued, each sent once', async () => {
    const { m, qbo } = await running();
    (await m.rescheduleSync.run('A1', '2024-06-10'))._unsafeUnwrap();
    // Validated during the suspension: not sent.
    const during = Array.from({ length: 120 }, (_, i) =>
      invoice(100 + i, { number: `2024-S-${String(i).padStart(3, '0')}`, createdAt: Date.UTC(2024, 5, 3, 9) + i * 60_000 }),
    );
    m.clock.set(Date.UTC(2024, 5, 4, 9));
    for (const d of during)
      (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
    expect(m.queue.jobs()).toEqual([]);
    // The user picks a past day: the catch-up walks the documents and stops after its first page.
    const enqueue = m.queue.enqueue.bind(m.queue);
    let calls = 0;
    m.queue.enqueue = (jobs) => ((calls += 1), calls === 2 ? errAsync({ kind: 'queue.unavailable', detail: 'stopped' }) : enqueue(jobs));
    expect((await m.rescheduleSync.run('A1', '2024-06-01'))._unsafeUnwrapErr().kind).toBe('queue.unavailable');
    m.queue.enqueue = enqueue;
    expect(m.queue.jobs()).toHaveLength(50);

    m.clock.advance(SWEEP_GRACE_MS + 1);
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ runsResumed: 0 });
    m.clock.advance(LAUNCH_GRACE_MS);
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ runsResumed: 0, walksLeft: 1 });
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ runsResumed: 1 });
    expect(new Set(m.queue.jobs().map((j) => j.documentId)).size).toBe(120);
    expect(new Set(m.queue.jobs().map((j) => j.reason))).toEqual(new Set(['catch-up']));
    expect((await m.sweepStalledWork.run(m.clock.now()))._unsafeUnwrap()).toMatchObject({ runsResumed: 0 });
    await m.drain(1_000);
    expect(qbo.allTransactions()).toHaveLength(121);
    expect(new Set(docNumbers(qbo)).size).toBe(121);
  });
});
