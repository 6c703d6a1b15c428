import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../../documents/document-wire.js';
import type { OgustineDocument } from '../../documents/document.js';
import type { BillingCore, ValidatedDocumentsRequest } from '../../ports/billing-core.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { InMemoryHistoryImportStore } from '../../testing/fakes/in-memory-history-import-store.js';
import { ImportBillingHistory } from '../import-billing-history.js';

const DAY = 86_400_000;

/** Invoice n of the history: one a day from 2023-12-01 (09:00 UTC), so the first 31 are before 2024. */
const historic = (n: number, over: Partial<OgustineDocument> = {}): OgustineDocument =>
  invoice(n, { number: `H-${n}`, createdAt: Date.UTC(2023, 11, 1, 9) + (n - 1) * DAY, ...over });

/** A module whose account A1 (Paris), connected, has `count` validated documents in Ogustine, none ever published as an event. */
const withHistory = async (count: number, timeZone = 'Europe/Paris') => {
  const m = new InMemoryModule(); // now: 2024-06-01 08:00 UTC
  m.billingCore.addAccount({ accountId: 'A1', timeZone, locale: 'fr-FR' });
  const docs = Array.from({ length: count }, (_, i) => historic(i + 1));
  for (const doc of docs) m.billingCore.addDocument('A1', toDocumentWire(doc));
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  await m.connect('A1', REALM);
  return { m, docs, qbo };
};

/** How many documents the store holds for A1. */
const stored = async (m: InMemoryModule) => (await m.documents.summarize('A1', {}))._unsafeUnwrap().count;

/** Imports until done, one page per call (as the worker does, tick after tick). */
const importAll = async (m: InMemoryModule) => {
  for (let calls = 0; calls < 100; calls++) {
    const pass = (await m.importBillingHistory.run('A1', 1))._unsafeUnwrap();
    if (pass.progress.kind === 'done') return pass.progress;
  }
  throw new Error('the import never finished');
};

/** The billing core as seen by the import, recording the cursor of each page asked. */
const recording = (core: BillingCore) => {
  const cursors: (string | null)[] = [];
  const spy: BillingCore = {
    getAccount: (accountId) => core.getAccount(accountId),
    listValidatedDocuments: (accountId, request: ValidatedDocumentsRequest) => {
      cursors.push(request.cursor);
      return core.listValidatedDocuments(accountId, request);
    },
    fetchDocumentPdf: (accountId, documentId) => core.fetchDocumentPdf(accountId, documentId),
  };
  return { spy, cursors };
};

describe('rule 3: the initial sync gets its documents from the billing core', () => {
  it('years of history validated before the module existed: imported, then previewed, counted, launched and sent', async () => {
    const { m, qbo } = await withHistory(250); // 2023-12-01 … 2024-08-06: 31 in 2023, 219 from 2024-01-01
    const before = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(before.history).toEqual({ kind: 'not-started' });
    expect(before.toSend.count).toBe(0);
    // Not started yet is not "nothing to import": a launch now would send none of the history, then
    // queue it again as it is imported.
    const tooSoon = (await m.launchInitialSync.run('A1'))._unsafeUnwrapErr();
    expect(tooSoon).toEqual({ kind: 'use-case.state-refused', refusal: { kind: 'state.history-import-in-progress', imported: 0 } });

    const first = (await m.importBillingHistory.run('A1', 1))._unsafeUnwrap();
    expect(first.progress).toEqual({ kind: 'importing', imported: 100, unreadable: 0 });
    const during = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(during.history).toEqual({ kind: 'importing', imported: 100, unreadable: 0 });
    // A launch now would send part of the history: refused, and said why.
    const early = (await m.launchInitialSync.run('A1'))._unsafeUnwrapErr();
    expect(early).toEqual({ kind: 'use-case.state-refused', refusal: { kind: 'state.history-import-in-progress', imported: 100 } });

    const done = await importAll(m);
    expect(done).toMatchObject({ kind: 'done', imported: 250, unreadable: 0 });
    const preview = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(preview.history.kind).toBe('done');
    expect(preview.toSend.count).toBe(219);
    expect(preview.beforeSyncFrom).toBe(31);
    expect(preview.toSend.gross).toEqual([{ currency: 'EUR', cents: 219 * historic(1).totals.gross }]);

    const launched = (await m.launchInitialSync.run('A1', preview.asOf))._unsafeUnwrap();
    expect(launched.queued).toBe(219);
    await m.drain(1000);
    expect(qbo.transactionsNumbered('OGUSTINE_H-32')).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_H-250')).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_H-31')).toHaveLength(0);
    const run = (await m.runs.get('A1', launched.run.runId))._unsafeUnwrap();
    expect(run).toMatchObject({ total: 219, sent: 219, failed: 0, held: 0 });
  });

  it('the launch sends the previewed set: a document imported after the preview goes through automatic sync', async () => {
    const { m, qbo } = await withHistory(40);
    await importAll(m);
    const preview = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(preview.toSend.count).toBe(9);
    // Validated after the preview, and its event lost: only the reconciliation finds it.
    m.clock.advance(60_000);
    const late = historic(41, { createdAt: m.clock.now() - 3_600_000 });
    m.billingCore.addDocument('A1', toDocumentWire(late));
    const launched = (await m.launchInitialSync.run('A1', preview.asOf))._unsafeUnwrap();
    expect(launched.run.total).toBe(9);
    const reconciled = (await m.importBillingHistory.reconcile('A1', m.clock.now() - 3 * DAY))._unsafeUnwrap();
    expect(reconciled).toMatchObject({ recorded: 1, queued: 1 });
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_H-41')).toHaveLength(1);
    const run = (await m.runs.get('A1', launched.run.runId))._unsafeUnwrap();
    expect(run).toMatchObject({ total: 9, sent: 9 });
  });

  it('idempotent: documents already received as events are not recorded again, and no false « modifié après sa validation »', async () => {
    const { m, docs } = await withHistory(30);
    for (const doc of docs.slice(0, 10)) await receive(m, doc);
    // One document's history snapshot really differs from the event the module received.
    m.billingCore.addDocument('A1', toDocumentWire(historic(31)));
    await receive(m, historic(31, { number: 'H-31-bis' }));
    const recordedBefore = await stored(m);
    const pass = (await m.importBillingHistory.run('A1', 10))._unsafeUnwrap();
    expect(pass.recorded).toBe(20);
    expect(await stored(m)).toBe(recordedBefore + 20);
    const errors = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(errors.entries.map((e) => [e.record.documentId, e.record.cause.kind])).toEqual([['D31', 'cause.document-changed']]);
    // Importing it all again (a fresh import record) records nothing and adds no error.
    const importer = new ImportBillingHistory({
      ...m,
      historyImports: new InMemoryHistoryImportStore(),
      clock: m.clock,
      ids: m.ids,
      journal: m.journal,
    });
    const again = (await importer.run('A1', 10))._unsafeUnwrap();
    expect(again).toMatchObject({ recorded: 0, progress: { kind: 'done', imported: 31 } });
    expect((await m.listErrorHistory.run('A1'))._unsafeUnwrap().entries).toHaveLength(1);
  });

  it('resumable: an import stopped by a failing billing core resumes at its page, counting each document once', async () => {
    const { m } = await withHistory(250);
    const { spy, cursors } = recording(m.billingCore);
    const importer = new ImportBillingHistory({ ...m, billingCore: spy, clock: m.clock, ids: m.ids, journal: m.journal });
    (await importer.run('A1', 1))._unsafeUnwrap();
    m.billingCore.failNext();
    const failed = await importer.run('A1', 5);
    expect(failed._unsafeUnwrapErr().kind).toBe('import.billing-core-failed');
    const kept = (await m.historyImports.get('A1'))._unsafeUnwrap();
    expect(kept).toMatchObject({ imported: 100, done: false });
    const resumed = (await importer.run('A1', 5))._unsafeUnwrap();
    expect(resumed.progress).toMatchObject({ kind: 'done', imported: 250 });
    // Page 1, page 2 (failed), then page 2 again from the stored cursor, then page 3: the first page is never read twice.
    expect(cursors.filter((c) => c === null)).toHaveLength(1);
    expect(cursors[1]).toBe(kept?.cursor);
    expect(cursors[2]).toBe(kept?.cursor);
    expect(await stored(m)).toBe(250);
  });

  it("the account's time zone comes from the billing core: the default sync-from day is read in it", async () => {
    // 2023-12-31 14:00 UTC is already 2024-01-01 in Nouméa (UTC+11), still 2023 in Paris.
    const m = new InMemoryModule();
    m.billingCore.addAccount({ accountId: 'A1', timeZone: 'Pacific/Noumea', locale: 'fr-FR' });
    m.billingCore.addDocument('A1', toDocumentWire(historic(1, { createdAt: Date.UTC(2023, 11, 31, 14) })));
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    await m.connect('A1', REALM);
    await importAll(m);
    const preview = (await m.previewInitialSync.run('A1'))._unsafeUnwrap();
    expect(preview.toSend.count).toBe(1);
    expect(preview.beforeSyncFrom).toBe(0);
  });

  it('waits for the connect journey to end (its prerequisite check included) before it starts', async () => {
    const m = new InMemoryModule();
    m.billingCore.addAccount({ accountId: 'A1', timeZone: 'Europe/Paris', locale: 'fr-FR' });
    m.billingCore.addDocument('A1', toDocumentWire(historic(1)));
    m.billingCore.failNext({ kind: 'billing.refused', status: 401, detail: 'the import read the billing core too early' });
    expect((await m.importBillingHistory.run('A1', 1))._unsafeUnwrap()).toMatchObject({ progress: { kind: 'not-started' }, recorded: 0 });
    expect((await m.historyImports.get('A1'))._unsafeUnwrap()).toBeNull();
    expect((await m.settings.get('A1'))._unsafeUnwrap()).toBeNull();
  });

  it('two workers importing at once never take the import back a page', async () => {
    const { m } = await withHistory(250);
    const [a, b] = await Promise.all([m.importBillingHistory.run('A1', 1), m.importBillingHistory.run('A1', 1)]);
    expect(a.isOk() && b.isOk()).toBe(true);
    await importAll(m);
    const kept = (await m.historyImports.get('A1'))._unsafeUnwrap();
    expect(kept).toMatchObject({ imported: 250, done: true });
    expect(await stored(m)).toBe(250);
  });
});
