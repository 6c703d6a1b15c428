import type {
  CustomerSnapshot,
  DocumentLine,
  DocumentTotals,
  LineDiscount,
  OgustineDocument,
  ServiceRef,
  VatSubtotal,
} from '../../documents/document.js';
import { vatRateKey, type VatRate } from '../../documents/vat-rate.js';
import { compare, decimal, divideRoundHalfUp, multiply, type Decimal } from '../../shared/decimal.js';
import { toCents, type Cents } from '../../shared/money.js';

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** round½↑(quantity × unit price) in cents: the line before its discount, as Ogustine prints it. */
export const ogustineUndiscountedTotal = (quantity: Decimal, unitPrice: Decimal): Cents => toCents(multiply(quantity, unitPrice));

/** The discount of a line in cents: a fixed amount, or round½↑(undiscounted × percent / 100). */
export const ogustineLineDiscount = (undiscounted: Cents, discount: LineDiscount | undefined): Cents => {
  if (discount === undefined) return 0;
  if (discount.kind === 'amount') return discount.amount;
  return Number(divideRoundHalfUp(BigInt(undiscounted) * discount.percent.units, 100n * pow10(discount.percent.scale)));
};

/** Ogustine's line total: round½↑(qty × unit price) − discount, in cents. */
export const ogustineLineTotal = (line: Omit<DocumentLine, 'total'>): Cents => {
  const undiscounted = ogustineUndiscountedTotal(line.quantity, line.unitPrice);
  return undiscounted - ogustineLineDiscount(undiscounted, line.discount);
};

/**
 * Ogustine's VAT for one rate, computed on the per-rate total (not per line, unlike QBO):
 * excl. tax, base = Σ line totals and vat = round½↑(base × r / 100); incl. tax, vat = round½↑(gross × r / (100 + r))
 * and base = gross − vat.
 */
export const ogustineVatSubtotal = (rate: VatRate, lineTotals: Cents, pricesIncludeTax: boolean): VatSubtotal => {
  const hundred = 100n * pow10(rate.scale);
  if (!pricesIncludeTax) {
    return { rate, base: lineTotals, amount: Number(divideRoundHalfUp(BigInt(lineTotals) * rate.units, hundred)) };
  }
  const amount = Number(divideRoundHalfUp(BigInt(lineTotals) * rate.units, hundred + rate.units));
  return { rate, base: lineTotals - amount, amount };
};

/** Document totals from the lines' `total`s as they are: VAT per rate (ascending rates), net, gross. */
export const ogustineTotals = (lines: readonly DocumentLine[], pricesIncludeTax: boolean): DocumentTotals => {
  const byRate = new Map<string, { rate: VatRate; sum: Cents }>();
  for (const line of lines) {
    const key = vatRateKey(line.vatRate);
    const entry = byRate.get(key) ?? { rate: line.vatRate, sum: 0 };
    byRate.set(key, { rate: entry.rate, sum: entry.sum + line.total });
  }
  const vat = [...byRate.values()]
    .sort((a, b) => compare(a.rate, b.rate))
    .map(({ rate, sum }) => ogustineVatSubtotal(rate, sum, pricesIncludeTax));
  const net = vat.reduce((s, v) => s + v.base, 0);
  return { net, vat, gross: net + vat.reduce((s, v) => s + v.amount, 0) };
};

/** Recomputes every line total and the document totals the way Ogustine does (deterministic). */
export const withOgustineTotals = (doc: OgustineDocument): OgustineDocument => {
  const lines = doc.lines.map((line) => ({ ...line, total: ogustineLineTotal(line) }));
  return { ...doc, lines, totals: ogustineTotals(lines, doc.pricesIncludeTax) };
};

export const aCustomer = (overrides: Partial<CustomerSnapshot> = {}): CustomerSnapshot => ({
  id: 'C1042',
  kind: 'person',
  name: 'Jeanne Dupont',
  firstName: 'Jeanne',
  lastName: 'Dupont',
  email: 'jeanne.dupont@example.fr',
  phone: '+33 6 12 34 56 78',
  address: { lines: ['12 rue des Lilas'], postalCode: '69003', city: 'Lyon', country: 'FR' },
  ...overrides,
});

export const aService = (overrides: Partial<ServiceRef> = {}): ServiceRef => ({ id: 'S7', name: 'Ménage', ...overrides });

/** A line of 2 hours at 25.00 € and 20 % VAT; its `total` follows Ogustine's arithmetic unless overridden. */
export const aLine = (overrides: Partial<DocumentLine> = {}): DocumentLine => {
  const base: Omit<DocumentLine, 'total'> = {
    service: aService(),
    description: 'Ménage hebdomadaire',
    quantity: decimal(2),
    unitPrice: decimal(2500, 2),
    vatRate: decimal(20),
    ...overrides,
  };
  return { ...base, total: overrides.total ?? ogustineLineTotal(base) };
};

/**
 * A validated invoice, prices excluding tax, one line. Unless `totals` is overridden, the totals are
 * Ogustine's, computed from the lines' `total`s as given (a test may set a line total that breaks qty × price).
 */
export const aDocument = (overrides: Partial<OgustineDocument> = {}): OgustineDocument => {
  const doc: OgustineDocument = {
    id: 'D1',
    accountId: 'A1',
    kind: 'invoice',
    number: '2024-01-15',
    customer: aCustomer(),
    lines: [aLine()],
    totals: { net: 0, vat: [], gross: 0 },
    currency: 'EUR',
    pricesIncludeTax: false,
    createdAt: Date.UTC(2024, 0, 15, 9, 30),
    issuedOn: '2024-01-15',
    dueOn: '2024-02-14',
    validatedAt: Date.UTC(2024, 0, 15, 10, 0),
    ...overrides,
  };
  return overrides.totals === undefined ? { ...doc, totals: ogustineTotals(doc.lines, doc.pricesIncludeTax) } : doc;
};

/** A credit note correcting invoice `D1`, numbered `2024-01-16`. */
export const aCreditNote = (overrides: Partial<OgustineDocument> = {}): OgustineDocument =>
  aDocument({ id: 'D2', kind: 'credit_note', number: '2024-01-16', correctsInvoiceId: 'D1', ...overrides });
