import { describe, expect, it } from 'vitest';
import type { Accounting } from '../../ports/accounting.js';
import { IN_FLIGHT_WINDOW_MS } from '../../sync/write-protocol.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { aCustomer, aLine, aService } from '../../testing/builders/document.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';
import type { InMemoryAccounting } from '../../testing/fakes/in-memory-accounting.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';

/** The writes the fake QBO received, by method: what a real company would be charged in requests. */
const WRITES = [
  'createCustomer',
  'createServiceItem',
  'createCustomersAndItems',
  'updateCustomer',
  'postTransaction',
  'postTransactions',
  'attachPdf',
  'findTransactionByDocNumber',
] as const satisfies readonly (keyof Accounting)[];

const countWrites = (qbo: InMemoryAccounting): Record<string, number> => {
  const calls: Record<string, number> = {};
  for (const name of WRITES) {
    const original = (qbo[name] as (...args: unknown[]) => unknown).bind(qbo);
    Object.assign(qbo, {
      [name]: (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return original(...args);
      },
    });
  }
  return calls;
};

const customers = [0, 1, 2, 3].map((i) => aCustomer({ id: `C${i}`, name: `Client ${i}`, lastName: `Client ${i}` }));
const services = [aService({ id: 'S1', name: 'Ménage' }), aService({ id: 'S2', name: 'Jardinage' })];

/** `count` invoices of four customers and two services, received before the initial sync is launched. */
const initialSync = async (count: number) => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  for (let n = 1; n <= count; n += 1) {
    const service = services[n % 2] ?? aService();
    await receive(m, invoice(n, { customer: customers[n % 4] ?? aCustomer(), lines: [aLine({ service })] }));
  }
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo, calls: countWrites(qbo) };
};

describe('batch posting: as fast as QBO allows, through the same write protocol', () => {
  it('a lease of 30 invoices costs one batch of customers and services, one batch of transactions and one upload per PDF', async () => {
    const { m, qbo, calls } = await initialSync(30);
    const outcomes = await m.drain();
    expect(outcomes.map((o) => o.kind)).toEqual(Array.from({ length: 30 }, () => 'synced'));
    expect(calls).toEqual({ createCustomersAndItems: 1, postTransactions: 1, attachPdf: 30 });
    expect(qbo.allCustomers()).toHaveLength(4);
    expect(qbo.allItems()).toHaveLength(2);
    for (const t of qbo.allTransactions()) expect(qbo.attachmentsOf(t.qboId)).toHaveLength(1);
  });

  it('more than 30 documents go in leases of 30: 70 invoices take three transaction batches; known customers are not created again', async () => {
    const { m, qbo, calls } = await initialSync(70);
    await m.drain();
    expect(calls).toEqual({ createCustomersAndItems: 1, postTransactions: 3, attachPdf: 70 });
    expect(qbo.allTransactions()).toHaveLength(70);
  });

  it('answers that leave entries out: a customer or service is found by its name; a transaction is checked by number after the in-flight window and adopted with proof, never posted again', async () => {
    const { m, qbo, calls } = await initialSync(5);
    qbo.answerNextBatchPartly(1); // the customers and services: one answered of six
    qbo.answerNextBatchPartly(2); // the transactions
    const first = await m.drain(5);
    expect(first.map((o) => o.kind)).toEqual(['synced', 'synced', 'postponed', 'postponed', 'postponed']);
    expect(first[2]).toMatchObject({ why: 'checking' });
    m.clock.advance(IN_FLIGHT_WINDOW_MS);
    await m.drain();
    expect(calls['postTransactions']).toBe(1);
    expect(calls['postTransaction']).toBeUndefined();
    expect(calls['findTransactionByDocNumber']).toBe(3);
    for (let n = 1; n <= 5; n += 1) expect(qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}`)).toHaveLength(1);
    expect(qbo.allCustomers()).toHaveLength(4);
    expect(qbo.allItems()).toHaveLength(2);
    expect(m.errorStore.allRecords('A1').filter((r) => r.state !== 'resolved')).toEqual([]);
  });

  it('the whole answer lost: every document of the batch is "checking QuickBooks", then found and adopted, each once', async () => {
    const { m, qbo, calls } = await initialSync(4);
    qbo.loseNextPostAnswer();
    const first = await m.drain(4);
    expect(first.map((o) => (o.kind === 'postponed' ? o.why : o.kind))).toEqual(['checking', 'checking', 'checking', 'checking']);
    m.clock.advance(IN_FLIGHT_WINDOW_MS);
    await m.drain();
    expect(calls['postTransactions']).toBe(1);
    expect(qbo.allTransactions()).toHaveLength(4);
    for (const t of qbo.allTransactions()) expect(qbo.attachmentsOf(t.qboId)).toHaveLength(1);
  });

  it('an entry whose number QBO already holds, not ours, is the visible error of that document alone; the others are in QBO', async () => {
    const { m, qbo } = await initialSync(3);
    const foreign = qbo.addForeignTransaction(
      {
        type: 'Invoice',
        docNumber: 'OGUSTINE_2024-01-02',
        customerRef: '999',
        txnDate: '2024-01-02',
        currency: 'EUR',
        globalTaxCalculation: 'TaxExcluded',
        lines: [],
        privateNote: 'saisie à la main',
      },
      100,
    );
    m.clock.advance(0);
    await m.drain(3);
    m.clock.advance(IN_FLIGHT_WINDOW_MS);
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02').map((t) => t.qboId)).toEqual([foreign.qboId]);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-03')).toHaveLength(1);
    const open = m.errorStore.allRecords('A1').filter((r) => r.state !== 'resolved');
    expect(open.map((r) => [r.documentId, r.cause.kind])).toEqual([['D2', 'cause.duplicate-document-number']]);
  });

  it('the whole batch throttled: every document waits quietly (nothing recorded), then goes in the next batch', async () => {
    const { m, qbo, calls } = await initialSync(3);
    const throttleTheBatch = qbo.postTransactions.bind(qbo);
    let throttled = false;
    qbo.postTransactions = (entries, requestId) => {
      if (!throttled) {
        throttled = true;
        qbo.throttleNext(1);
      }
      return throttleTheBatch(entries, requestId);
    };
    const first = await m.drain(3);
    expect(first.map((o) => (o.kind === 'postponed' ? o.why : o.kind))).toEqual(['throttled', 'throttled', 'throttled']);
    expect(m.errorStore.allRecords('A1')).toEqual([]);
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(3);
    expect(calls['postTransactions']).toBe(2);
  });

  it('the caller is told the batch is written once QBO answered its transactions, before any PDF goes (its next batch may begin)', async () => {
    const { m, qbo } = await initialSync(3);
    const seen: string[] = [];
    const post = qbo.postTransactions.bind(qbo);
    qbo.postTransactions = (entries, requestId) =>
      post(entries, requestId).map((answer) => {
        seen.push('transactions answered');
        return answer;
      });
    const attach = qbo.attachPdf.bind(qbo);
    qbo.attachPdf = (...args) => (seen.push('pdf'), attach(...args));
    const lease = (await m.queue.take('worker', m.clock.now()))._unsafeUnwrap();
    const results = await m.syncBatch.run(
      lease?.jobs ?? [],
      () => seen.push('settled'),
      () => seen.push('written'),
    );
    expect(results.map((r) => r.isOk() && r.value.kind)).toEqual(['synced', 'synced', 'synced']);
    expect(seen.slice(0, 3)).toEqual(['transactions answered', 'written', 'pdf']);
    expect(seen.filter((s) => s === 'written')).toHaveLength(1);
    expect(seen.filter((s) => s === 'pdf')).toHaveLength(3);
  });

  it('a document just validated goes in the next lease, before the initial sync backlog of its realm', async () => {
    const { m } = await initialSync(100);
    await m.drain(30);
    const fresh = invoice(200, { createdAt: Date.UTC(2024, 5, 1, 7) });
    await receive(m, fresh);
    const next = await m.drain(30);
    const sent = next.flatMap((o) => (o.kind === 'synced' ? [o.transaction.docNumber] : []));
    expect(sent[0]).toBe('OGUSTINE_2024-01-200');
    expect(sent).toHaveLength(30);
  });
});
