import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { vatRateKey, type VatRate, type VatRateKey } from '../documents/vat-rate.js';

/**
 * How many documents an unmet prerequisite names by id (`documentIds`): the check is stored with the
 * account's settings, read for every document decided, so it names the first ones and counts the rest
 * (its message gives the count). Whether a document is blocked is judged on its content.
 */
export const NAMED_DOCUMENTS = 50;

/** A document as a prerequisite's message and list name it. */
export interface NamedDocument {
  readonly id: DocumentId;
  readonly number: string;
}

/** Documents that share one need: how many, and the first `NAMED_DOCUMENTS` of them, in the order met. */
export interface NeedCount {
  readonly count: number;
  readonly first: readonly NamedDocument[];
}

/**
 * What documents need of a QuickBooks company, counted: a tax code per VAT rate, discounts, each
 * currency. It does not depend on the company, and two pages' needs merge into the needs of both
 * (`mergeNeeds`), so a history is checked a page at a time in bounded memory, whatever its size.
 */
export interface DocumentNeeds {
  /** Every rate a line uses, with the documents using it, in the order the rates were met. */
  readonly rates: ReadonlyMap<VatRateKey, { readonly rate: VatRate; readonly documents: NeedCount }>;
  /** Documents with a discount on a line. */
  readonly discounted: NeedCount;
  /** Every currency, with its documents, in the order met. */
  readonly currencies: ReadonlyMap<string, NeedCount>;
}

const NONE: NeedCount = { count: 0, first: [] };

const addTo = (need: NeedCount | undefined, more: NeedCount): NeedCount => {
  const base = need ?? NONE;
  return { count: base.count + more.count, first: [...base.first, ...more.first].slice(0, NAMED_DOCUMENTS) };
};

/** Whether a line of the document carries a discount: what the company's discount setting must allow. */
export const hasDiscount = (doc: OgustineDocument): boolean => doc.lines.some((l) => l.discount !== undefined);

const one = (doc: OgustineDocument): NeedCount => ({ count: 1, first: [{ id: doc.id, number: doc.number }] });

/** The needs of these documents. */
export const needsOf = (documents: readonly OgustineDocument[]): DocumentNeeds => {
  const rates = new Map<VatRateKey, { readonly rate: VatRate; readonly documents: NeedCount }>();
  const currencies = new Map<string, NeedCount>();
  let discounted = NONE;
  for (const doc of documents) {
    // Each rate once per document, however many of its lines use it, as its first line writes it.
    const used = new Map<VatRateKey, VatRate>();
    for (const line of doc.lines) {
      const key = vatRateKey(line.vatRate);
      if (!used.has(key)) used.set(key, line.vatRate);
    }
    for (const [key, rate] of used) {
      const known = rates.get(key);
      rates.set(key, { rate: known?.rate ?? rate, documents: addTo(known?.documents, one(doc)) });
    }
    if (hasDiscount(doc)) discounted = addTo(discounted, one(doc));
    currencies.set(doc.currency, addTo(currencies.get(doc.currency), one(doc)));
  }
  return { rates, discounted, currencies };
};

/** The needs of `a`'s documents then `b`'s (each need's first documents in that order). */
export const mergeNeeds = (a: DocumentNeeds, b: DocumentNeeds): DocumentNeeds => {
  const rates = new Map(a.rates);
  for (const [key, need] of b.rates) {
    const known = rates.get(key);
    rates.set(key, { rate: known?.rate ?? need.rate, documents: addTo(known?.documents, need.documents) });
  }
  const currencies = new Map(a.currencies);
  for (const [currency, need] of b.currencies) currencies.set(currency, addTo(currencies.get(currency), need));
  return { rates, discounted: addTo(a.discounted, b.discounted), currencies };
};

/** The needs of no document. */
export const NO_NEEDS: DocumentNeeds = { rates: new Map(), discounted: NONE, currencies: new Map() };
