// Ogustine's arithmetic, in integer cents: a line is round½↑(quantity × unit price) minus its
// discount; VAT is computed once per rate on the rate's total, not per line.
import type { WireDiscount, WireLine, WireVat } from './wire-document.js';

/** A rate in tenths of a percent (55 is 5.5 %), so every French rate is an integer. */
export type RatePermille = number;

/** round½↑(numerator / denominator) for non-negative integers. */
const divideRoundHalfUp = (numerator: bigint, denominator: bigint): number => Number((2n * numerator + denominator) / (2n * denominator));

export const rateText = (rate: RatePermille): string => (rate % 10 === 0 ? String(rate / 10) : `${Math.trunc(rate / 10)}.${rate % 10}`);

/** Hundredths of a unit as decimal text without trailing zeros: 250 is `"2.5"`. */
export const quantityText = (hundredths: number): string => {
  const units = Math.trunc(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(units);
  return `${units}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
};

/** Cents as a price with two decimals: 2490 is `"24.90"`. */
export const priceText = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export interface LineAmounts {
  readonly quantityHundredths: number;
  readonly unitPriceCents: number;
  readonly discount?: WireDiscount;
}

/** The undiscounted line, then its discount: round½↑(q × p), round½↑(that × percent / 100) or the fixed amount. */
export const lineTotalCents = ({ quantityHundredths, unitPriceCents, discount }: LineAmounts): number => {
  const undiscounted = divideRoundHalfUp(BigInt(quantityHundredths) * BigInt(unitPriceCents), 100n);
  if (discount === undefined) return undiscounted;
  if ('amountCents' in discount) return undiscounted - discount.amountCents;
  const [units = '0', decimals = ''] = discount.percent.split('.');
  const scale = 10n ** BigInt(decimals.length);
  const percent = BigInt(units) * scale + BigInt(decimals === '' ? 0 : Number(decimals));
  return undiscounted - divideRoundHalfUp(BigInt(undiscounted) * percent, 100n * scale);
};

const rateOf = (text: string): RatePermille => Math.round(Number(text) * 10);

/**
 * The totals of a document from its lines' totals: per rate (ascending), excluding tax
 * vat = round½↑(base × r), including tax vat = round½↑(gross × r / (1 + r)) and base = gross − vat.
 */
export const documentTotals = (
  lines: readonly WireLine[],
  pricesIncludeTax: boolean,
): { netCents: number; grossCents: number; vat: WireVat[] } => {
  const byRate = new Map<RatePermille, number>();
  for (const line of lines) byRate.set(rateOf(line.vatRate), (byRate.get(rateOf(line.vatRate)) ?? 0) + line.totalCents);
  const vat = [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rate, sum]): WireVat => {
      if (!pricesIncludeTax)
        return { rate: rateText(rate), baseCents: sum, amountCents: divideRoundHalfUp(BigInt(sum) * BigInt(rate), 1000n) };
      const amount = divideRoundHalfUp(BigInt(sum) * BigInt(rate), 1000n + BigInt(rate));
      return { rate: rateText(rate), baseCents: sum - amount, amountCents: amount };
    });
  const netCents = vat.reduce((s, v) => s + v.baseCents, 0);
  return { netCents, grossCents: netCents + vat.reduce((s, v) => s + v.amountCents, 0), vat };
};
