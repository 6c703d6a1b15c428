import { err, ok, type Result } from 'neverthrow';
import type { DocumentLine, OgustineDocument, ServiceId } from '../documents/document.js';
import { docNumberFor } from '../documents/numbering.js';
import { vatRateKey, type VatRate } from '../documents/vat-rate.js';
import type { CompanyProfile, QboId, QboTaxCode } from '../qbo/company-profile.js';
import { computeQboTotals } from '../qbo/qbo-tax-model.js';
import type { QboItemLine, QboLine, QboTaxLine, QboTransactionPayload } from '../qbo/transaction-payload.js';
import { add, decimal, divide, divideRoundHalfUp, multiply, normalize, toText, type Decimal } from '../shared/decimal.js';
import { centsToDecimal, toCents, type Cents, type CurrencyCode } from '../shared/money.js';
import type { MappingError } from './mapping-error.js';
import { chosenTaxCode, type TaxCodeChoices } from './tax-code-for-rate.js';
import { ownershipMarker } from '../sync/ownership-proof.js';
import { cutToLength } from './text-limits.js';
import { creditNoteMemo, customerLanguageOf } from '../wording/credit-note.js';

const optionalMemo = (memo: string | undefined): { readonly customerMemo?: string } => (memo === undefined ? {} : { customerMemo: memo });

/** QBO ids of what the document refers to, created or found before the document is mapped. */
export interface MappingRefs {
  readonly customer: QboId;
  readonly items: ReadonlyMap<ServiceId, QboId>;
  /** The account's tax code per rate (a setting); rates it does not name follow `taxCodeForRate`. */
  readonly taxCodeChoices?: TaxCodeChoices;
  /** For a credit note: Ogustine's number of the invoice it corrects, when the module has that invoice. */
  readonly correctedInvoiceNumber?: string;
}

const TEXT_MAX = 4000;
/** QBO's `CustomerMemo` limit (QBO-API.md §5). */
const CUSTOMER_MEMO_MAX = 1000;
/** QBO keeps `Qty` and `UnitPrice` to 7 decimals. */
const QBO_PRICE_SCALE = 7;
const HUNDRED = decimal(100);

/** round½↑(qty × unit price), in cents: Ogustine's line before its discount. */
const undiscountedTotal = (line: DocumentLine): Cents => toCents(multiply(line.quantity, line.unitPrice));

/** Ogustine's discount on a line: a fixed amount, or round½↑(undiscounted × percent / 100). */
const discountOf = (line: DocumentLine, undiscounted: Cents): Cents => {
  if (line.discount === undefined) return 0;
  if (line.discount.kind === 'amount') return line.discount.amount;
  const { units, scale } = line.discount.percent;
  return Number(divideRoundHalfUp(BigInt(undiscounted) * units, 100n * 10n ** BigInt(scale)));
};

/** round(gross / (1 + r/100)): the net QBO derives from a tax-inclusive amount. */
const netOfGross = (gross: Cents, rate: VatRate): Cents =>
  Number(divide(multiply(centsToDecimal(gross), HUNDRED), add(HUNDRED, rate), 2).units);

const fitsQbo = (d: Decimal): boolean => normalize(d).scale <= QBO_PRICE_SCALE;

const isZeroQty = (line: DocumentLine): boolean => line.quantity.units === 0n;

/** `2.5 × 25.1 EUR`, and the discount, for a description whose line carries no Qty / UnitPrice. */
const quantityText = (line: DocumentLine, currency: CurrencyCode): string => {
  const base = `${toText(line.quantity)} × ${toText(line.unitPrice)} ${currency}`;
  if (line.discount === undefined) return base;
  const discount =
    line.discount.kind === 'percent' ? `${toText(line.discount.percent)} %` : `${toText(centsToDecimal(line.discount.amount))} ${currency}`;
  return `${base}, remise / discount ${discount}`;
};

interface LineContext {
  readonly itemRef: QboId;
  readonly taxCodeRef: QboId;
  readonly inclusive: boolean;
  readonly france: boolean;
  readonly currency: CurrencyCode;
}

/**
 * One Ogustine line as QBO lines: the item line, then, outside France, a discount line of the same tax
 * code when the line has a discount. The line's net (tax excluded) or gross (tax included) after
 * discount equals Ogustine's line total.
 */
const mapLine = (line: DocumentLine, ctx: LineContext): QboLine[] => {
  const undiscounted = undiscountedTotal(line);
  const discount = undiscounted - line.total;
  // Ogustine's figure is the reference. When it does not follow round(qty × price) − discount (a
  // rounding of its own, a hand-edited total), QBO could not reproduce it from Qty × UnitPrice (6070 or
  // a wrong total), so the line goes as its total alone and the description keeps qty × price for the reader.
  const follows = discount >= 0 && discount === discountOf(line, undiscounted) && fitsQbo(line.quantity) && !isZeroQty(line);
  const description = (extra: string): string => {
    if (extra === '') return cutToLength(line.description, TEXT_MAX);
    const text = cutToLength(line.description.trim(), TEXT_MAX - extra.length - 3);
    return text === '' ? extra : `${text} — ${extra}`;
  };
  const common = { kind: 'item' as const, itemRef: ctx.itemRef, taxCodeRef: ctx.taxCodeRef };

  if (!follows) {
    const asTotal: QboItemLine = ctx.inclusive
      ? {
          ...common,
          description: description(quantityText(line, ctx.currency)),
          amount: netOfGross(line.total, line.vatRate),
          taxInclusiveAmount: line.total,
        }
      : { ...common, description: description(quantityText(line, ctx.currency)), amount: line.total };
    return [asTotal];
  }

  let item: QboItemLine;
  if (ctx.inclusive) {
    const amount = netOfGross(undiscounted, line.vatRate);
    const unitPrice = normalize(divide(centsToDecimal(amount), line.quantity, QBO_PRICE_SCALE));
    // QBO checks Amount = round(UnitPrice × Qty) on the net: a 7-decimal net unit price does not always get there.
    const priced = toCents(multiply(unitPrice, line.quantity)) === amount;
    item = {
      ...common,
      description: description(priced ? '' : quantityText(line, ctx.currency)),
      amount,
      ...(priced ? { qty: normalize(line.quantity), unitPrice } : {}),
      taxInclusiveAmount: undiscounted,
    };
  } else {
    const priced = fitsQbo(line.unitPrice);
    item = {
      ...common,
      description: description(priced ? '' : quantityText(line, ctx.currency)),
      amount: undiscounted,
      ...(priced ? { qty: normalize(line.quantity), unitPrice: normalize(line.unitPrice) } : {}),
    };
  }
  if (discount === 0) return [item];
  if (ctx.france) return [{ ...item, discountAmount: discount }];
  return [
    item,
    {
      kind: 'discount',
      amount: discount,
      taxCodeRef: ctx.taxCodeRef,
      description: cutToLength(`Remise / Discount — ${line.description}`, TEXT_MAX).trimEnd(),
    },
  ];
};

/**
 * The private note: what the document is, its memo, and last, on a line of its own, the marker
 * (`Ogustine:<documentId>`) that proves this module created the transaction for this document
 * (`proveOwnership`); the text before it is cut so the marker always fits.
 */
const privateNoteFor = (doc: OgustineDocument): string => {
  const what =
    doc.kind === 'invoice'
      ? `Facture Ogustine n° ${doc.number} / Ogustine invoice no. ${doc.number}`
      : `Avoir Ogustine n° ${doc.number} / Ogustine credit note no. ${doc.number}`;
  const note = doc.memo === undefined || doc.memo.trim() === '' ? what : `${what}\n${doc.memo.trim()}`;
  const marker = ownershipMarker(doc.id);
  // A cut ends with no space (`cutToLength`); uncut, neither part ends with one.
  return `${cutToLength(note, TEXT_MAX - marker.length - 1)}\n${marker}`;
};

/** A credit note's customer memo names the invoice it corrects, in the company's language. */
const customerMemoFor = (doc: OgustineDocument, profile: CompanyProfile, refs: MappingRefs): string | undefined =>
  doc.kind === 'credit_note' && refs.correctedInvoiceNumber !== undefined
    ? cutToLength(creditNoteMemo(refs.correctedInvoiceNumber)[customerLanguageOf(profile.country)], CUSTOMER_MEMO_MAX)
    : undefined;

/**
 * Turns a validated Ogustine document into the QBO Invoice (invoice) or CreditMemo (credit note) to
 * post, so that QBO's figures equal Ogustine's to the cent: each line's net (tax excluded) or gross
 * (tax included) is Ogustine's line total, and when QBO's per-line tax would differ from Ogustine's
 * per-rate VAT the payload supplies Ogustine's VAT per rate. The result is checked with QBO's model.
 * @returns ok(payload) whose QBO total equals Ogustine's gross
 * @returns err(errors) with every problem found: 'mapping.us-company', 'mapping.currency-not-enabled',
 *   'mapping.number', 'mapping.tax-code-missing' (per rate), 'mapping.item-ref-missing' (per service),
 *   'mapping.discounts-not-allowed'; or, for a bug, 'mapping.qbo-model' or 'mapping.total-mismatch'
 */
export const mapDocument = (
  doc: OgustineDocument,
  profile: CompanyProfile,
  refs: MappingRefs,
): Result<QboTransactionPayload, readonly MappingError[]> => {
  const errors: MappingError[] = [];
  if (profile.country === 'US') errors.push({ kind: 'mapping.us-company' });
  if (doc.currency !== profile.homeCurrency && !profile.multiCurrencyEnabled) {
    errors.push({ kind: 'mapping.currency-not-enabled', currency: doc.currency, homeCurrency: profile.homeCurrency });
  }
  const docNumber = docNumberFor(doc.number);
  if (docNumber.isErr()) errors.push({ kind: 'mapping.number', cause: docNumber.error });

  const codes = new Map<string, QboTaxCode>();
  const reported = new Set<string>();
  for (const line of doc.lines) {
    const key = vatRateKey(line.vatRate);
    const code = chosenTaxCode(profile.taxCodes, line.vatRate, refs.taxCodeChoices);
    if (code !== undefined) codes.set(key, code);
    else if (!reported.has(`rate:${key}`)) {
      reported.add(`rate:${key}`);
      errors.push({ kind: 'mapping.tax-code-missing', rate: line.vatRate });
    }
    if (!refs.items.has(line.service.id) && !reported.has(`service:${line.service.id}`)) {
      reported.add(`service:${line.service.id}`);
      errors.push({ kind: 'mapping.item-ref-missing', serviceId: line.service.id });
    }
  }
  if (errors.length > 0 || docNumber.isErr()) return err(errors);

  const inclusive = doc.pricesIncludeTax;
  const lines = doc.lines.flatMap((line) =>
    mapLine(line, {
      itemRef: refs.items.get(line.service.id) ?? '',
      taxCodeRef: codes.get(vatRateKey(line.vatRate))?.id ?? '',
      inclusive,
      france: profile.country === 'FR',
      currency: doc.currency,
    }),
  );
  if (!profile.discountsAllowed && lines.some((l) => l.kind === 'discount' || (l.discountAmount ?? 0) !== 0)) {
    return err([{ kind: 'mapping.discounts-not-allowed' }]);
  }

  const draft: QboTransactionPayload = {
    type: doc.kind === 'invoice' ? 'Invoice' : 'CreditMemo',
    docNumber: docNumber.value,
    customerRef: refs.customer,
    txnDate: doc.issuedOn,
    ...(doc.dueOn === undefined ? {} : { dueDate: doc.dueOn }),
    currency: doc.currency,
    globalTaxCalculation: inclusive ? 'TaxInclusive' : 'TaxExcluded',
    lines,
    privateNote: privateNoteFor(doc),
    ...optionalMemo(customerMemoFor(doc, profile, refs)),
  };
  const options = { country: profile.country };
  const computed = computeQboTotals(draft, profile.taxCodes, options);
  if (computed.isErr()) return err([{ kind: 'mapping.qbo-model', cause: computed.error }]);

  // QBO taxes each line and sums; Ogustine taxes each rate's total. Where they differ by a cent, the
  // payload states Ogustine's figures for every rate, so the QBO document matches the printed one.
  const ogustineVat = new Map(doc.totals.vat.map((v) => [vatRateKey(v.rate), v]));
  const taxLines: QboTaxLine[] = [];
  let differs = false;
  for (const [key, code] of codes) {
    const rate = code.salesRates[0];
    if (rate === undefined) continue;
    const qbo = computed.value.taxLines.find((t) => t.taxRateRef === rate.id);
    const ours = ogustineVat.get(key);
    if (qbo?.computedAmount !== (ours?.amount ?? 0)) differs = true;
    taxLines.push({ taxRateRef: rate.id, ratePercent: rate.ratePercent, netAmountTaxable: ours?.base ?? 0, amount: ours?.amount ?? 0 });
  }
  const payload = differs ? { ...draft, taxLines } : draft;
  const final = differs ? computeQboTotals(payload, profile.taxCodes, options) : computed;
  if (final.isErr()) return err([{ kind: 'mapping.qbo-model', cause: final.error }]);
  if (final.value.totalAmount !== doc.totals.gross) {
    return err([{ kind: 'mapping.total-mismatch', qboTotal: final.value.totalAmount, ogustineGross: doc.totals.gross }]);
  }
  return ok(payload);
};
