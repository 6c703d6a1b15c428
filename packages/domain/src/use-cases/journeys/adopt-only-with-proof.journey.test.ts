import { describe, expect, it } from 'vitest';
import type { OgustineDocument } from '../../documents/document.js';
import { IN_FLIGHT_WINDOW_MS } from '../../sync/write-protocol.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';

/** Connected and launched, with `doc` received but not yet synced. */
const ready = async (doc: OgustineDocument) => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  await receive(m, doc);
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo };
};

const openCauses = async (m: InMemoryModule) =>
  m.errorStore
    .allRecords('A1')
    .filter((r) => r.state !== 'resolved')
    .map((r) => r.cause.kind);

describe('rule 2: never adopt a transaction that is not proven ours', () => {
  it('an invoice typed in QBO with our number is never adopted: a visible error, no PDF on it, nothing posted twice', async () => {
    const doc = invoice(1);
    const { m, qbo } = await ready(doc);
    // Someone created OGUSTINE_2024-01-01 by hand in QBO, for the same customer name and amount even.
    const customer = (await qbo.createCustomer({ displayName: 'Quelqu’un' }, 'by-hand-c'))._unsafeUnwrap();
    const foreign = qbo.addForeignTransaction(
      {
        type: 'Invoice',
        docNumber: 'OGUSTINE_2024-01-01',
        customerRef: customer.qboId,
        txnDate: '2024-01-01',
        currency: 'EUR',
        globalTaxCalculation: 'TaxExcluded',
        lines: [],
        privateNote: 'saisie manuelle',
      },
      doc.totals.gross,
    );

    const outcomes = await m.drain();
    expect(outcomes.map((o) => o.kind)).toContain('failed');
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
    expect(qbo.attachmentsOf(foreign.qboId)).toHaveLength(0);
    expect(await openCauses(m)).toEqual(['cause.duplicate-document-number']);
    const status = (await m.getDocumentSyncStatus.run('A1', 'D1'))._unsafeUnwrap();
    expect(status.kind).toBe('status.failed');
    expect(status.explanation.fr).toContain('déjà utilisé dans QuickBooks');
    expect(status.explanation.fr).toContain('n’a pas envoyée');
  });

  it('a transaction carrying our marker but another customer or total is not adopted either', async () => {
    const doc = invoice(1);
    const { m, qbo } = await ready(doc);
    qbo.loseNextPostAnswer(); // the first post lands in QBO, its answer is lost
    await m.syncDocument.run({ jobId: 'j1', accountId: 'A1', realmId: REALM, documentId: 'D1', reason: 'initial-sync' });
    const [ours] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    if (ours === undefined) throw new Error('the post landed');
    // Someone edits the amount in QBO before the module's look-up.
    qbo.deleteTransaction(ours.qboId);
    qbo.addForeignTransaction(ours.payload, ours.totalAmount + 100);
    m.clock.advance(IN_FLIGHT_WINDOW_MS);
    await m.drain();
    expect(qbo.allTransactions().every((t) => qbo.attachmentsOf(t.qboId).length === 0)).toBe(true);
    expect(await openCauses(m)).toEqual(['cause.duplicate-document-number']);
  });

  it('our own post whose answer was lost is adopted with its proof: one transaction, one PDF', async () => {
    const doc = invoice(1);
    const { m, qbo } = await ready(doc);
    qbo.loseNextPostAnswer();
    await m.drain();
    const found = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    expect(found).toHaveLength(1);
    expect(found[0]?.payload.privateNote.split('\n')).toContain('Ogustine:D1');
    expect(qbo.attachmentsOf(found[0]?.qboId ?? '')).toHaveLength(1);
    expect(await openCauses(m)).toEqual([]);
  });
});
