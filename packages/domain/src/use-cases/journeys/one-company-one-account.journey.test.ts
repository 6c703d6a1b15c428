import { describe, expect, it } from 'vitest';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { aCustomer } from '../../testing/builders/document.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, OTHER_REALM, REALM, receive, statusKinds } from '../../testing/builders/journey-fixtures.js';

describe('rule 1: one QuickBooks company, one Ogustine account', () => {
  it("refuses a company another account holds, with a clear French/English reason; revokes the new tokens; the holder's sync is untouched", async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    await receive(m, invoice(1));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    await m.drain();

    // Account A2 has a document with the same id, number and customer id, for another person.
    await receive(m, invoice(1, { accountId: 'A2', customer: aCustomer({ name: 'Paul Martin', firstName: 'Paul', lastName: 'Martin' }) }));
    const refused = (await m.tryConnect('A2', REALM))._unsafeUnwrapErr();
    expect(refused.kind).toBe('connect.realm-held-by-another-account');
    if (refused.kind !== 'connect.realm-held-by-another-account') throw new Error('unreachable');
    expect(refused.message.fr).toContain('déjà connectée à un autre compte Ogustine');
    expect(refused.message.en).toContain('already connected to another Ogustine account');
    expect(m.authorization.revoked).toHaveLength(1);
    expect((await m.connections.get('A2'))._unsafeUnwrap()).toBeNull();
    expect((await m.connections.findByRealm(REALM))._unsafeUnwrap()?.accountId).toBe('A1');
    expect((await m.settings.get('A2'))._unsafeUnwrap()?.moduleState.connection.kind ?? 'not-connected').toBe('not-connected');

    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(1);
    expect(qbo.allCustomers().map((c) => c.displayName)).toEqual([expect.stringContaining('Jeanne Dupont')]);
    expect(await statusKinds(m, 'A1', ['D1'])).toEqual(['status.sent']);
    expect(await statusKinds(m, 'A2', ['D1'])).not.toEqual(['status.sent']);
  });

  it("two accounts connecting the same company at once: the store's unique realm lets one win, the other is refused and its tokens revoked", async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    const [a, b] = await Promise.all([m.tryConnect('A1', REALM), m.tryConnect('A2', REALM)]);
    const kinds = [a, b].map((r) => (r.isOk() ? 'connected' : r.error.kind)).sort();
    expect(kinds).toEqual(['connect.realm-held-by-another-account', 'connected']);
    expect(m.authorization.revoked).toHaveLength(1);
  });

  it("keys mappings by account as well as realm: a company handed over after a disconnect never puts the new account's customer on the old one's", async () => {
    const m = new InMemoryModule();
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    m.addCompany(aCompanyProfile({ realmId: OTHER_REALM }));
    await receive(m, invoice(1));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    await m.drain();
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    await m.connect('A1', OTHER_REALM);

    // A2's customer has A1's Ogustine customer id (ids are per account), and is someone else.
    const paul = aCustomer({ name: 'Paul Martin', firstName: 'Paul', lastName: 'Martin', email: 'paul@example.fr' });
    await receive(m, invoice(5, { accountId: 'A2', customer: paul }));
    await m.connect('A2', REALM);
    (await m.launchInitialSync.run('A2'))._unsafeUnwrap();
    await m.drain();

    const a2Invoice = qbo.transactionsNumbered('OGUSTINE_2024-01-05');
    expect(a2Invoice).toHaveLength(1);
    const customer = qbo.allCustomers().find((c) => c.qboId === a2Invoice[0]?.payload.customerRef);
    expect(customer?.displayName).toContain('Paul Martin');
    expect(customer?.email).toBe('paul@example.fr');
  });
});
