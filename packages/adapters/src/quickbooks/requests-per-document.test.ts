// What an initial sync costs in QBO requests, counted in the sandbox's request log: the module's
// batch path (SyncBatch) on the real adapter, against Intuit's bound of one request per PDF.
import { jobDisposition, SyncBatch, SyncDocument, type OgustineDocument, type SyncDocumentOutcome } from '@ogustine-qbo/domain';
import { aCompanyProfile, aCustomer, aLine, aService, invoice, InMemoryModule, receive } from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProcess, connectedCompany, ShiftedClock } from './test-support/adapter-under-test.js';
import { startSandbox, type Harness } from './test-support/sandbox-harness.js';

// A scaled sandbox (a minute lasts 1.2 s): the limiter paces as in production, the run just goes faster.
const TIME_SCALE = 0.02;
const DOCUMENTS = 300;
const CUSTOMERS = 40;
const SERVICES = 6;

let harness: Harness;
beforeAll(async () => {
  harness = await startSandbox({ timeScale: TIME_SCALE });
});
afterAll(() => harness.close());

/** Invoice n of a home-services history: one of `CUSTOMERS` customers, one or two of `SERVICES` services. */
const historyInvoice = (n: number): OgustineDocument => {
  const customer = aCustomer({ id: `C${n % CUSTOMERS}`, name: `Client ${n % CUSTOMERS}`, lastName: `Client ${n % CUSTOMERS}` });
  const service = (k: number) => aService({ id: `S${k % SERVICES}`, name: `Prestation ${k % SERVICES}` });
  const lines = n % 3 === 0 ? [aLine({ service: service(n) }), aLine({ service: service(n + 1) })] : [aLine({ service: service(n) })];
  const doc = invoice(n, { customer, lines, createdAt: Date.UTC(2024, 0, 1 + (n % 28), 9) });
  return {
    ...doc,
    totals: {
      ...doc.totals,
      net: lines.length * 5000,
      vat: [{ ...doc.totals.vat[0]!, base: lines.length * 5000, amount: lines.length * 1000 }],
      gross: lines.length * 6000,
    },
  };
};

describe('requests per document of an initial sync, counted by the sandbox', () => {
  it(`${DOCUMENTS} invoices of ${CUSTOMERS} customers and ${SERVICES} services: at most 1.05 requests per document with PDFs, 0.06 without`, async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: 'launch-check' }));
    for (let n = 1; n <= DOCUMENTS; n += 1) await receive(m, historyInvoice(n));
    await m.connect('A1', 'launch-check');
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    // From here on the account's company is the sandbox's, through the real adapter and its limiter.
    const clock = new ShiftedClock();
    const realmId = await connectedCompany(harness, m.connections, clock, 'A1', { country: 'FR', customTxnNumbers: true });
    const { gateway } = aProcess(harness, m.connections, clock);
    // Connecting checked the prerequisites on the company: its profile is in the shared cache before the launch.
    const profile = (await (await gateway.open('A1'))._unsafeUnwrap().readProfile())._unsafeUnwrap();
    (await m.profiles.put({ profile, readAt: clock.now() }))._unsafeUnwrap();
    const before = harness.sandbox.admin.requests(realmId).requests.length;
    const ports = { ...m, gateway };
    const batch = new SyncBatch(ports, new SyncDocument(ports));
    const outcomes: SyncDocumentOutcome[] = [];
    for (;;) {
      const lease = (await m.queue.take('bench', m.clock.now()))._unsafeUnwrap();
      if (lease === null) break;
      const results = await batch.run(lease.jobs);
      for (const [i, leased] of lease.jobs.entries()) {
        const result = results[i]!;
        if (result.isOk()) outcomes.push(result.value);
        const disposition = jobDisposition(result, m.clock.now());
        if (disposition.kind === 'complete') await m.queue.complete(lease, leased.job.jobId);
        else throw new Error(`job ${leased.job.documentId}: ${JSON.stringify(result)}`);
      }
      await m.queue.release(lease);
    }
    expect(outcomes.filter((o) => o.kind === 'synced')).toHaveLength(DOCUMENTS);
    const log = harness.sandbox.admin.requests(realmId).requests.slice(before);
    const counts: Record<string, number> = {};
    for (const e of log) counts[e.endpoint] = (counts[e.endpoint] ?? 0) + 1;
    const total = log.length;
    const uploads = counts['POST upload'] ?? 0;
    const perDocument = total / DOCUMENTS;
    const withoutPdfs = (total - uploads) / DOCUMENTS;
    console.info(`requests by endpoint: ${JSON.stringify(counts)}`);
    console.info(
      `${total} requests for ${DOCUMENTS} documents: ${perDocument.toFixed(3)} per document, ${withoutPdfs.toFixed(3)} without the PDFs`,
    );
    expect(uploads).toBe(DOCUMENTS);
    expect(
      log.filter((e) => e.status === 429),
      'no request throttled by QBO',
    ).toEqual([]);
    expect(perDocument).toBeLessThanOrEqual(1.05);
    expect(withoutPdfs).toBeLessThanOrEqual(0.06);
  });
});
