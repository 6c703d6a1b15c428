import type { QboTaxCode } from '../../qbo/company-profile.js';
import type { QboTransactionPayload } from '../../qbo/transaction-payload.js';

/**
 * An independent oracle of what QBO computes for a global (non-US) transaction, written from
 * docs/qbo-computation-model.md in integer arithmetic (bigint cents and exact rate fractions), without
 * any of the domain's decimal helpers or `computeQboTotals`: property tests compare the domain's figures
 * with it, so a property never passes by re-running the code it checks.
 */

/** Per rate: Σ line nets carrying it and Σ per-line taxes (or the supplied figures), in cents. */
export interface OracleRateFigures {
  readonly net: number;
  readonly tax: number;
  readonly computedTax: number;
}

export interface OracleTotals {
  /** Keyed by TaxRateRef, in the order the lines first use the rates. */
  readonly rates: ReadonlyMap<string, OracleRateFigures>;
  readonly totalTax: number;
  readonly totalAmount: number;
  readonly netTotal: number;
}

export type OracleFault = 'unknown-tax-code' | 'amount-mismatch' | 'rate-not-on-used-code' | 'rate-listed-twice';

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** n / d rounded half away from zero, for d > 0. */
export const roundedDivision = (n: bigint, d: bigint): bigint => {
  const magnitude = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
};

/** A rate in percent as an exact fraction `numerator / denominator`. */
interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const rateFraction = (rate: { readonly units: bigint; readonly scale: number }): Fraction => ({
  numerator: rate.units,
  denominator: pow10(rate.scale),
});

const sumFractions = (fractions: readonly Fraction[]): Fraction =>
  fractions.reduce(
    (s, f) => ({ numerator: s.numerator * f.denominator + f.numerator * s.denominator, denominator: s.denominator * f.denominator }),
    { numerator: 0n, denominator: 1n },
  );

/** round(cents × r / 100). */
const taxOn = (cents: bigint, rate: Fraction): bigint => roundedDivision(cents * rate.numerator, 100n * rate.denominator);

/**
 * QBO's figures for `payload` (steps 1–11 of docs/qbo-computation-model.md), or the fault QBO would
 * return. `country` FR ignores discount lines.
 */
export const qboTotalsOracle = (
  payload: QboTransactionPayload,
  taxCodes: readonly QboTaxCode[],
  country?: string,
): { readonly ok: OracleTotals } | { readonly fault: OracleFault } => {
  const inclusive = payload.globalTaxCalculation === 'TaxInclusive';
  const net = new Map<string, bigint>();
  const tax = new Map<string, bigint>();
  let netTotal = 0n;
  let grossTotal = 0n;

  for (const line of payload.lines) {
    const code = taxCodes.find((c) => c.id === line.taxCodeRef);
    if (code === undefined) return { fault: 'unknown-tax-code' };
    const rates = code.salesRates.map((r) => ({ id: r.id, fraction: rateFraction(r.ratePercent) }));
    const sum = sumFractions(rates.map((r) => r.fraction));
    // (100 + Σr) / 100 as one fraction: the factor from net to gross.
    const factor = { numerator: 100n * sum.denominator + sum.numerator, denominator: 100n * sum.denominator };

    let base: bigint;
    if (line.kind === 'item') {
      if (line.qty !== undefined && line.unitPrice !== undefined) {
        const expected = roundedDivision(line.qty.units * line.unitPrice.units * 100n, pow10(line.qty.scale + line.unitPrice.scale));
        if (expected !== BigInt(line.amount)) return { fault: 'amount-mismatch' };
      }
      const gross =
        line.taxInclusiveAmount === undefined
          ? roundedDivision(BigInt(line.amount) * factor.numerator, factor.denominator)
          : BigInt(line.taxInclusiveAmount);
      base = (inclusive ? gross : BigInt(line.amount)) - BigInt(line.discountAmount ?? 0);
    } else {
      if (country === 'FR') continue;
      base = -BigInt(line.amount);
    }

    let lineNet: bigint;
    const lineTaxes: bigint[] = [];
    if (!inclusive) {
      lineNet = base;
      for (const r of rates) lineTaxes.push(taxOn(base, r.fraction));
      grossTotal += base + lineTaxes.reduce((s, t) => s + t, 0n);
    } else {
      lineNet = roundedDivision(base * factor.denominator, factor.numerator);
      let left = base - lineNet;
      rates.forEach((r, i) => {
        const t = i === rates.length - 1 ? left : taxOn(lineNet, r.fraction);
        lineTaxes.push(t);
        left -= t;
      });
      grossTotal += base;
    }
    netTotal += lineNet;
    rates.forEach((r, i) => {
      net.set(r.id, (net.get(r.id) ?? 0n) + lineNet);
      tax.set(r.id, (tax.get(r.id) ?? 0n) + (lineTaxes[i] ?? 0n));
    });
  }

  const supplied = new Map<string, { net: number; amount: number }>();
  for (const t of payload.taxLines ?? []) {
    if (!net.has(t.taxRateRef)) return { fault: 'rate-not-on-used-code' };
    if (supplied.has(t.taxRateRef)) return { fault: 'rate-listed-twice' };
    supplied.set(t.taxRateRef, { net: t.netAmountTaxable, amount: t.amount });
  }

  const rates = new Map<string, OracleRateFigures>();
  let totalTax = 0;
  for (const [id, n] of net) {
    const computedTax = Number(tax.get(id) ?? 0n);
    const given = supplied.get(id);
    const figures = { net: given?.net ?? Number(n), tax: given?.amount ?? computedTax, computedTax };
    rates.set(id, figures);
    totalTax += figures.tax;
  }
  const totalAmount = inclusive ? Number(grossTotal) : Number(netTotal) + totalTax;
  return { ok: { rates, totalTax, totalAmount, netTotal: inclusive ? totalAmount - totalTax : Number(netTotal) } };
};
