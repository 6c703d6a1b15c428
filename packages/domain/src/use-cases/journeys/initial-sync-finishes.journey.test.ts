import { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { QboFailure } from '../../errors/qbo-fault.js';
import { isRunComplete } from '../../ports/run-store.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { LaunchInitialSync } from '../launch-initial-sync.js';

/** QBO refuses the document for good (a validation fault): the document is failed, with its reason. */
const refusedByQbo: QboFailure = {
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
};

/** A module with `count` January invoices received, connected, and the initial sync launched (nothing sent yet). */
const launched = async (count: number) => {
  const m = new InMemoryModule(); // now: 2024-06-01 08:00 UTC
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  for (let n = 1; n <= count; n++) await receive(m, invoice(n));
  await m.connect('A1', REALM);
  const { run } = (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo, runId: run.runId };
};

const runOf = async (m: InMemoryModule, runId: string) => {
  const run = (await m.runs.get('A1', runId))._unsafeUnwrap();
  if (run === null) throw new Error(`no run ${runId}`);
  return run;
};

const initialSyncState = async (m: InMemoryModule) => (await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync;

describe('rule 4: the launched initial sync finishes, whatever the user does meanwhile', () => {
  it('a suspension applies to automatic sync only: the launched initial sync runs through it', async () => {
    const { m, qbo, runId } = await launched(5);
    // « Synchroniser les factures créées depuis le : 10/06/2024 »: automatic sync suspended, January's invoices now "before".
    const suspended = (await m.rescheduleSync.run('A1', '2024-06-10'))._unsafeUnwrap();
    expect(suspended.outcome.kind).toBe('suspended');
    await m.drain();
    for (let n = 1; n <= 5; n++) expect(qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}`)).toHaveLength(1);
    const run = await runOf(m, runId);
    expect(run).toMatchObject({ total: 5, sent: 5, failed: 0, held: 0 });
    expect(isRunComplete(run)).toBe(true);
    expect((await initialSyncState(m))?.kind).toBe('done');
    // Automatic sync is suspended all the same: a document created during the suspension is not sent.
    const during = invoice(20, { createdAt: Date.UTC(2024, 5, 2, 9), validatedAt: Date.UTC(2024, 5, 2, 10) });
    m.clock.set(during.validatedAt);
    expect((await receive(m, during)).kind).toBe('not-queued');
  });

  it('a failure, its resync, an outcome being checked and a disconnection: sent + failed + held reaches the total', async () => {
    const { m, qbo, runId } = await launched(6);
    qbo.failNext(refusedByQbo);
    await m.drain(1);
    let run = await runOf(m, runId);
    expect(run).toMatchObject({ total: 6, failed: 1 });
    const [failed] = (await m.listErrorHistory.run('A1'))._unsafeUnwrap().entries;
    const failedId = failed?.record.documentId;
    expect(failedId).toBeDefined();
    // The user resyncs the failed one; the next send's answer is lost (its outcome is being checked: in flight).
    (await m.resyncDocument.run('A1', failedId ?? 'D1'))._unsafeUnwrap();
    qbo.loseNextPostAnswer();
    await m.drain(2);
    run = await runOf(m, runId);
    expect(run.sent + run.failed + run.held).toBeLessThan(run.total);
    // The user disconnects meanwhile: what is left waits with a visible reason (held), and the run still completes.
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    await m.drain();
    run = await runOf(m, runId);
    expect(run.sent + run.failed + run.held).toBe(run.total);
    expect(isRunComplete(run)).toBe(true);
  });
});

describe('rule 4: a launch is irrevocable from its first job', () => {
  it('a worker that runs the launch’s first jobs before the launch is stored sends them (never holds them as "not launched")', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    for (let n = 1; n <= 3; n++) await receive(m, invoice(n));
    await m.connect('A1', REALM);
    // The launch queues its jobs, then stores "launched": a worker drains the queue in between.
    const racing: typeof m.settings = Object.create(m.settings) as typeof m.settings;
    racing.save = (settings) => ResultAsync.fromSafePromise(m.drain()).andThen(() => m.settings.save(settings));
    const launch = new LaunchInitialSync({ ...m, settings: racing, historyImports: m.historyImports });
    const { run } = (await launch.run('A1'))._unsafeUnwrap();
    await m.drain();
    for (let n = 1; n <= 3; n++) expect(qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}`)).toHaveLength(1);
    expect(await runOf(m, run.runId)).toMatchObject({ total: 3, sent: 3, held: 0 });
  });

  it('a launch whose settings another writer saved meanwhile is stored all the same, on what it reads again (never a sealed run with no launch)', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    for (let n = 1; n <= 3; n++) await receive(m, invoice(n));
    await m.connect('A1', REALM);
    // The worker (the history import's end) saves the settings between the launch's read and its save, once.
    let raced = false;
    const racing: typeof m.settings = Object.create(m.settings) as typeof m.settings;
    racing.save = (settings) => {
      if (raced) return m.settings.save(settings);
      raced = true;
      return m.settings
        .get('A1')
        .andThen((stored) => m.settings.save({ ...(stored ?? settings), timeZone: 'Indian/Reunion' }))
        .andThen(() => m.settings.save(settings));
    };
    const launch = new LaunchInitialSync({ ...m, settings: racing, historyImports: m.historyImports });
    const { run } = (await launch.run('A1'))._unsafeUnwrap();
    const stored = (await m.settings.get('A1'))._unsafeUnwrap();
    expect(stored).toMatchObject({ initialSyncRunId: run.runId, timeZone: 'Indian/Reunion' });
    expect(stored?.moduleState.initialSync).toMatchObject({ kind: 'running' });
    expect(m.queue.jobs()).toHaveLength(3);
  });

  it('a job of an initial sync launched for another company is held once a new company is connected', async () => {
    const m = new InMemoryModule();
    const other = m.addCompany(aCompanyProfile({ realmId: 'other-realm' }));
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    await receive(m, invoice(1));
    await m.connect('A1', 'other-realm');
    // Left in the queue from a launch for REALM (a company connected before): not sent to this one.
    (await m.queue.enqueue([{ jobId: 'old', accountId: 'A1', realmId: REALM, documentId: 'D1', reason: 'initial-sync' }]))._unsafeUnwrap();
    await m.drain();
    expect(other.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(0);
  });
});
