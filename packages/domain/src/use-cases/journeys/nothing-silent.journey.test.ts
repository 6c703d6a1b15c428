import { describe, expect, it } from 'vitest';
import { aCustomer, aDocument } from '../../testing/builders/document.js';
import type { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, launchedModule, receive } from '../../testing/builders/journey-fixtures.js';

const launched = launchedModule;

const records = async (m: InMemoryModule) => m.errorStore.allRecords('A1');

describe('rule 8: nothing silent', () => {
  it('a second, different snapshot of a validated document is a visible error; the first is what QBO gets', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1), 'm1');
    await m.drain();
    const changed = invoice(1, { customer: aCustomer({ name: 'Jeanne Martin', lastName: 'Martin' }) });
    const outcome = await receive(m, changed, 'm2');
    expect(outcome).toEqual({ kind: 'changed-after-validation', documentId: 'D1', fields: ['customer'] });
    const [error] = (await records(m)).filter((r) => r.state !== 'resolved');
    expect(error?.cause).toEqual({ kind: 'cause.document-changed', fields: ['customer'] });
    const screen = JSON.stringify((await m.listErrorHistory.run('A1'))._unsafeUnwrap());
    expect(screen).toContain('Une facture validée ne change jamais');
    // Redelivered, and received again under another message: still one error.
    expect((await receive(m, changed, 'm2')).kind).toBe('duplicate-message');
    await receive(m, changed, 'm3');
    expect((await records(m)).filter((r) => r.cause.kind === 'cause.document-changed')).toHaveLength(1);
    // The same snapshot again is no error.
    expect((await receive(m, invoice(1), 'm4')).kind).toBe('already-in-quickbooks');
    expect(qbo.allCustomers().map((c) => c.displayName)).toEqual([expect.stringContaining('Jeanne Dupont')]);
  });

  it('resyncing a document believed sent checks QBO: deleted by the accountant, it is sent again; still there, it is not', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    await receive(m, invoice(2));
    await m.drain();
    const [first] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    qbo.deleteTransaction(first?.qboId ?? '');
    const resynced = (await m.resyncMany.run('A1', { kind: 'documents', documentIds: ['D1', 'D2'] }))._unsafeUnwrap();
    expect(resynced).toMatchObject({ queued: ['D1'], skipped: ['D2'], deletedInQuickBooks: ['D1'] });
    await m.drain();
    const again = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    expect(again).toHaveLength(1);
    expect(again[0]?.qboId).not.toBe(first?.qboId);
    expect(qbo.attachmentsOf(again[0]?.qboId ?? '')).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02')).toHaveLength(1);
  });

  it('an error that cannot succeed is recorded once per document, "relaunch all" skips it, and the user can mark it handled (kept, greyed)', async () => {
    const { m, qbo } = await launched();
    // A number QBO cannot take (longer than 21 characters once prefixed): can never succeed as it is.
    await receive(m, aDocument({ id: 'D7', number: '2024-01-0000000000000007', createdAt: Date.UTC(2024, 0, 7) }));
    await receive(m, invoice(2));
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    await m.drain();
    for (let i = 0; i < 3; i += 1) {
      await m.resyncDocument.run('A1', 'D7');
      await m.drain();
    }
    const d7 = (await records(m)).filter((r) => r.documentId === 'D7');
    expect(d7).toHaveLength(1);
    expect(d7[0]?.state).toBe('open');

    const all = (await m.resyncMany.run('A1', { kind: 'all-open' }))._unsafeUnwrap();
    expect(all.queued).toEqual([]);
    expect(all.cannotSucceed).toEqual(['D7']);
    expect(all.skipped).toEqual([]);

    (await m.markErrorHandled.run('A1', 'D7'))._unsafeUnwrap();
    const handled = (await records(m)).filter((r) => r.documentId === 'D7');
    expect(handled).toMatchObject([{ state: 'resolved', handled: true }]);
    const screen = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(JSON.stringify(screen)).toContain('"greyed":true');
    expect((await m.resyncMany.run('A1', { kind: 'all-open' }))._unsafeUnwrap()).toMatchObject({ skipped: [], cannotSucceed: [] });
  });

  it('"relaunch all" relaunches a document one of whose errors a retry can fix, even when a later error cannot be fixed by a retry', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    // QBO refuses the first attempt (a failure the user can fix, then relaunch).
    qbo.failNext({
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'Business Validation Error', detail: 'Business Validation Error: refused' }],
    });
    await m.drain();
    // Then Ogustine sends a second, different snapshot: an error no retry fixes, recorded after the first.
    await receive(m, invoice(1, { customer: aCustomer({ name: 'Jeanne Martin', lastName: 'Martin' }) }), 'm2');
    const open = (await records(m)).filter((r) => r.state === 'open').map((r) => r.cause.kind);
    expect(open).toHaveLength(2);
    expect(open).toContain('cause.document-changed');

    const all = (await m.resyncMany.run('A1', { kind: 'all-open' }))._unsafeUnwrap();
    expect(all).toMatchObject({ queued: ['D1'], skipped: [], cannotSucceed: [] });
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-01')).toHaveLength(1);
  });
});
