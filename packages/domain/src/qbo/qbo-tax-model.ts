import { err, ok, type Result } from 'neverthrow';
import { add, decimal, divide, multiply, type Decimal } from '../shared/decimal.js';
import { centsToDecimal, toCents, type Cents } from '../shared/money.js';
import type { QboId, QboTaxCode, QboTaxRate } from './company-profile.js';
import type { QboTaxLine, QboTransactionPayload } from './transaction-payload.js';

/** One `TxnTaxDetail.TaxLine` as QBO would return it. */
export interface QboComputedTaxLine {
  readonly taxRateRef: QboId;
  readonly ratePercent: Decimal;
  /** Σ nets of the lines carrying this rate (the supplied figure when the payload supplies this rate). */
  readonly netAmountTaxable: Cents;
  /** The tax QBO keeps: the supplied amount when the payload supplies this rate, else `computedAmount`. */
  readonly amount: Cents;
  /** Σ of QBO's per-line rounded tax at this rate. */
  readonly computedAmount: Cents;
}

/** What QBO would compute for a transaction (docs/qbo-computation-model.md), in cents. */
export interface QboComputedTotals {
  /** One per rate used, in the order the lines first use them. */
  readonly taxLines: readonly QboComputedTaxLine[];
  readonly totalTax: Cents;
  /** `TotalAmt`. */
  readonly totalAmount: Cents;
  /** Σ nets; with tax included and supplied tax lines, `TotalAmt − TotalTax`. */
  readonly netTotal: Cents;
}

export type QboModelError =
  | { readonly kind: 'qbo-model.unknown-tax-code'; readonly lineIndex: number; readonly taxCodeRef: QboId }
  | { readonly kind: 'qbo-model.rate-not-on-used-code'; readonly taxRateRef: QboId }
  | { readonly kind: 'qbo-model.rate-listed-twice'; readonly taxRateRef: QboId }
  /** QBO's fault 6070: `Amount` ≠ round(`UnitPrice` × `Qty`). */
  | { readonly kind: 'qbo-model.amount-mismatch'; readonly lineIndex: number; readonly amount: Cents; readonly expected: Cents };

export interface QboModelOptions {
  /** CompanyInfo.Country: France ignores discount lines (QBO saves them with amount 0). Default: applied. */
  readonly country?: string;
}

const HUNDRED = decimal(100);

const sumRates = (rates: readonly QboTaxRate[]): Decimal => rates.reduce((s, r) => add(s, r.ratePercent), decimal(0));

/** round(amount × (1 + Σr/100)): the gross QBO derives when a tax-inclusive line has no `TaxInclusiveAmt`. */
const grossOf = (amount: Cents, rates: readonly QboTaxRate[]): Cents =>
  Number(divide(multiply(centsToDecimal(amount), add(HUNDRED, sumRates(rates))), HUNDRED, 2).units);

/** round(net × r / 100), half away from zero on the magnitude. */
const taxOn = (net: Cents, rate: Decimal): Cents => Number(divide(multiply(centsToDecimal(net), rate), HUNDRED, 2).units);

interface LineFigures {
  readonly net: Cents;
  readonly taxes: readonly { readonly rate: QboTaxRate; readonly tax: Cents }[];
}

/**
 * The figures of one line: `base` is the net (tax excluded) or the gross (tax included), after the
 * line's discount. Tax included: net = round(gross / (1 + Σr/100)); with one rate the tax is the
 * remainder; with several, each rate but the last is round(net × r / 100) and the last takes what is left.
 */
const lineFigures = (base: Cents, rates: readonly QboTaxRate[], inclusive: boolean): LineFigures => {
  if (!inclusive) {
    const taxes = rates.map((rate) => ({ rate, tax: taxOn(base, rate.ratePercent) }));
    return { net: base, taxes };
  }
  const net = Number(divide(multiply(centsToDecimal(base), HUNDRED), add(HUNDRED, sumRates(rates)), 2).units);
  let left = base - net;
  const taxes = rates.map((rate, i) => {
    const tax = i === rates.length - 1 ? left : taxOn(net, rate.ratePercent);
    left -= tax;
    return { rate, tax };
  });
  return { net, taxes };
};

/**
 * Computes QBO's tax lines and totals for an Invoice or CreditMemo of a global (non-US) company, per
 * docs/qbo-computation-model.md: tax per line and per rate, rounded half away from zero, summed per
 * rate; supplied tax lines kept for their rates. Used by the mapping to prove a payload's totals before
 * sending it. `discountAmount` is applied wherever present (the mapping sets it for France only).
 * @returns ok(totals) when QBO would accept the lines
 * @returns err('qbo-model.unknown-tax-code') if a line's code is not among `taxCodes`
 * @returns err('qbo-model.amount-mismatch') if an item line's `Amount` ≠ round(`UnitPrice` × `Qty`) (fault 6070)
 * @returns err('qbo-model.rate-not-on-used-code') if a supplied tax line's rate is on no code the lines use (fault 6000)
 * @returns err('qbo-model.rate-listed-twice') if a supplied rate is listed twice (fault 6000)
 */
export const computeQboTotals = (
  payload: QboTransactionPayload,
  taxCodes: readonly QboTaxCode[],
  options: QboModelOptions = {},
): Result<QboComputedTotals, QboModelError> => {
  const codes = new Map(taxCodes.map((c) => [c.id, c]));
  const inclusive = payload.globalTaxCalculation === 'TaxInclusive';
  const perRate = new Map<QboId, { rate: QboTaxRate; net: Cents; tax: Cents }>();
  let netTotal = 0;
  let grossTotal = 0;

  for (const [lineIndex, line] of payload.lines.entries()) {
    const code = codes.get(line.taxCodeRef);
    if (code === undefined) return err({ kind: 'qbo-model.unknown-tax-code', lineIndex, taxCodeRef: line.taxCodeRef });
    let base: Cents;
    if (line.kind === 'item') {
      if (line.qty !== undefined && line.unitPrice !== undefined) {
        const expected = toCents(multiply(line.unitPrice, line.qty));
        if (expected !== line.amount) return err({ kind: 'qbo-model.amount-mismatch', lineIndex, amount: line.amount, expected });
      }
      const before = inclusive ? (line.taxInclusiveAmount ?? grossOf(line.amount, code.salesRates)) : line.amount;
      base = before - (line.discountAmount ?? 0);
    } else {
      if (options.country === 'FR') continue;
      base = -line.amount;
    }
    const figures = lineFigures(base, code.salesRates, inclusive);
    netTotal += figures.net;
    // Only read with tax included, where a line's base is its gross.
    grossTotal += base;
    for (const { rate, tax } of figures.taxes) {
      const entry = perRate.get(rate.id) ?? { rate, net: 0, tax: 0 };
      perRate.set(rate.id, { rate: entry.rate, net: entry.net + figures.net, tax: entry.tax + tax });
    }
  }

  const supplied = new Map<QboId, QboTaxLine>();
  for (const line of payload.taxLines ?? []) {
    if (!perRate.has(line.taxRateRef)) return err({ kind: 'qbo-model.rate-not-on-used-code', taxRateRef: line.taxRateRef });
    if (supplied.has(line.taxRateRef)) return err({ kind: 'qbo-model.rate-listed-twice', taxRateRef: line.taxRateRef });
    supplied.set(line.taxRateRef, line);
  }

  const taxLines: QboComputedTaxLine[] = [...perRate.values()].map(({ rate, net, tax }) => {
    const given = supplied.get(rate.id);
    return {
      taxRateRef: rate.id,
      ratePercent: rate.ratePercent,
      netAmountTaxable: given?.netAmountTaxable ?? net,
      amount: given?.amount ?? tax,
      computedAmount: tax,
    };
  });
  const totalTax = taxLines.reduce((s, t) => s + t.amount, 0);
  // Tax included, QBO keeps the prices the customer sees: a supplied tax moves the net, not the total.
  const totalAmount = inclusive ? grossTotal : netTotal + totalTax;
  return ok({ taxLines, totalTax, totalAmount, netTotal: inclusive ? totalAmount - totalTax : netTotal });
};
