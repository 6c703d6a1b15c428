import { parseDocument } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../src/documents/wire-document.js';
import { SeededHistory } from '../src/history/seeded-history.js';
import { accountSpec, DEFAULT_ACCOUNTS } from '../src/seed/account-spec.js';

const big = accountSpec({ accountId: 'BIG', documents: 10_000 });
const documentsOf = (history: SeededHistory): WireDocument[] => Array.from({ length: history.count }, (_, n) => history.document(n));

describe('the seeded history', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = new SeededHistory(7, big);
    const b = new SeededHistory(7, big);
    const c = new SeededHistory(8, big);
    for (const n of [0, 1, 4_321, 9_999]) expect(a.document(n)).toEqual(b.document(n));
    expect([0, 1, 2].map((n) => c.document(n))).not.toEqual([0, 1, 2].map((n) => a.document(n)));
  });

  it('validates documents in index order, each after its creation, over the whole history', () => {
    const history = new SeededHistory(7, big);
    let previous = -1;
    const outOfOrder: number[] = [];
    for (let n = 0; n < history.count; n++) {
      const { createdAt, validatedAt } = history.moments(n);
      if (!(createdAt > previous && validatedAt > createdAt)) outOfOrder.push(n);
      previous = validatedAt;
    }
    expect(outOfOrder).toEqual([]);
    expect(new Date(history.moments(0).createdAt).toISOString().slice(0, 10)).toBe('2023-01-02');
    expect(new Date(history.moments(9_999).createdAt).toISOString().slice(0, 10)).toBe('2026-10-30');
  });

  it('finds a seeded document by id and nothing else', () => {
    const history = new SeededHistory(7, big);
    expect(history.indexOf('BIG-000001')).toBe(0);
    expect(history.indexOf('BIG-010000')).toBe(9_999);
    for (const id of ['BIG-010001', 'BIG-000000', 'BIG-1', 'A1-000001', 'xBIG-000001']) expect(history.indexOf(id)).toBeUndefined();
  });

  it.each(DEFAULT_ACCOUNTS.map((a) => [a.accountId, a] as const))(
    'every document of %s is one the module reads (docs/document-message.md)',
    (_id, spec) => {
      for (const doc of documentsOf(new SeededHistory(7, spec))) {
        const parsed = parseDocument(doc);
        expect(parsed.isOk() ? [] : parsed.error, doc.id).toEqual([]);
      }
    },
  );

  it('has the home-services mix: five services, four VAT rates, discounts, credit notes tied to earlier invoices of the same client, several years', () => {
    const docs = DEFAULT_ACCOUNTS.flatMap((spec) => documentsOf(new SeededHistory(7, spec)));
    const services = new Set(docs.flatMap((d) => d.lines.map((l) => l.service.name)));
    for (const name of ['Ménage', "Garde d'enfants", 'Jardinage', 'Soutien scolaire', 'Aide aux seniors']) expect(services).toContain(name);
    expect(new Set(docs.flatMap((d) => d.lines.map((l) => l.vatRate)))).toEqual(new Set(['20', '10', '5.5', '0']));
    expect(docs.some((d) => d.lines.some((l) => l.discount !== undefined && 'percent' in l.discount))).toBe(true);
    expect(docs.some((d) => d.lines.some((l) => l.discount !== undefined && 'amountCents' in l.discount))).toBe(true);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const credits = docs.filter((d) => d.kind === 'credit_note');
    expect(credits.length).toBeGreaterThan(10);
    for (const credit of credits) {
      const invoice = byId.get(credit.correctsInvoiceId ?? '');
      expect(invoice?.kind).toBe('invoice');
      expect(invoice?.customer).toEqual(credit.customer);
      expect(invoice!.validatedAt < credit.validatedAt).toBe(true);
      expect(credit.totals.grossCents).toBeLessThanOrEqual(invoice!.totals.grossCents);
    }
    expect(new Set(docs.map((d) => d.issuedOn.slice(0, 4))).size).toBeGreaterThanOrEqual(4);
    expect(docs.some((d) => d.pricesIncludeTax)).toBe(true);
  });

  it('has homonyms (two « Marie Martin » who are different clients) and accented names', () => {
    const docs = documentsOf(new SeededHistory(7, DEFAULT_ACCOUNTS[0]!));
    const martins = new Set(docs.filter((d) => d.customer.name === 'Marie Martin').map((d) => d.customer.id));
    expect(martins.size).toBe(2);
    expect(docs.some((d) => /[éèëïœü]/.test(d.customer.name))).toBe(true);
    expect(docs.some((d) => d.customer.kind === 'company')).toBe(true);
  });
});
