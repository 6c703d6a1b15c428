import { describe, expect, it } from 'vitest';
import { decimal } from '../../shared/decimal.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { aLine } from '../../testing/builders/document.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, launchedModule, REALM, receive } from '../../testing/builders/journey-fixtures.js';

/** Invoice n, created n minutes after New Year 2024 (so a thousand of them are all in the past). */
const nth = (n: number, over: Parameters<typeof invoice>[1] = {}) =>
  invoice(n, { number: `2024-01-${String(n).padStart(4, '0')}`, createdAt: Date.UTC(2024, 0, 1, 9) + n * 60_000, ...over });

describe('rule 11: the company profile is read once', () => {
  it('a 1,000-document initial sync reads the profile from QBO once, not once per document', async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    for (let n = 1; n <= 1000; n += 1) await receive(m, nth(n));
    await m.connect('A1', REALM);
    expect((await m.launchInitialSync.run('A1'))._unsafeUnwrap().queued).toBe(1000);
    const beforeSync = qbo.profileReads;

    await m.drain(2000);

    expect(qbo.allTransactions()).toHaveLength(1000);
    // The prerequisites' check at connection kept it; the sync itself read it at most once more.
    expect(qbo.profileReads - beforeSync).toBeLessThanOrEqual(1);
    expect(qbo.profileReads).toBeLessThanOrEqual(4);
  });

  it('Réessayer after the user fixed a prerequisite in QBO sees the fix, and the blocked document goes', async () => {
    const { m, qbo } = await launchedModule({ discountsAllowed: false });
    await receive(m, nth(1));
    await receive(m, nth(2, { lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] }));
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-0001')).toHaveLength(1);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-0002')).toHaveLength(0);
    expect(m.errorStore.allRecords('A1').map((r) => r.cause.kind)).toEqual(['cause.discounts-disabled']);

    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    const retried = (await m.checkPrerequisites.run('A1'))._unsafeUnwrap();
    expect(retried.unmet).toEqual([]);
    await m.drain();

    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-0002')).toHaveLength(1);
  });

  it('a tax code made inactive in QBO: the refused post (2500) drops the kept profile, and the document goes again at once under the new code', async () => {
    const { m, qbo } = await launchedModule();
    await receive(m, nth(1));
    await m.drain();
    const [first] = qbo.allTransactions();
    expect(first?.payload.lines[0]).toMatchObject({ taxCodeRef: '15' });

    // In QBO, the 20 % code is made inactive and replaced by a new one.
    qbo.updateProfile((p) => ({
      ...p,
      taxCodes: [
        ...p.taxCodes.map((c) => (c.id === '15' ? { ...c, active: false } : c)),
        { id: '40', name: 'TVA 20 % (nouveau)', active: true, salesRates: [{ id: '90', name: 'TVA 20 %', ratePercent: decimal(20) }] },
      ],
    }));
    const readsBefore = qbo.profileReads;
    await receive(m, nth(2));
    const [job] = m.queue.jobs();
    if (job === undefined) throw new Error('one job queued');
    expect((await m.syncDocument.run(job))._unsafeUnwrap()).toMatchObject({ kind: 'postponed' });
    expect((await m.profiles.get(REALM))._unsafeUnwrap()).toBeNull();
    expect(qbo.profileReads).toBe(readsBefore);

    await m.drain();

    const [second] = qbo.transactionsNumbered('OGUSTINE_2024-01-0002');
    expect(second?.payload.lines[0]).toMatchObject({ taxCodeRef: '40' });
    expect(qbo.profileReads).toBe(readsBefore + 1);
    expect(m.errorStore.allRecords('A1')).toEqual([]);
  });

  it('a reference still gone on the next attempt (a customer made inactive in QBO) is recorded, not retried quietly again', async () => {
    const { m, qbo } = await launchedModule();
    await receive(m, nth(1));
    await m.drain();
    const [customer] = qbo.allCustomers();
    qbo.deactivateCustomer(customer?.qboId ?? '');
    await receive(m, nth(2));
    const [job] = m.queue.jobs();
    if (job === undefined) throw new Error('one job queued');
    expect((await m.syncDocument.run(job, 0))._unsafeUnwrap()).toMatchObject({ kind: 'postponed' });
    expect(m.errorStore.allRecords('A1')).toEqual([]);
    expect((await m.syncDocument.run(job, 1))._unsafeUnwrap()).toMatchObject({ kind: 'failed' });
    expect(m.errorStore.allRecords('A1').map((r) => r.cause.kind)).toHaveLength(1);
  });
});
