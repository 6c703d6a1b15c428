// The totals of a global (non-US) sales transaction, as docs/qbo-computation-model.md describes QBO's:
// per line and per rate, rounded per line, tax excluded or included, line and transaction discounts,
// caller-supplied tax lines. Rule numbers below are the model's.
import type { Dec } from './exact-decimal.js';
import { divRound, grossOfNet, mulRound, netOfGross, percentOf, sumDec } from './exact-decimal.js';

export interface EngineRate {
  readonly rateId: string;
  readonly percent: Dec;
}

export type EngineLine =
  | {
      readonly kind: 'item';
      readonly amount?: Dec;
      readonly qty?: Dec;
      readonly unitPrice?: Dec;
      readonly taxInclusiveAmt?: Dec;
      readonly discountAmt?: Dec;
      readonly discountRate?: Dec;
      /** The rates of the line's tax code; empty when untaxed (no code, or VAT not set up). */
      readonly rates: readonly EngineRate[];
    }
  | { readonly kind: 'discount'; readonly amount?: Dec; readonly percent?: Dec; readonly rates: readonly EngineRate[] }
  | { readonly kind: 'subtotal' }
  | { readonly kind: 'ignored' };

export type TaxMode = 'TaxExcluded' | 'TaxInclusive' | 'NotApplicable';

export interface EngineInput {
  readonly mode: TaxMode;
  readonly lines: readonly EngineLine[];
  /** TxnTaxDetail.TaxLine of the request: amounts to keep for their rates (rule 9). */
  readonly suppliedTaxLines?: readonly { readonly rateId: string; readonly amount?: Dec; readonly netAmountTaxable?: Dec }[];
  readonly inclusiveOverrideKeepsGross: boolean;
}

export interface LineResult {
  /** The line `Amount` of the response: item lines the net (or gross-derived net) before discount; discount lines the discount. */
  readonly amount: Dec;
  readonly unitPrice?: Dec;
  readonly taxInclusiveAmt?: Dec;
  readonly net: Dec;
  readonly gross: Dec;
  readonly discount: Dec;
}

export interface TaxLineResult {
  readonly rateId: string;
  readonly percent: Dec;
  readonly amount: Dec;
  readonly netAmountTaxable: Dec;
  readonly overrideDelta?: Dec;
}

export interface EngineResult {
  readonly lines: readonly (LineResult | undefined)[];
  readonly taxLines: readonly TaxLineResult[];
  readonly subTotal: Dec;
  readonly totalNet: Dec;
  readonly totalTax: Dec;
  readonly totalAmt: Dec;
}

export type EngineError =
  | { readonly kind: 'amount-mismatch'; readonly lineIndex: number; readonly supplied: Dec; readonly expected: Dec }
  | { readonly kind: 'tax-line-rate-not-on-lines'; readonly rateId: string }
  | { readonly kind: 'tax-line-rate-repeated'; readonly rateId: string };

export type EngineOutcome = { readonly ok: true; readonly value: EngineResult } | { readonly ok: false; readonly error: EngineError };

interface Taxed {
  readonly net: Dec;
  readonly gross: Dec;
  readonly taxes: readonly Dec[];
}

/** Rules 3 and 5 (excluded): tax per rate on the net, each rounded. */
const taxExcluded = (net: Dec, rates: readonly EngineRate[]): Taxed => {
  const taxes = rates.map((r) => percentOf(net, r.percent));
  return { net, gross: net + sumDec(taxes), taxes };
};

/** Rules 4 and 5 (included): net from the gross; one rate takes the remainder, several: all but the last rounded. */
const taxIncluded = (gross: Dec, rates: readonly EngineRate[]): Taxed => {
  const net = netOfGross(gross, sumDec(rates.map((r) => r.percent)));
  const taxes = rates.map((r) => percentOf(net, r.percent));
  if (taxes.length > 0) taxes[taxes.length - 1] = gross - net - sumDec(taxes.slice(0, -1));
  return { net, gross, taxes };
};

/**
 * Computes a transaction's lines, tax lines and totals.
 * @returns ok(result) with amounts rounded as QBO rounds them
 * @returns err('amount-mismatch') if an item line's Amount ≠ round(UnitPrice × Qty) (QBO's 6070)
 * @returns err('tax-line-rate-not-on-lines' | 'tax-line-rate-repeated') if a supplied TaxLine names a rate no line
 *   carries, or twice (rule 8)
 */
export const computeTotals = (input: EngineInput): EngineOutcome => {
  const { mode } = input;
  const sumRates = (rates: readonly EngineRate[]): Dec => sumDec(rates.map((r) => r.percent));
  const tax = (base: Dec, rates: readonly EngineRate[]): Taxed =>
    mode === 'NotApplicable'
      ? { net: base, gross: base, taxes: rates.map(() => 0n) }
      : mode === 'TaxInclusive'
        ? taxIncluded(base, rates)
        : taxExcluded(base, rates);
  const perRate = new Map<string, { percent: Dec; amount: Dec; net: Dec }>();
  const results: (LineResult | undefined)[] = [];
  let segmentBase = 0n;
  const book = (taxed: Taxed, rates: readonly EngineRate[]): void => {
    rates.forEach((r, i) => {
      const entry = perRate.get(r.rateId) ?? { percent: r.percent, amount: 0n, net: 0n };
      perRate.set(r.rateId, { percent: r.percent, amount: entry.amount + (taxed.taxes[i] ?? 0n), net: entry.net + taxed.net });
    });
  };
  for (const [index, line] of input.lines.entries()) {
    if (line.kind === 'ignored') {
      results.push(undefined);
      continue;
    }
    if (line.kind === 'subtotal') {
      segmentBase = 0n;
      results.push(undefined);
      continue;
    }
    if (line.kind === 'item') {
      let amount = line.amount;
      if (line.qty !== undefined && line.unitPrice !== undefined) {
        const expected = mulRound(line.unitPrice, line.qty, 2);
        if (amount !== undefined && amount !== expected)
          return { ok: false, error: { kind: 'amount-mismatch', lineIndex: index, supplied: amount, expected } };
        amount ??= expected;
      }
      amount ??= 0n;
      const inclusive = mode === 'TaxInclusive';
      const before = inclusive ? (line.taxInclusiveAmt ?? grossOfNet(amount, sumRates(line.rates))) : amount;
      const discount = line.discountRate !== undefined ? percentOf(before, line.discountRate) : (line.discountAmt ?? 0n);
      const taxed = tax(before - discount, line.rates);
      book(taxed, line.rates);
      segmentBase += before - discount;
      const responseAmount = inclusive ? netOfGross(before, sumRates(line.rates)) : amount;
      const unitPrice = inclusive && line.qty !== undefined && line.qty !== 0n ? divRound(responseAmount, line.qty, 7) : line.unitPrice;
      results.push({
        amount: responseAmount,
        net: taxed.net,
        gross: taxed.gross,
        discount,
        ...(unitPrice === undefined ? {} : { unitPrice }),
        ...(inclusive ? { taxInclusiveAmt: before } : {}),
      });
      continue;
    }
    const discount = line.percent !== undefined ? percentOf(segmentBase, line.percent) : (line.amount ?? 0n);
    const taxed = tax(-discount, line.rates);
    book(taxed, line.rates);
    results.push({ amount: discount, net: taxed.net, gross: taxed.gross, discount });
  }
  const supplied = input.suppliedTaxLines ?? [];
  const seen = new Set<string>();
  for (const s of supplied) {
    if (!perRate.has(s.rateId)) return { ok: false, error: { kind: 'tax-line-rate-not-on-lines', rateId: s.rateId } };
    if (seen.has(s.rateId)) return { ok: false, error: { kind: 'tax-line-rate-repeated', rateId: s.rateId } };
    seen.add(s.rateId);
  }
  const taxLines: TaxLineResult[] = [...perRate.entries()].map(([rateId, e]) => {
    const given = supplied.find((s) => s.rateId === rateId);
    const override = given?.amount;
    // Model rule 9: an overridden rate keeps the caller's NetAmountTaxable too, so its net and tax
    // stay the pair the caller stated (they sum to TotalAmt, rule 10).
    return override === undefined
      ? { rateId, percent: e.percent, amount: e.amount, netAmountTaxable: e.net }
      : {
          rateId,
          percent: e.percent,
          amount: override,
          netAmountTaxable: given?.netAmountTaxable ?? e.net,
          overrideDelta: override - e.amount,
        };
  });
  const lineResults = results.filter((r): r is LineResult => r !== undefined);
  const sumNets = sumDec(lineResults.map((r) => r.net));
  const sumGross = sumDec(lineResults.map((r) => r.gross));
  const totalTax = sumDec(taxLines.map((t) => t.amount));
  const overridden = taxLines.some((t) => t.overrideDelta !== undefined);
  const keepGross = mode === 'TaxInclusive' && (!overridden || input.inclusiveOverrideKeepsGross);
  const totalAmt = keepGross ? sumGross : sumNets + totalTax;
  const subTotal = sumDec(input.lines.flatMap((l, i) => (l.kind === 'item' ? [results[i]?.amount ?? 0n] : [])));
  return { ok: true, value: { lines: results, taxLines, subTotal, totalNet: totalAmt - totalTax, totalTax, totalAmt } };
};
