import { SqlErrorHistoryStore } from '@ogustine-qbo/adapters/sql';
import type { DocumentEvent } from '@ogustine-qbo/billing-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './buses.js';
import { docNumberOf, openLiveWorld, type LiveWorld } from './test-support/live-world.js';
import type { WorkerProcess } from './test-support/worker-process.js';

/*
 * Events out of order, published by the test to RabbitMQ (the billing sandbox validates documents
 * and publishes nothing): a credit note's event before its invoice's, and an older snapshot of a
 * document after a newer one. The worker runs as a process on MariaDB, the QBO sandbox over HTTP.
 * The history reconciliation is put off, so that only the events bring the documents in.
 */

const ACCOUNT = 'O1';

let world: LiveWorld;
let worker: WorkerProcess;
beforeAll(async () => {
  world = await openLiveWorld({ name: 'order', scale: 0.01, accounts: [{ accountId: ACCOUNT }], publishEmitted: false });
  await world.connect(ACCOUNT);
  worker = await world.startWorker({ WORKER_RECONCILE_EVERY_MS: String(100 * 86_400_000) });
  await world.imported(ACCOUNT);
  await world.launch(ACCOUNT);
});
afterAll(async () => {
  await world.close();
});

const emit = async (kind: 'invoice' | 'credit_note'): Promise<DocumentEvent> => {
  const emitted = await world.billing.admin.emit(ACCOUNT, kind);
  if (emitted.kind !== 'emitted') throw new Error(`the billing sandbox did not emit: ${emitted.kind}`);
  return emitted.event;
};

const handled = (eventId: string): boolean => worker.lines.some((l) => l['msg'] === 'document event handled' && l['eventId'] === eventId);

/** Publishes the event and waits until the worker handled it and ran every job it queued. */
const deliver = async (event: DocumentEvent): Promise<void> => {
  await world.publisher.publish(event);
  await eventually(async () => handled(event.eventId) && (await world.jobCounts()).live === 0, `${event.type} handled`, 60_000);
};

interface Transaction {
  readonly DocNumber?: string;
  readonly TotalAmt?: number;
  readonly Balance?: number;
  readonly RemainingCredit?: number;
  readonly CustomerMemo?: { readonly value: string };
  readonly Line?: readonly { readonly Description?: string }[];
}

const numbered = (number: string): Transaction[] => world.transactions(ACCOUNT).filter((t) => t.DocNumber === number) as Transaction[];

describe('events out of order', () => {
  it("a credit note's event before its invoice's: the note waits for its invoice, then goes and is applied to it", async () => {
    const invoice = await emit('invoice');
    const credit = await emit('credit_note');
    const invoiceNumber = docNumberOf(invoice.document as { number: string });
    const creditNumber = docNumberOf(credit.document as { number: string });

    // The note's job finds no invoice in the module: it looks again a little later, not sent alone.
    await world.publisher.publish(credit);
    const noteId = (credit.document as { id: string }).id;
    await eventually(
      () => worker.lines.some((l) => l['msg'] === 'job ran' && l['documentId'] === noteId && l['why'] === 'invoice-awaited'),
      'the credit note waiting for its invoice',
      60_000,
    );
    expect(numbered(creditNumber)).toHaveLength(0);
    await world.publisher.publish(invoice);
    await eventually(() => numbered(creditNumber).length === 1, 'the credit memo in QBO', 30_000);
    await eventually(async () => (await world.jobCounts()).live === 0, 'every job done', 30_000);

    const [inQbo] = numbered(invoiceNumber);
    const [note] = numbered(creditNumber);
    expect(numbered(invoiceNumber)).toHaveLength(1);
    expect(note?.CustomerMemo?.value).toContain((invoice.document as { number: string }).number);
    // Applied: the invoice's balance is what is left once the credit is used, the credit is spent.
    expect(inQbo?.Balance).toBeLessThan(inQbo?.TotalAmt ?? 0);
    expect(note?.RemainingCredit).toBe(0);
  });

  it('an older snapshot after a newer one: the first received is kept and sent, the other is the visible error « document modifié après sa validation »', async () => {
    const older = await emit('invoice');
    const document = older.document as { number: string; lines: readonly { description: string }[] };
    const newer: DocumentEvent = {
      ...older,
      eventId: `${older.eventId}-newer`,
      occurredAt: new Date(Date.parse(older.occurredAt) + 60_000).toISOString(),
      document: {
        ...document,
        lines: document.lines.map((l) => ({ ...l, description: `${l.description} (corrigée)` })),
      } as DocumentEvent['document'],
    };
    await deliver(newer);
    await deliver(older);

    const [sent] = numbered(docNumberOf(document));
    expect(numbered(docNumberOf(document))).toHaveLength(1);
    expect(sent?.Line?.[0]?.Description).toMatch(/\(corrigée\)$/);
    const documentId = (older.document as { id: string }).id;
    const errors = (await new SqlErrorHistoryStore(world.database).forDocument(ACCOUNT, documentId))._unsafeUnwrap();
    expect(errors.map((e) => e.cause.kind)).toEqual(['cause.document-changed']);
  });
});
