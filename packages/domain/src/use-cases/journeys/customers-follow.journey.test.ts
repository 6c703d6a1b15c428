import { describe, expect, it } from 'vitest';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { aCustomer } from '../../testing/builders/document.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';

const jeanne = aCustomer();
const married = aCustomer({ name: 'Jeanne Martin', lastName: 'Martin', email: 'jeanne.martin@example.fr' });

const launched = async () => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo };
};

describe('rule 7: customers follow Ogustine', () => {
  it('a renamed customer with a new e-mail is updated in QBO (sparse, with its SyncToken), once, and only when the snapshot changed', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1, { customer: jeanne }));
    await m.drain();
    const [created] = qbo.allCustomers();
    expect(created?.syncToken).toBe('0');

    await receive(m, invoice(2, { customer: married }));
    await m.drain();
    expect(qbo.allCustomers()).toHaveLength(1);
    const [updated] = qbo.allCustomers();
    expect(updated).toMatchObject({ qboId: created?.qboId, email: 'jeanne.martin@example.fr', syncToken: '1', familyName: 'Martin' });
    expect(updated?.displayName).toContain('Jeanne Martin');
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02')[0]?.payload.customerRef).toBe(created?.qboId);

    // Same snapshot again: no request at all.
    await receive(m, invoice(3, { customer: married }));
    await m.drain();
    expect(qbo.allCustomers()[0]?.syncToken).toBe('1');
  });

  it('someone edited the customer in QBO meanwhile: the stale SyncToken is read again and the update goes through', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1, { customer: jeanne }));
    await m.drain();
    const qboId = qbo.allCustomers()[0]?.qboId ?? '';
    qbo.editCustomer(qboId, { phone: '01 02 03 04 05' });
    const moved = aCustomer({ address: { lines: ['3 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' } });
    await receive(m, invoice(2, { customer: moved }));
    await m.drain();
    expect(qbo.allCustomers()).toHaveLength(1);
    expect(qbo.allCustomers()[0]).toMatchObject({ qboId, syncToken: '2', billingAddress: { lines: ['3 place Bellecour'] } });
    expect(m.errorStore.allRecords('A1')).toHaveLength(0);
  });

  it('a customer renamed to the name of another keeps the homonym-safe name: two customers, two names', async () => {
    const { m, qbo } = await launched();
    const other = aCustomer({ id: 'C2000', name: 'Jeanne Martin', lastName: 'Martin', email: 'autre@example.fr' });
    await receive(m, invoice(1, { customer: jeanne }));
    await receive(m, invoice(2, { customer: other }));
    await m.drain();
    await receive(m, invoice(3, { customer: married }));
    await m.drain();
    const names = qbo.allCustomers().map((c) => c.displayName);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n.includes('Jeanne Martin'))).toBe(true);
  });
});
