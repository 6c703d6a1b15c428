import { describe, expect, it } from 'vitest';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, OTHER_REALM, REALM, receive, statusKinds } from '../../testing/builders/journey-fixtures.js';

const connectedAndSynced = async () => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM, companyName: 'Ménage Services' }));
  const other = m.addCompany(aCompanyProfile({ realmId: OTHER_REALM, companyName: 'Jardins SARL' }));
  await receive(m, invoice(1));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  await m.drain();
  return { m, qbo, other };
};

describe('rule 9: Se déconnecter', () => {
  it('revokes at Intuit and forgets the tokens, keeping settings, mappings and history; reconnecting the same company resumes', async () => {
    const { m, qbo } = await connectedAndSynced();
    const tokens = (await m.connections.get('A1'))._unsafeUnwrap()?.tokens;
    const before = (await m.settings.get('A1'))._unsafeUnwrap();

    const done = (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    expect(done.revokedAtIntuit).toBe(true);
    expect(done.message.fr).toContain('reconnectez la même entreprise');
    expect(m.authorization.revoked).toEqual([tokens?.refreshToken]);
    expect((await m.connections.get('A1'))._unsafeUnwrap()).toBeNull();
    const after = (await m.settings.get('A1'))._unsafeUnwrap();
    expect(after?.schedule).toEqual(before?.schedule);
    expect(after?.moduleState.initialSync).toEqual(before?.moduleState.initialSync);
    expect(after?.moduleState.connection).toEqual({ kind: 'not-connected', previous: { realmId: REALM, companyName: 'Ménage Services' } });
    expect(await statusKinds(m, 'A1', ['D1'])).toEqual(['status.sent']);
    expect((await m.disconnectQuickBooks.run('A1'))._unsafeUnwrapErr()).toMatchObject({ refusal: { kind: 'state.not-connected' } });

    // Validated while disconnected: waits, then goes once the same company is connected again.
    await receive(m, invoice(2));
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02')).toHaveLength(0);
    expect((await m.connectQuickBooks.beforeConnecting('A1'))._unsafeUnwrap()?.fr).toContain('« Ménage Services »');
    await m.connect('A1', REALM);
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02')).toHaveLength(1);
    expect(qbo.allTransactions()).toHaveLength(2);
    // The stored customer mapping was kept: no second customer, no look-up by name.
    expect(qbo.allCustomers()).toHaveLength(1);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('done');
  });

  it('forgets the tokens even when Intuit cannot be reached, and says so', async () => {
    const { m } = await connectedAndSynced();
    m.authorization.failNext();
    const done = (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    expect(done.revokedAtIntuit).toBe(false);
    expect(done.message.fr).toContain("Intuit n'a pas pu être joint");
    expect((await m.connections.get('A1'))._unsafeUnwrap()).toBeNull();
  });

  it('connecting another company is announced first, then starts afresh: its own initial sync, nothing copied from the first', async () => {
    const { m, other } = await connectedAndSynced();
    expect((await m.connectQuickBooks.beforeConnecting('A1'))._unsafeUnwrap()).toBeNull();
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    expect((await m.connectQuickBooks.beforeConnecting('A1'))._unsafeUnwrap()?.fr).toContain('repart de zéro');
    await m.connect('A1', OTHER_REALM);
    const state = (await m.settings.get('A1'))._unsafeUnwrap()?.moduleState;
    expect(state?.initialSync.kind).toBe('not-launched');
    expect(state?.connection).toMatchObject({ kind: 'connected', realmId: OTHER_REALM });
    await m.drain();
    expect(other.allTransactions()).toHaveLength(0);
  });

  it('another company really starts afresh: the preview shows every document to send, and it gets every one, each with its PDF', async () => {
    const { m, qbo, other } = await connectedAndSynced();
    await receive(m, invoice(2));
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(2);
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    await m.connect('A1', OTHER_REALM);
    const previewed = await m.previewInitialSync.run('A1');
    if (previewed.isErr()) throw new Error(JSON.stringify(previewed.error));
    const preview = previewed.value;
    expect(preview).toMatchObject({ toSend: { count: 2 }, alreadyInQuickBooks: 0 });
    const launched = await m.launchInitialSync.run('A1');
    if (launched.isErr()) throw new Error(JSON.stringify(launched.error));
    await m.drain();
    expect(other.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_2024-01-01', 'OGUSTINE_2024-01-02']);
    expect(other.allTransactions().every((t) => other.attachmentsOf(t.qboId).length === 1)).toBe(true);
  });

  it('back to the first company after another (A → B → A): its initial sync launches again, as a run of its own, and sends only what A lacks', async () => {
    const { m, qbo, other } = await connectedAndSynced();
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    await m.connect('A1', OTHER_REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    await m.drain();
    expect(other.allTransactions()).toHaveLength(1);

    // Invoice 2 is validated while B is connected; then the account goes back to A.
    await receive(m, invoice(2));
    await m.drain();
    (await m.disconnectQuickBooks.run('A1'))._unsafeUnwrap();
    await m.connect('A1', REALM);
    const launched = await m.launchInitialSync.run('A1');
    if (launched.isErr()) throw new Error(JSON.stringify(launched.error));
    expect(launched.value.queued).toBe(2);
    expect(launched.value.run.runId).not.toBe('initial-sync:' + REALM);
    await m.drain();
    // Invoice 1 was already in A: found by its number, not posted again.
    expect(qbo.allTransactions().map((t) => t.docNumber)).toEqual(['OGUSTINE_2024-01-01', 'OGUSTINE_2024-01-02']);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync.kind).toBe('done');
  });
});
