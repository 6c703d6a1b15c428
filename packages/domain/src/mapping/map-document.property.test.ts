import { expect, test as example } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { DocumentLine, OgustineDocument } from '../documents/document.js';
import { vatRateKey } from '../documents/vat-rate.js';
import type { CompanyProfile } from '../qbo/company-profile.js';
import type { QboTransactionPayload } from '../qbo/transaction-payload.js';
import { decimal, multiply, normalize } from '../shared/decimal.js';
import { toCents } from '../shared/money.js';
import { companyProfileArb } from '../testing/arbitraries/company-profile.js';
import { documentArb } from '../testing/arbitraries/document.js';
import { ogustineLineTotal, ogustineTotals } from '../testing/builders/document.js';
import { qboTotalsOracle, type OracleTotals } from '../testing/oracles/qbo-totals-oracle.js';
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

/**
 * Lines QBO cannot carry as Qty × UnitPrice, so the mapping sends their total alone: no quantity, a
 * quantity or a unit price finer than QBO's 7 decimals, a total Ogustine printed that does not follow
 * round(qty × price) − discount (its own rounding, a hand edit).
 */
type Oddity = 'zero-quantity' | 'fine-quantity' | 'fine-price' | 'printed-total';
const oddityArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Oddity>('zero-quantity', 'fine-quantity', 'fine-price', 'printed-total'),
  digits: fc.integer({ min: 1, max: 999 }),
  delta: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
});

type OddityValue = typeof oddityArb extends fc.Arbitrary<infer T> ? T : never;

const withOddity = (line: DocumentLine, { kind, digits, delta }: OddityValue): DocumentLine => {
  if (kind === 'printed-total') return { ...line, total: ogustineLineTotal(line) + delta };
  const odd =
    kind === 'zero-quantity'
      ? { ...line, quantity: decimal(0) }
      : kind === 'fine-quantity'
        ? { ...line, quantity: decimal(line.quantity.units * 10n ** BigInt(8 - line.quantity.scale) + BigInt(digits), 8) }
        : { ...line, unitPrice: decimal(line.unitPrice.units * 10n ** 9n + BigInt(digits), 9 + line.unitPrice.scale) };
  return { ...odd, total: ogustineLineTotal(odd) };
};

const withOddLines = (doc: OgustineDocument, oddities: readonly OddityValue[]): OgustineDocument => {
  const lines = [...doc.lines];
  for (const oddity of oddities) {
    const i = oddity.at % lines.length;
    const line = lines[i];
    if (line !== undefined) lines[i] = withOddity(line, oddity);
  }
  return { ...doc, lines, totals: ogustineTotals(lines, doc.pricesIncludeTax) };
};

const anyDocumentArb = fc.oneof(
  documentArb({ pricesIncludeTax: false }),
  documentArb({ pricesIncludeTax: true }),
  documentArb({ minLines: 20, maxLines: 40 }),
  fc.tuple(documentArb(), fc.array(oddityArb, { minLength: 1, maxLength: 4 })).map(([doc, oddities]) => withOddLines(doc, oddities)),
);

/** QBO's figures for the mapped payload, from the independent oracle (never `computeQboTotals`). */
const qboFigures = (payload: QboTransactionPayload, profile: CompanyProfile, withTaxLines = true): OracleTotals => {
  const { taxLines: _supplied, ...bare } = payload;
  const result = qboTotalsOracle(withTaxLines ? payload : bare, profile.taxCodes, profile.country);
  if ('fault' in result) throw new Error(`QBO would refuse the payload: ${result.fault}`);
  return result.ok;
};

const mapped = (doc: OgustineDocument, profile: CompanyProfile): QboTransactionPayload => {
  const result = mapDocument(doc, profile, refsFor(doc));
  if (result.isErr()) throw new Error(`mapping failed: ${JSON.stringify(result.error)}`);
  return result.value;
};

test.prop([anyDocumentArb, profileArb])(
  'QBO’s TotalAmt for the payload (independent oracle of QBO’s per-line computation) equals the Ogustine gross total to the cent',
  (doc, profile) => {
    expect(qboFigures(mapped(doc, profile), profile).totalAmount).toBe(doc.totals.gross);
  },
);

test.prop([anyDocumentArb, profileArb])('QBO’s VAT per rate and net (independent oracle) equal Ogustine’s', (doc, profile) => {
  const qbo = qboFigures(mapped(doc, profile), profile);
  expect(qbo.netTotal).toBe(doc.totals.net);
  expect(qbo.totalTax).toBe(doc.totals.vat.reduce((s, v) => s + v.amount, 0));
  expect(qbo.rates.size).toBe(doc.totals.vat.length);
  for (const vat of doc.totals.vat) {
    const rateId = taxCodeForRate(profile.taxCodes, vat.rate)?.salesRates[0]?.id ?? '';
    const line = qbo.rates.get(rateId);
    expect({ rate: vatRateKey(vat.rate), base: line?.net, amount: line?.tax }).toEqual({
      rate: vatRateKey(vat.rate),
      base: vat.base,
      amount: vat.amount,
    });
  }
});

test.prop([anyDocumentArb, profileArb])(
  'the payload supplies tax lines exactly when QBO’s own per-line VAT differs from Ogustine’s for some rate',
  (doc, profile) => {
    const payload = mapped(doc, profile);
    const own = qboFigures(payload, profile, false);
    const differs = doc.totals.vat.some((v) => {
      const rateId = taxCodeForRate(profile.taxCodes, v.rate)?.salesRates[0]?.id ?? '';
      return own.rates.get(rateId)?.computedTax !== v.amount;
    });
    expect(payload.taxLines !== undefined).toBe(differs);
  },
);

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

example(
  'the generators reach the rare paths: lines sent without quantity (tax excluded and included), supplied tax lines, discount lines',
  () => {
    const seen = { withoutQtyExcluded: 0, withoutQtyIncluded: 0, suppliedTaxLines: 0, discountLines: 0 };
    for (const [doc, profile] of fc.sample(fc.tuple(anyDocumentArb, profileArb), { numRuns: 300, seed: 7 })) {
      const payload = mapped(doc, profile);
      const withoutQty = payload.lines.some((l) => l.kind === 'item' && l.qty === undefined);
      if (withoutQty && doc.pricesIncludeTax) seen.withoutQtyIncluded += 1;
      if (withoutQty && !doc.pricesIncludeTax) seen.withoutQtyExcluded += 1;
      if (payload.taxLines !== undefined) seen.suppliedTaxLines += 1;
      if (payload.lines.some((l) => l.kind === 'discount')) seen.discountLines += 1;
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThanOrEqual(15);
  },
);
