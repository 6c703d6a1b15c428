import { describe, expect, it } from 'vitest';
import type { OgustineDocument } from '../documents/document.js';
import { computeQboTotals } from '../qbo/qbo-tax-model.js';
import type { QboItemLine } from '../qbo/transaction-payload.js';
import { decimal, parseDecimal, type Decimal } from '../shared/decimal.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aCreditNote, aDocument, aLine, aService } from '../testing/builders/document.js';
import { mapDocument, type MappingRefs } from './map-document.js';

const d = (text: string): Decimal => parseDecimal(text)._unsafeUnwrap();
const refsFor = (doc: OgustineDocument): MappingRefs => ({
  customer: '58',
  items: new Map(doc.lines.map((l) => [l.service.id, `I-${l.service.id}`])),
});
const fr = aCompanyProfile();
const gb = aCompanyProfile({ country: 'GB', multiCurrencyEnabled: true });
// aCompanyProfile's codes: ids 10..15 and rate ids 50..55 for 0, 2.1, 5.5, 8.5, 10, 20 %.

describe('mapDocument: examples', () => {
  it('a credit note names the invoice it corrects in its customer memo (« Avoir sur facture n° … »), in the company language; an invoice has none', () => {
    const note = aCreditNote();
    const refs = { ...refsFor(note), correctedInvoiceNumber: '2024-01-15' };
    expect(mapDocument(note, fr, refs)._unsafeUnwrap().customerMemo).toBe('Avoir sur facture n° 2024-01-15');
    expect(mapDocument(note, gb, refs)._unsafeUnwrap().customerMemo).toBe('Credit note for invoice no. 2024-01-15');
    expect(mapDocument(note, fr, refsFor(note))._unsafeUnwrap()).not.toHaveProperty('customerMemo');
    const invoice = aDocument();
    expect(mapDocument(invoice, fr, { ...refsFor(invoice), correctedInvoiceNumber: '2024-01-01' })._unsafeUnwrap()).not.toHaveProperty(
      'customerMemo',
    );
  });

  it('maps a simple French invoice, prices excluding tax', () => {
    const doc = aDocument();
    const payload = mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap();
    expect(payload).toEqual({
      type: 'Invoice',
      docNumber: 'OGUSTINE_2024-01-15',
      customerRef: '58',
      txnDate: '2024-01-15',
      dueDate: '2024-02-14',
      currency: 'EUR',
      globalTaxCalculation: 'TaxExcluded',
      lines: [
        {
          kind: 'item',
          itemRef: 'I-S7',
          taxCodeRef: '15',
          description: 'Ménage hebdomadaire',
          amount: 5000,
          qty: decimal(2),
          unitPrice: decimal(25),
        },
      ],
      privateNote: 'Facture Ogustine n° 2024-01-15 / Ogustine invoice no. 2024-01-15\nOgustine:D1',
    });
  });

  it('maps a credit note to a CreditMemo with positive amounts and a memo naming it', () => {
    const doc = aCreditNote({ memo: 'Geste commercial' });
    const payload = mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap();
    expect(payload).toMatchObject({ type: 'CreditMemo', docNumber: 'OGUSTINE_2024-01-16' });
    expect(payload.lines[0]?.amount).toBe(5000);
    expect(payload.privateNote).toBe('Avoir Ogustine n° 2024-01-16 / Ogustine credit note no. 2024-01-16\nGeste commercial\nOgustine:D2');
  });

  it('puts a discount in DiscountAmt in France and in a discount line of the same code elsewhere', () => {
    const doc = aDocument({ lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] });
    expect(mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap().lines).toEqual([
      expect.objectContaining({ kind: 'item', amount: 5000, discountAmount: 500, taxCodeRef: '15' }),
    ]);
    const lines = mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines;
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'item', amount: 5000, taxCodeRef: '15' }),
      { kind: 'discount', amount: 500, taxCodeRef: '15', description: 'Remise / Discount — Ménage hebdomadaire' },
    ]);
    expect(lines[0]).not.toHaveProperty('discountAmount');
  });

  it('supplies Ogustine’s VAT when QBO’s per-line rounding differs (31 lines at 1.59: 16.28 per line, 16.22 on the total)', () => {
    const lines = Array.from({ length: 31 }, (_, i) => aLine({ quantity: decimal(i < 2 ? 11 : 1), unitPrice: d('1.59') }));
    const doc = aDocument({ lines });
    expect(doc.totals).toMatchObject({ net: 8109, gross: 9731 });
    const payload = mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap();
    expect(payload.taxLines).toEqual([{ taxRateRef: '55', ratePercent: decimal(20), netAmountTaxable: 8109, amount: 1622 }]);
    const qbo = computeQboTotals(payload, gb.taxCodes)._unsafeUnwrap();
    expect(qbo.taxLines[0]).toMatchObject({ amount: 1622, computedAmount: 1628 });
    expect(qbo.totalAmount).toBe(9731);
  });

  it('sends no tax lines when QBO’s computation already gives Ogustine’s VAT', () => {
    const doc = aDocument({ lines: [aLine(), aLine({ vatRate: d('5.5'), unitPrice: d('12.34') })] });
    expect(mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap()).not.toHaveProperty('taxLines');
  });

  it('tax included: TaxInclusiveAmt is the gross, Amount the net, UnitPrice the net unit price to 7 decimals (AU example)', () => {
    const doc = aDocument({
      pricesIncludeTax: true,
      lines: [aLine({ quantity: decimal(450), unitPrice: decimal(1), vatRate: decimal(10) })],
    });
    const payload = mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap();
    expect(payload.globalTaxCalculation).toBe('TaxInclusive');
    expect(payload.lines[0]).toMatchObject({ amount: 40_909, taxInclusiveAmount: 45_000, qty: decimal(450), unitPrice: d('0.9090889') });
    expect(payload).not.toHaveProperty('taxLines');
  });

  it('tax included: omits Qty and UnitPrice when no 7-decimal unit price gives the net, and says them in the description', () => {
    const doc = aDocument({ pricesIncludeTax: true, lines: [aLine({ quantity: decimal(123_457), unitPrice: d('0.01') })] });
    const line = mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap().lines[0] as QboItemLine;
    expect(line).toMatchObject({ amount: 102_881, taxInclusiveAmount: 123_457 });
    expect(line.qty).toBeUndefined();
    expect(line.unitPrice).toBeUndefined();
    expect(line.description).toBe('Ménage hebdomadaire — 123457 × 0.01 EUR');
  });

  it('sends the line total alone when Ogustine’s figure does not follow round(qty × price) − discount', () => {
    const doc = aDocument({
      lines: [aLine({ quantity: d('1.5'), unitPrice: d('33.33'), total: 5000, discount: { kind: 'amount', amount: 1 } })],
    });
    const line = mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines;
    expect(line).toEqual([
      {
        kind: 'item',
        itemRef: 'I-S7',
        taxCodeRef: '15',
        amount: 5000,
        description: 'Ménage hebdomadaire — 1.5 × 33.33 EUR, remise / discount 0.01 EUR',
      },
    ]);
  });

  it('cuts descriptions and the memo to 4000 characters', () => {
    const doc = aDocument({ memo: 'x'.repeat(5000), lines: [aLine({ description: 'é'.repeat(4100) })] });
    const payload = mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap();
    expect(payload.privateNote).toHaveLength(4000);
    expect(payload.privateNote.endsWith('x\nOgustine:D1')).toBe(true);
    expect(payload.lines[0]?.description).toHaveLength(4000);
  });
});

describe('mapDocument: what a line and the notes say', () => {
  it('a fractional percent discount is applied exactly: 12.5 % of 50.00 is 6.25', () => {
    const doc = aDocument({ lines: [aLine({ discount: { kind: 'percent', percent: d('12.5') } })] });
    expect(mapDocument(doc, fr, refsFor(doc))._unsafeUnwrap().lines).toEqual([
      expect.objectContaining({ amount: 5000, discountAmount: 625, qty: decimal(2), unitPrice: decimal(25) }),
    ]);
  });

  it('a unit price of exactly 7 decimals is sent as such; the line keeps its own description', () => {
    const doc = aDocument({ lines: [aLine({ quantity: decimal(1000), unitPrice: d('0.0123457') })] });
    expect(mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines).toStrictEqual([
      {
        kind: 'item',
        itemRef: 'I-S7',
        taxCodeRef: '15',
        description: 'Ménage hebdomadaire',
        amount: 1235,
        qty: decimal(1000),
        unitPrice: d('0.0123457'),
      },
    ]);
  });

  it('tax included and priced: the description is the line’s own', () => {
    const doc = aDocument({
      pricesIncludeTax: true,
      lines: [aLine({ quantity: decimal(450), unitPrice: decimal(1), vatRate: decimal(10) })],
    });
    expect(mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines[0]?.description).toBe('Ménage hebdomadaire');
  });

  it('a line sent as its total alone: a blank description gives qty × price alone, an amount discount is said with its currency', () => {
    const doc = aDocument({
      lines: [
        aLine({ description: '   ', quantity: d('1.5'), unitPrice: d('33.33'), total: 4400, discount: { kind: 'amount', amount: 500 } }),
      ],
    });
    expect(mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines[0]?.description).toBe('1.5 × 33.33 EUR, remise / discount 5 EUR');
    const byPercent = aDocument({ lines: [aLine({ description: '', total: 4000, discount: { kind: 'percent', percent: d('12.5') } })] });
    expect(mapDocument(byPercent, gb, refsFor(byPercent))._unsafeUnwrap().lines[0]?.description).toBe(
      '2 × 25 EUR, remise / discount 12.5 %',
    );
  });

  it('outside France, the discount line of a line with no description reads « Remise / Discount — » with nothing after', () => {
    const doc = aDocument({ lines: [aLine({ description: '', discount: { kind: 'amount', amount: 100 } })] });
    expect(mapDocument(doc, gb, refsFor(doc))._unsafeUnwrap().lines[1]).toEqual({
      kind: 'discount',
      amount: 100,
      taxCodeRef: '15',
      description: 'Remise / Discount —',
    });
  });

  it('the private note: a blank memo adds no line, a memo is trimmed, and text cut before the marker ends with no space', () => {
    const blank = aDocument({ memo: '  \n ' });
    expect(mapDocument(blank, fr, refsFor(blank))._unsafeUnwrap().privateNote).toBe(
      'Facture Ogustine n° 2024-01-15 / Ogustine invoice no. 2024-01-15\nOgustine:D1',
    );
    const padded = aDocument({ memo: '  Merci  ' });
    expect(mapDocument(padded, fr, refsFor(padded))._unsafeUnwrap().privateNote).toBe(
      'Facture Ogustine n° 2024-01-15 / Ogustine invoice no. 2024-01-15\nMerci\nOgustine:D1',
    );
    // The cut falls on the spaces: they do not stand before the marker's line.
    const head = 'Facture Ogustine n° 2024-01-15 / Ogustine invoice no. 2024-01-15\n';
    const long = aDocument({ memo: `${'m'.repeat(4000 - head.length - '\nOgustine:D1'.length - 3)}${' '.repeat(20)}x` });
    expect(mapDocument(long, fr, refsFor(long))._unsafeUnwrap().privateNote.endsWith('m\nOgustine:D1')).toBe(true);
  });

  it('a document with no due day has no due date at all', () => {
    const { dueOn: _none, ...withoutDue } = aDocument();
    expect(Object.keys(mapDocument(withoutDue, fr, refsFor(withoutDue))._unsafeUnwrap())).not.toContain('dueDate');
  });
});

describe('mapDocument: errors', () => {
  it('reports every missing tax code and item, once each', () => {
    const doc = aDocument({
      lines: [
        aLine({ vatRate: d('8.5') }),
        aLine({ vatRate: d('8.5'), service: aService({ id: 'S9' }) }),
        aLine({ vatRate: d('2.1'), service: aService({ id: 'S9' }) }),
      ],
    });
    const profile = aCompanyProfile({ taxCodes: fr.taxCodes.filter((c) => c.id !== '12' && c.id !== '13' && c.id !== '11') });
    const errors = mapDocument(doc, profile, { customer: '58', items: new Map([['S7', 'I-S7']]) })._unsafeUnwrapErr();
    expect(errors).toEqual([
      { kind: 'mapping.tax-code-missing', rate: d('8.5') },
      { kind: 'mapping.item-ref-missing', serviceId: 'S9' },
      { kind: 'mapping.tax-code-missing', rate: d('2.1') },
    ]);
  });

  it('refuses a US company, a foreign currency without multicurrency, and a number QBO cannot hold, all at once', () => {
    const doc = aDocument({ number: '2024-01-15-0001' });
    const us = aCompanyProfile({ country: 'US', multiCurrencyEnabled: false });
    const kinds = mapDocument(doc, us, refsFor(doc))
      ._unsafeUnwrapErr()
      .map((e) => e.kind);
    expect(kinds).toEqual(['mapping.us-company', 'mapping.currency-not-enabled', 'mapping.number']);
  });

  it('refuses a discount when QBO’s discount preference is off, but not a 0 discount', () => {
    const discounted = aDocument({ lines: [aLine({ discount: { kind: 'amount', amount: 100 } })] });
    const off = aCompanyProfile({ discountsAllowed: false });
    expect(mapDocument(discounted, off, refsFor(discounted))._unsafeUnwrapErr()).toEqual([{ kind: 'mapping.discounts-not-allowed' }]);
    const zero = aDocument({ lines: [aLine({ discount: { kind: 'percent', percent: decimal(0) } })] });
    expect(mapDocument(zero, off, refsFor(zero)).isOk()).toBe(true);
    // Outside France a discount is a line of its own; one discounted line among others is enough.
    const offGb = aCompanyProfile({ country: 'GB', multiCurrencyEnabled: true, discountsAllowed: false });
    const oneOfTwo = aDocument({ lines: [aLine(), aLine({ discount: { kind: 'amount', amount: 100 } })] });
    expect(mapDocument(oneOfTwo, offGb, refsFor(oneOfTwo))._unsafeUnwrapErr()).toEqual([{ kind: 'mapping.discounts-not-allowed' }]);
    expect(mapDocument(oneOfTwo, off, refsFor(oneOfTwo))._unsafeUnwrapErr()).toEqual([{ kind: 'mapping.discounts-not-allowed' }]);
  });

  it('refuses to send a document whose Ogustine totals QBO cannot reproduce', () => {
    const doc = aDocument({ totals: { ...aDocument().totals, gross: 6001 } });
    expect(mapDocument(doc, fr, refsFor(doc))._unsafeUnwrapErr()).toEqual([
      { kind: 'mapping.total-mismatch', qboTotal: 6000, ogustineGross: 6001 },
    ]);
  });
});
