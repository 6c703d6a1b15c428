import { describe, expect, it } from 'vitest';
import { okAsync } from 'neverthrow';
import type { SettingsStore } from '../../ports/settings-store.js';
import { ChoosePdfAttachment } from '../choose-pdf-attachment.js';
import { invoice, launchedModule as launched, receive } from '../../testing/builders/journey-fixtures.js';

const DOCUMENTS = [1, 2, 3, 4, 5];

describe('« Joindre le PDF Ogustine », an account setting', () => {
  it('is on by default: every document reaches QBO with its PDF', async () => {
    const { m, qbo } = await launched();
    expect((await m.choosePdfAttachment.show('A1'))._unsafeUnwrap()).toBe(true);
    for (const n of DOCUMENTS) await receive(m, invoice(n));
    await m.drain();
    const sent = qbo.allTransactions();
    expect(sent).toHaveLength(DOCUMENTS.length);
    for (const t of sent) expect(qbo.attachmentsOf(t.qboId)).toHaveLength(1);
  });

  it('off, documents of a lease and a lone one reach QBO without a PDF, none is read from Ogustine, and each says why', async () => {
    const { m, qbo } = await launched();
    expect((await m.choosePdfAttachment.choose('A1', false))._unsafeUnwrap()).toBe(false);
    // Were a PDF read, it would fail: the documents still reach QBO, so none is.
    for (const _ of [...DOCUMENTS, 6]) m.files.failNext();
    for (const n of DOCUMENTS) await receive(m, invoice(n));
    await m.drain();
    await receive(m, invoice(6));
    await m.drain();

    const sent = qbo.allTransactions();
    expect(sent).toHaveLength(DOCUMENTS.length + 1);
    for (const t of sent) expect(qbo.attachmentsOf(t.qboId)).toHaveLength(0);
    const status = (await m.getDocumentSyncStatus.run('A1', 'D6'))._unsafeUnwrap();
    expect(status).toMatchObject({ kind: 'status.sent', pdfPending: false, pdfLeftOut: true });
    expect(status.label.fr).toContain('sans PDF');
  });

  it('turned on again applies to documents sent from then on; those sent without keep what they have', async () => {
    const { m, qbo } = await launched();
    (await m.choosePdfAttachment.choose('A1', false))._unsafeUnwrap();
    await receive(m, invoice(1));
    await m.drain();
    (await m.choosePdfAttachment.choose('A1', true))._unsafeUnwrap();
    await receive(m, invoice(2));
    await m.drain();

    const [first, second] = qbo.allTransactions();
    expect(qbo.attachmentsOf(first?.qboId ?? '')).toHaveLength(0);
    expect(qbo.attachmentsOf(second?.qboId ?? '')).toHaveLength(1);
    expect((await m.getDocumentSyncStatus.run('A1', 'D2'))._unsafeUnwrap()).toMatchObject({ pdfPending: false });
  });

  it('a choice saved while another writer saves the settings reads them again: neither change is lost', async () => {
    const { m } = await launched();
    let raced = false;
    // Another writer (the worker) saves the settings between the choice's read and its save, once.
    const racing: SettingsStore = {
      get: (accountId) => m.settings.get(accountId),
      save: (settings) => {
        if (raced) return m.settings.save(settings);
        raced = true;
        return m.settings
          .get(settings.accountId)
          .andThen((stored) => (stored === null ? okAsync(null) : m.settings.save({ ...stored, timeZone: 'Europe/Brussels' })))
          .andThen(() => m.settings.save(settings));
      },
    };
    expect((await new ChoosePdfAttachment({ settings: racing }).choose('A1', false))._unsafeUnwrap()).toBe(false);
    const stored = (await m.settings.get('A1'))._unsafeUnwrap();
    expect(stored).toMatchObject({ attachPdf: false, timeZone: 'Europe/Brussels' });
  });
});
