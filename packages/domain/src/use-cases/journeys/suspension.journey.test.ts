import { describe, expect, it } from 'vitest';
import { describeAutomaticSync } from '../../policy/module-state.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { automaticSyncStatus } from '../account-settings.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';

/** An invoice created (and validated an hour later) at a given UTC instant. */
const createdAt = (n: number, at: number) => invoice(n, { createdAt: at, validatedAt: at + 3_600_000 });

const settingsLine = async (m: InMemoryModule) => {
  const settings = (await m.settings.get('A1'))._unsafeUnwrap();
  if (settings === null) throw new Error('A1 has settings');
  return describeAutomaticSync(automaticSyncStatus(settings, m.clock.now()));
};

describe('rule 5: a suspension says the truth and wakes up by itself', () => {
  it('documents created during a suspension are said not sent; on the day, sending resumes with no user action', async () => {
    const m = new InMemoryModule(); // now: 2024-06-01 08:00 UTC
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    await receive(m, invoice(1));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    await m.drain();

    // « Synchroniser les factures créées depuis le : 10/06/2024 »
    const suspended = (await m.rescheduleSync.run('A1', '2024-06-10'))._unsafeUnwrap();
    expect(suspended.confirmation.fr).toContain("suspendue jusqu'au 10/06/2024");
    // Midnight in Paris (summer time) is 22:00 UTC the day before: the worker wakes up then.
    expect(suspended.resumesAt).toBe(Date.UTC(2024, 5, 9, 22, 0));
    expect((await settingsLine(m)).fr).toBe("Synchronisation automatique suspendue jusqu'au 10/06/2024");

    // Created and validated during the suspension: not sent, and its status says so plainly.
    const during = createdAt(3, Date.UTC(2024, 5, 3, 9));
    m.clock.set(during.validatedAt);
    expect((await receive(m, during)).kind).toBe('not-queued');
    const status = (await m.getDocumentSyncStatus.run('A1', 'D3'))._unsafeUnwrap();
    expect(status.kind).toBe('status.held');
    expect(status.label.fr).toContain('Non envoyée');
    expect(status.explanation.fr).toContain('ne sera pas envoyée');
    expect(`${status.label.fr} ${status.explanation.fr}`).not.toMatch(/en attente/i);

    // The day comes: nobody touches anything. The worker wakes up at the due time.
    m.clock.set(suspended.resumesAt ?? 0);
    expect((await settingsLine(m)).fr).toBe('Synchronisation automatique active');
    expect((await m.resumeAutomaticSync.run('A1'))._unsafeUnwrap()).toEqual({ kind: 'resumed', queued: 0 });
    // Created at 00:30 Paris time on the day: sent on validation, as automatic sync is on again.
    const onTheDay = createdAt(10, Date.UTC(2024, 5, 9, 22, 30));
    m.clock.set(onTheDay.validatedAt);
    expect((await receive(m, onTheDay)).kind).toBe('queued');
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-10')).toHaveLength(1);
    // The one created during the suspension still is not sent; its wording is computed now, not stored: no stale "suspended".
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-03')).toHaveLength(0);
    const after = (await m.getDocumentSyncStatus.run('A1', 'D3'))._unsafeUnwrap().label.fr;
    expect(after).toBe('Créée avant le 10 juin 2024 : non synchronisée');
  });

  it('a wake-up that comes too early says when to come back, and queues nothing', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    await m.connect('A1', REALM);
    (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
    const { resumesAt } = (await m.rescheduleSync.run('A1', '2024-06-10'))._unsafeUnwrap();
    m.clock.set((resumesAt ?? 0) - 1);
    expect((await m.resumeAutomaticSync.run('A1'))._unsafeUnwrap()).toEqual({ kind: 'still-suspended', resumesAt });
  });

  it('a past date chosen before the first launch does not promise a sending: the initial sync will send them', async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM }));
    await receive(m, invoice(1));
    await receive(m, invoice(2));
    await m.connect('A1', REALM);
    const chosen = (await m.rescheduleSync.run('A1', '2024-01-01'))._unsafeUnwrap();
    expect(chosen.queued).toBe(0);
    expect(chosen.resumesAt).toBeNull();
    expect(chosen.confirmation.fr).not.toMatch(/va être envoyé|vont être envoyés/);
    expect(chosen.confirmation.fr).toContain('synchronisation initiale');
    expect((await m.queue.nextDueAt())._unsafeUnwrap()).toBeNull();
  });
});
