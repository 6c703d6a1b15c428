import { spread } from '../figures/percentile.js';
import { ACCOUNT, openRun, until } from '../world/bench-run.js';
import { initialSyncWorkload, workloadDocuments } from '../world/documents.js';
import { eventOf } from './initial-sync.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

/**
 * Latency: new-invoice events one at a time on an idle realm (connected, initial sync launched on an
 * empty history), each published once the previous one is in QBO with its PDF. Measured from the
 * publish to the first request QBO receives after it (the sandbox's request log, same machine clock).
 */
export const latency = async (o: ScenarioOptions): Promise<ScenarioResult> => {
  const count = o.documents ?? 1_000;
  const documents = [...workloadDocuments({ ...initialSyncWorkload(ACCOUNT, count), creditNotes: 0, invoices: count })];
  const run = await openRun({ scenario: 'latency', scale: o.scale, latencyMs: o.latencyMs });
  try {
    await run.startWorkerProcess();
    await run.module.connect(run.sandboxes, ACCOUNT);
    await run.module.launch(ACCOUNT);
    // The history (empty) imported first: the documents added below reach the module by their events only.
    if (!(await until(() => run.module.historyImportDone(ACCOUNT), 120_000, 100))) throw new Error('the history import did not end');
    run.sandboxes.slowDown();
    run.sandboxes.billing.admin.addDocuments(ACCOUNT, documents);
    const realmId = run.sandboxes.company.realmId;
    const log = () => run.sandboxes.qbo.admin.requests(realmId).requests;
    console.log(`  connected, idle; ${count} invoices one at a time`);
    const took: number[] = [];
    let uploads = log().filter((r) => r.endpoint === 'POST upload').length;
    for (const document of documents) {
      const seen = log().length;
      const publishedAt = Date.now();
      await run.sandboxes.publisher.publish(eventOf(document));
      const sent = await until(() => log().filter((r) => r.endpoint === 'POST upload').length > uploads, o.timeoutMs, 5);
      if (!sent) throw new Error(`${document.id} did not reach QBO within ${o.timeoutMs} ms`);
      uploads += 1;
      // The log stamps a request when it is answered: it arrived that less the time it took.
      const arrivals = log()
        .slice(seen)
        .map((r) => Date.parse(r.at) - r.durationMs);
      took.push(Math.min(...arrivals) - publishedAt);
      if (took.length % 100 === 0) console.log(`  ${took.length} sent`);
    }
    const s = spread(took);
    return {
      options: { invoices: count },
      figures: { 'publish to first QBO request p50 ms': s.p50, 'publish to first QBO request p99 ms': s.p99, samples: s.count },
    };
  } finally {
    await run.close();
  }
};
