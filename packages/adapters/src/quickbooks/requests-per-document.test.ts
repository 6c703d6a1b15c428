// What an initial sync costs in QBO requests, counted in the sandbox's request log: the module's
// batch path (SyncBatch) on the real adapter, against Intuit's bound of one request per PDF.
import { jobDisposition, SyncBatch, SyncDocument, type OgustineDocument, type SyncDocumentOutcome } from '@ogustine-qbo/domain';
import { aCompanyProfile, aCreditNote, aCustomer, aLine, aService, invoice, InMemoryModule, receive } from '@ogustine-qbo/domain/testing';
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

/**
 * The module's documents launched as an initial sync, then sent lease by lease (`SyncBatch`) to a
 * sandbox company through the real adapter and its limiter.
 * @returns the sandbox's request log of the sync (endpoint → count, and every request), and the outcomes
 */
const syncAgainstSandbox = async (documents: readonly OgustineDocument[]) => {
  const m = new InMemoryModule();
  const clock = new ShiftedClock();
  // The sandbox's company, under the same realm id in the module (its records and state name that realm).
  const realmId = await connectedCompany(harness, m.connections, clock, 'A1', { country: 'FR', customTxnNumbers: true });
  const sandboxConnection = (await m.connections.get('A1'))._unsafeUnwrap()!;
  m.addCompany(aCompanyProfile({ realmId }));
  for (const doc of documents) await receive(m, doc);
  await m.connect('A1', realmId);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  // From here on the account's company is the sandbox's, through the real adapter and its limiter.
  (await m.connections.save(sandboxConnection))._unsafeUnwrap();
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
  const log = harness.sandbox.admin.requests(realmId).requests.slice(before);
  const counts: Record<string, number> = {};
  for (const e of log) counts[e.endpoint] = (counts[e.endpoint] ?? 0) + 1;
  return { log, counts, outcomes };
};

describe('requests per document of an initial sync, counted by the sandbox', () => {
  it(`${DOCUMENTS} invoices of ${CUSTOMERS} customers and ${SERVICES} services: at most 1.045 requests per document with PDFs, 0.045 without (the aims: 1.05 and 0.06)`, async () => {
    const { log, counts, outcomes } = await syncAgainstSandbox(Array.from({ length: DOCUMENTS }, (_, i) => historyInvoice(i + 1)));
    expect(outcomes.filter((o) => o.kind === 'synced')).toHaveLength(DOCUMENTS);
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
    expect(perDocument).toBeLessThanOrEqual(1.045);
    expect(withoutPdfs).toBeLessThanOrEqual(0.045);
  });

  it('credit notes cost their upload and a share of one batch of Payments: their settlement reads no balance', async () => {
    const invoices = Array.from({ length: 20 }, (_, i) => historyInvoice(i + 1));
    const creditNotes = invoices.slice(0, 10).map((inv, i) =>
      aCreditNote({
        id: `N${i + 1}`,
        number: `2024-02-${String(i + 1).padStart(2, '0')}-A`,
        correctsInvoiceId: inv.id,
        customer: inv.customer,
        lines: inv.lines,
        totals: inv.totals,
        createdAt: Date.UTC(2024, 1, 1 + i, 9),
        validatedAt: Date.UTC(2024, 1, 1 + i, 10),
      }),
    );
    const { counts, outcomes } = await syncAgainstSandbox([...invoices, ...creditNotes]);
    console.info(`requests by endpoint: ${JSON.stringify(counts)}`);
    expect(outcomes.filter((o) => o.kind === 'synced' && o.credit?.kind === 'applied')).toHaveLength(creditNotes.length);
    // The notes run after the invoices (their lane), 10 to a lease: one batch of the 26 names, one of the
    // invoices, one of the credit memos, one of their Payments; no Payment alone.
    expect(counts['POST payment'] ?? 0).toBe(0);
    expect(counts['POST batch']).toBe(4);
    expect(counts['POST upload']).toBe(invoices.length + creditNotes.length);
    expect(Object.keys(counts).filter((endpoint) => endpoint.startsWith('GET'))).toEqual([]);
  });
});
