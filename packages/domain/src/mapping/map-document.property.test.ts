import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { OgustineDocument } from '../documents/document.js';
import { vatRateKey } from '../documents/vat-rate.js';
import type { CompanyProfile } from '../qbo/company-profile.js';
import { computeQboTotals } from '../qbo/qbo-tax-model.js';
import type { QboTransactionPayload } from '../qbo/transaction-payload.js';
import { multiply, normalize } from '../shared/decimal.js';
import { toCents } from '../shared/money.js';
import { companyProfileArb } from '../testing/arbitraries/company-profile.js';
import { documentArb } from '../testing/arbitraries/document.js';
import { mapDocument, type MappingRefs } from './map-document.js';
import { taxCodeForRate } from './tax-code-for-rate.js';

/** 5000 runs of a whole document mapping take seconds on a loaded machine. */

const refsFor = (doc: OgustineDocument): MappingRefs => ({
  customer: '1',
  items: new Map(doc.lines.map((l, i) => [l.service.id, `${100 + i}`])),
});

/** FR and GB companies (CA and AU too), with multicurrency on so that a EUR document is accepted. */
const profileArb = fc.oneof(
  companyProfileArb({ countries: ['FR'], multiCurrencyEnabled: false }),
  companyProfileArb({ countries: ['GB'], multiCurrencyEnabled: true }),
  companyProfileArb({ countries: ['CA', 'AU'], multiCurrencyEnabled: true }),
);

const anyDocumentArb = fc.oneof(
  documentArb({ pricesIncludeTax: false }),
  documentArb({ pricesIncludeTax: true }),
  documentArb({ minLines: 20, maxLines: 40 }),
);

const mapped = (doc: OgustineDocument, profile: CompanyProfile): QboTransactionPayload => {
  const result = mapDocument(doc, profile, refsFor(doc));
  if (result.isErr()) throw new Error(`mapping failed: ${JSON.stringify(result.error)}`);
  return result.value;
};

test.prop([anyDocumentArb, profileArb])(
  'the QBO total computed from the payload equals the Ogustine gross total to the cent',
  (doc, profile) => {
    const payload = mapped(doc, profile);
    const qbo = computeQboTotals(payload, profile.taxCodes, { country: profile.country })._unsafeUnwrap();
    expect(qbo.totalAmount).toBe(doc.totals.gross);
  },
);

test.prop([anyDocumentArb, profileArb])('QBO’s VAT per rate and net equal Ogustine’s', (doc, profile) => {
  const payload = mapped(doc, profile);
  const qbo = computeQboTotals(payload, profile.taxCodes, { country: profile.country })._unsafeUnwrap();
  expect(qbo.netTotal).toBe(doc.totals.net);
  expect(qbo.totalTax).toBe(doc.totals.vat.reduce((s, v) => s + v.amount, 0));
  expect(qbo.taxLines).toHaveLength(doc.totals.vat.length);
  for (const vat of doc.totals.vat) {
    const rateId = taxCodeForRate(profile.taxCodes, vat.rate)?.salesRates[0]?.id;
    const line = qbo.taxLines.find((t) => t.taxRateRef === rateId);
    expect({ rate: vatRateKey(vat.rate), base: line?.netAmountTaxable, amount: line?.amount }).toEqual({
      rate: vatRateKey(vat.rate),
      base: vat.base,
      amount: vat.amount,
    });
  }
});

test.prop([anyDocumentArb, profileArb])(
  'the payload never carries an item line whose Amount breaks UnitPrice × Qty (6070)',
  (doc, profile) => {
    for (const line of mapped(doc, profile).lines) {
      if (line.kind !== 'item' || line.qty === undefined || line.unitPrice === undefined) continue;
      expect(toCents(multiply(line.unitPrice, line.qty))).toBe(line.amount);
      expect(normalize(line.unitPrice).scale).toBeLessThanOrEqual(7);
      expect(normalize(line.qty).scale).toBeLessThanOrEqual(7);
    }
  },
);

test.prop([anyDocumentArb, profileArb])(
  'each Ogustine line becomes lines whose net (tax excluded) or gross (tax included) is its total, with its rate’s code',
  (doc, profile) => {
    const payload = mapped(doc, profile);
    const france = profile.country === 'FR';
    // Lines come in document order: an item line, then (outside France) its discount line.
    let i = 0;
    for (const line of doc.lines) {
      const item = payload.lines[i];
      i += 1;
      if (item?.kind !== 'item') throw new Error('expected an item line');
      const next = payload.lines[i];
      const discountLine = !france && next?.kind === 'discount' ? next.amount : 0;
      if (discountLine !== 0) i += 1;
      const base = doc.pricesIncludeTax ? (item.taxInclusiveAmount ?? -1) : item.amount;
      expect(base - (item.discountAmount ?? 0) - discountLine).toBe(line.total);
      expect(item.taxCodeRef).toBe(taxCodeForRate(profile.taxCodes, line.vatRate)?.id);
      if (france) expect(payload.lines.every((l) => l.kind === 'item')).toBe(true);
    }
    expect(i).toBe(payload.lines.length);
  },
);

test.prop([anyDocumentArb, profileArb])('texts stay within QBO limits: descriptions and memo ≤ 4000, DocNumber ≤ 21', (doc, profile) => {
  const payload = mapped(doc, profile);
  expect(payload.privateNote.length).toBeLessThanOrEqual(4000);
  expect(payload.privateNote).toContain(doc.number);
  expect(payload.docNumber.length).toBeLessThanOrEqual(21);
  for (const line of payload.lines) expect(line.description.length).toBeLessThanOrEqual(4000);
});
