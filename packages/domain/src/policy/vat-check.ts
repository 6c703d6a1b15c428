import type { OgustineDocument } from '../documents/document.js';
import { vatRateKey, type VatRate } from '../documents/vat-rate.js';
import { divideRoundHalfUp } from '../shared/decimal.js';
import type { Cents } from '../shared/money.js';

/** A rate whose stated VAT is not what its base and rate give. */
export interface VatDiscrepancy {
  readonly rate: VatRate;
  readonly base: Cents;
  readonly stated: Cents;
  /** round½↑(base × rate / 100). */
  readonly computed: Cents;
  /** How far rounding line by line may move the VAT from `computed`. */
  readonly tolerance: Cents;
}

/**
 * How far a document's VAT for a rate may be from round(base × rate) and still be honest rounding:
 * each of the `lines` at that rate may have been rounded on its own (at most half a cent each), and
 * the result rounded once more (half a cent); prices including tax move it by at most a tenth of a
 * cent more per rounding, which the whole cent covers. So ⌈(lines + 1) / 2⌉ cents.
 */
export const vatTolerance = (lines: number): Cents => Math.ceil((Math.max(lines, 1) + 1) / 2);

/**
 * The rates whose VAT the document states differently from what its base and rate give, beyond the
 * rounding of its lines (`vatTolerance`). Such a document is refused with these numbers, never sent:
 * QBO would book a VAT nobody can trust.
 * @returns the discrepancies, in the document's rate order; empty when its VAT can be trusted
 */
export const vatDiscrepancies = (doc: OgustineDocument): readonly VatDiscrepancy[] =>
  doc.totals.vat.flatMap((v) => {
    const computed = Number(divideRoundHalfUp(BigInt(v.base) * v.rate.units, 100n * 10n ** BigInt(v.rate.scale)));
    const lines = doc.lines.filter((l) => vatRateKey(l.vatRate) === vatRateKey(v.rate)).length;
    const tolerance = vatTolerance(lines);
    return Math.abs(v.amount - computed) > tolerance ? [{ rate: v.rate, base: v.base, stated: v.amount, computed, tolerance }] : [];
  });
