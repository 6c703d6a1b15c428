import { describe, expect, it } from 'vitest';
import { decimal } from '../../shared/decimal.js';
import { aCompanyProfile, taxCodesFor } from '../../testing/builders/company-profile.js';
import { aLine } from '../../testing/builders/document.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';

const EXEMPT = {
  id: '30',
  name: 'Exonéré (services à la personne)',
  active: true,
  salesRates: [{ id: '60', name: 'Exonéré', ratePercent: decimal(0) }],
};

const launched = async () => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM, taxCodes: [...taxCodesFor('FR'), EXEMPT] }));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo };
};

describe('rule 10: VAT you can trust', () => {
  it('a document whose VAT for a rate is not what its base and rate give is refused with its numbers, not sent', async () => {
    const { m, qbo } = await launched();
    const honest = invoice(1);
    const [vat] = honest.totals.vat;
    if (vat === undefined) throw new Error('one rate');
    // 20 % of the base, plus 3 €: far beyond the rounding of one line.
    const off = { ...honest, totals: { ...honest.totals, vat: [{ ...vat, amount: vat.amount + 300 }], gross: honest.totals.gross + 300 } };
    const received = await receive(m, off);
    expect(received).toMatchObject({ kind: 'not-queued', decision: { kind: 'refuse', reason: { kind: 'refusal.vat-inconsistent' } } });
    await m.drain();
    expect(qbo.allTransactions()).toHaveLength(0);
    const status = (await m.getDocumentSyncStatus.run('A1', 'D1'))._unsafeUnwrap();
    expect(status.label.fr).toBe('Refusée : TVA incohérente');
    expect(status.explanation.fr).toContain('La TVA à 20 % de ce document (');
    const [error] = m.errorStore.allRecords('A1');
    expect(error?.cause).toMatchObject({ kind: 'cause.vat-inconsistent', base: vat.base, stated: vat.amount + 300, computed: vat.amount });
  });

  it('the tax code of each rate is a setting, pre-filled by the rule and changeable: 0 % exempt services go under the exempt code', async () => {
    const { m, qbo } = await launched();
    const zero = decimal(0);
    const [view] = (await m.chooseTaxCodes.show('A1', [zero]))._unsafeUnwrap();
    expect(view).toMatchObject({ inUse: { id: '10', name: 'TVA 0 %' }, chosen: false });
    expect(view?.options.map((o) => o.id)).toEqual(['10', '30']);
    const refused = (await m.chooseTaxCodes.choose('A1', zero, '15'))._unsafeUnwrapErr();
    expect(refused.kind).toBe('tax-codes.code-does-not-fit');
    (await m.chooseTaxCodes.choose('A1', zero, '30'))._unsafeUnwrap();
    expect((await m.chooseTaxCodes.show('A1', [zero]))._unsafeUnwrap()[0]).toMatchObject({ inUse: { id: '30' }, chosen: true });

    await receive(m, invoice(2, { lines: [aLine({ vatRate: zero })] }));
    await m.drain();
    const [sent] = qbo.transactionsNumbered('OGUSTINE_2024-01-02');
    expect(sent?.payload.lines.map((l) => l.taxCodeRef)).toEqual(['30']);
  });
});
