import { writeFileSync } from 'node:fs';
import type { DocumentEvent } from '@ogustine-qbo/billing-sandbox';
import { docNumberFor, isRunComplete } from '@ogustine-qbo/domain';
import { WORKER_SHARE } from '@ogustine-qbo/adapters/quickbooks';
import { initialSyncBound } from '../figures/bound.js';
import { idleByCause, idleTimeline } from '../figures/idle-timeline.js';
import { ACCOUNT, openRun, until, type BenchRun } from '../world/bench-run.js';
import { initialSyncWorkload, workloadDocuments, type WireDocument } from '../world/documents.js';
import { qboFigures, surfacedErrors } from '../world/qbo-figures.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

/** The billing core's event for a document (docs/events.md, version 1). */
export const eventOf = (document: WireDocument, eventId = `evt-${document.id}`): DocumentEvent => ({
  version: 1,
  eventId,
  occurredAt: document.validatedAt,
  accountId: document.accountId,
  type: document.kind === 'credit_note' ? 'credit_note.validated' : 'invoice.validated',
  document: document as unknown as DocumentEvent['document'],
});

/** Publishes every event, `window` awaiting the broker's confirm at once. */
export const publishAll = async (run: BenchRun, events: Iterable<DocumentEvent>, window = 200): Promise<void> => {
  let pending: Promise<void>[] = [];
  for (const event of events) {
    pending.push(run.sandboxes.publisher.publish(event));
    if (pending.length >= window) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
};

/** The account's documents known to the billing core (for its PDFs) and recorded by the module, as the history a user launches the initial sync on. */
export const recordHistory = async (run: BenchRun, documents: readonly WireDocument[]): Promise<void> => {
  run.sandboxes.billing.admin.addDocuments(ACCOUNT, documents);
  await publishAll(
    run,
    documents.map((d) => eventOf(d)),
  );
  const recorded = await until(async () => (await run.module.recorded(ACCOUNT)) >= documents.length, 600_000, 250);
  if (!recorded) throw new Error(`the module recorded ${await run.module.recorded(ACCOUNT)} of ${documents.length} documents`);
};

/** Names the documents of the run that did not reach QBO, with their record and errors: what to look into. */
const reportUnsent = async (run: BenchRun, runId: string): Promise<void> => {
  const db = run.module.database.db;
  const unsent = await db
    .selectFrom('sync_run_document')
    .selectAll()
    .where('run_id', '=', runId)
    .where('outcome', '!=', 'sent')
    .limit(10)
    .execute();
  for (const row of unsent) {
    const record = await db.selectFrom('sync_record').selectAll().where('document_id', '=', row.document_id).executeTakeFirst();
    const errors = await db.selectFrom('error_record').select(['cause', 'state']).where('document_id', '=', row.document_id).execute();
    console.warn(`  not sent: ${row.document_id} ${row.outcome} record=${JSON.stringify(record)} errors=${JSON.stringify(errors)}`);
  }
};

/**
 * The initial sync at Intuit's limits (time-scaled): the account's history recorded, the company
 * connected, then timed from the launch to the run's completion. Figures: time against the bound,
 * requests per document by endpoint, 429s received and surfaced, what QBO holds afterwards.
 */
export const initialSync = async (
  o: ScenarioOptions,
  /** More work in the same run once the module's sync ended (`baseline`): its figures are added to the module's. */
  alsoInThisRun?: (run: BenchRun, documents: readonly WireDocument[], module: ScenarioResult) => Promise<ScenarioResult>,
): Promise<ScenarioResult> => {
  const workload = initialSyncWorkload(ACCOUNT, o.documents ?? 2_100);
  const documents = [...workloadDocuments(workload)];
  const run = await openRun({ scenario: 'initial-sync', scale: o.scale, latencyMs: o.latencyMs });
  try {
    // The job loop's debug lines (leases, batches, takeMore): the idle timeline reads them.
    const worker = await run.startWorkerProcess({ LOG_LEVEL: 'debug' });
    console.log('  worker started');
    await run.module.historyImported(ACCOUNT);
    await run.module.connect(run.sandboxes, ACCOUNT);
    console.log('  company connected, prerequisites met');
    // --no-pdf: the office manager turned « Joindre le PDF Ogustine » off before launching.
    if (!o.pdf) await run.module.attachPdf(ACCOUNT, false);
    await recordHistory(run, documents);
    console.log(`  ${documents.length} documents recorded; launching the initial sync`);
    // The office manager's calls so far (connect, prerequisites): within the HTTP app's reserve they claim nothing.
    const officeManagerRequests = run.sandboxes.qbo.admin.requests(run.sandboxes.company.realmId).requests.length;
    run.sandboxes.qbo.admin.clearRequests();
    run.sandboxes.slowDown();

    const startedAt = Date.now();
    const { runId, queued } = await run.module.launch(ACCOUNT);
    let last = '';
    const done = await until(
      async () => {
        const r = (await run.module.stores.runs.get(ACCOUNT, runId))._unsafeUnwrap();
        last = JSON.stringify(r);
        return r !== null && isRunComplete(r);
      },
      o.timeoutMs,
      100,
    );
    const completedAt = Date.now();
    const seconds = (completedAt - startedAt) / 1000;
    const finalRun = (await run.module.stores.runs.get(ACCOUNT, runId))._unsafeUnwrap();
    const bound = initialSyncBound({
      customers: workload.customers,
      services: workload.services,
      documents: documents.length,
      withPdf: o.pdf,
    });
    const boundSeconds = bound.seconds * o.scale;
    const qbo = qboFigures(
      run.sandboxes,
      documents.map((d) => docNumberFor(d.number)._unsafeUnwrap()),
      60_000 * o.scale,
    );
    const surfaced = await surfacedErrors(run.module.database, ACCOUNT);
    const claimed = await run.module.database.db.selectFrom('qbo_share_claim').select('realm_id').execute();
    const perDocument = Object.fromEntries(
      Object.entries(qbo.byEndpoint).map(([endpoint, n]) => [`requests per document: ${endpoint}`, n / documents.length]),
    );
    const gaps = idleTimeline({
      spans: qbo.spans,
      events: worker.loopEvents,
      limits: { ...WORKER_SHARE, secondMs: 1_000 * o.scale, minuteMs: 60_000 * o.scale },
      launchedAt: startedAt,
      completedAt,
    });
    const idle = Object.fromEntries(
      Object.entries(idleByCause(gaps)).map(([cause, s]) => [`idle seconds at Intuit pace: ${cause}`, s / o.scale]),
    );
    console.log('  the longest stretches with no request in flight (seconds after the launch, at Intuit pace):');
    for (const g of [...gaps].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 8))
      console.log(
        `    ${((g.start - startedAt) / 1000 / o.scale).toFixed(1).padStart(6)} s  ${((g.end - g.start) / 1000 / o.scale).toFixed(2).padStart(5)} s  ${g.cause}`,
      );
    if (process.env['BENCH_TIMELINE_FILE'] !== undefined)
      writeFileSync(
        process.env['BENCH_TIMELINE_FILE'],
        JSON.stringify({
          startedAt,
          completedAt,
          gaps,
          events: worker.loopEvents,
          requests: run.sandboxes.qbo.admin.requests(run.sandboxes.company.realmId).requests,
        }),
      );
    if (!done) console.warn(`  the run did not complete within ${o.timeoutMs} ms: ${last}`);
    await reportUnsent(run, runId);
    for (const [what, n] of Object.entries(run.troubles())) console.warn(`  worker: ${n} × ${what}`);
    const measured: ScenarioResult = {
      options: { documents: documents.length, customers: workload.customers, services: workload.services, pdf: o.pdf, queued },
      figures: {
        'completed (1 = yes)': done ? 1 : 0,
        'seconds (wall clock)': seconds,
        'seconds at Intuit pace (wall / scale)': seconds / o.scale,
        'bound seconds at Intuit pace': bound.seconds,
        'throughput / bound': boundSeconds / seconds,
        'documents per minute at Intuit pace': documents.length / (seconds / o.scale / 60),
        'seconds with no request in flight, at Intuit pace': qbo.idleMs / 1000 / o.scale,
        ...idle,
        "requests in QBO's busiest minute (Intuit: 500)": qbo.busiestMinute,
        "office manager's requests before the launch": officeManagerRequests,
        'realms whose share the HTTP app claimed': claimed.length,
        'requests per document': qbo.requests / documents.length,
        ...perDocument,
        '429s received': qbo.throttled,
        '429s surfaced (error history)': surfaced.throttled,
        'errors surfaced (error history)': surfaced.all,
        'run sent': finalRun?.sent ?? 0,
        'run failed': finalRun?.failed ?? 0,
        'run held': finalRun?.held ?? 0,
        'transactions in QBO': qbo.transactions,
        duplicates: qbo.duplicates,
        missing: qbo.missing,
      },
    };
    if (alsoInThisRun === undefined) return measured;
    const more = await alsoInThisRun(run, documents, measured);
    return { options: { ...measured.options, ...more.options }, figures: { ...measured.figures, ...more.figures } };
  } finally {
    await run.close();
  }
};
