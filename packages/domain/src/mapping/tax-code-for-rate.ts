import { equals } from '../shared/decimal.js';
import { vatRateKey, type VatRate } from '../documents/vat-rate.js';
import type { QboId, QboTaxCode } from '../qbo/company-profile.js';

/**
 * Orders QBO ids: numeric ids (QBO's usual form) by value, so `9` comes before `10`; any other id after
 * them, by text. Gives a stable choice whatever order QBO lists the codes in.
 */
export const compareQboIds = (a: QboId, b: QboId): number => {
  const numeric = /^\d+$/;
  const an = numeric.test(a);
  const bn = numeric.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * The QBO tax code to put on a line taxed at `rate`: an active code whose sales rates are exactly one
 * rate, equal to `rate` (a multi-rate code such as Québec's GST + QST would tax the line twice). When
 * several codes qualify, the one with the lowest id (numeric order, see `compareQboIds`) wins, so the
 * choice does not depend on the order QBO lists codes in, and the oldest code (QBO ids grow) is used.
 * @returns the code, or undefined if no active single-rate code has this rate
 */
export const taxCodeForRate = (taxCodes: readonly QboTaxCode[], rate: VatRate): QboTaxCode | undefined => {
  let best: QboTaxCode | undefined;
  for (const code of taxCodes) {
    if (!codeFitsRate(code, rate)) continue;
    if (best === undefined || compareQboIds(code.id, best.id) < 0) best = code;
  }
  return best;
};

/**
 * The account's choice of tax code per VAT rate (`vatRateKey` → QBO tax code id), a setting
 * pre-filled by `taxCodeForRate` and changeable per rate: a 0 % exempt service (services à la
 * personne) goes under the company's exempt code, not whichever 0 % code has the lowest id.
 */
export type TaxCodeChoices = Readonly<Record<string, QboId>>;

/** Whether a code can carry lines at `rate`: active, and its only sales rate is `rate`. */
export const codeFitsRate = (code: QboTaxCode, rate: VatRate): boolean => {
  const [only, ...others] = code.salesRates;
  return code.active && only !== undefined && others.length === 0 && equals(only.ratePercent, rate);
};

/**
 * The tax code for lines at `rate`: the one the account chose for this rate when it still fits the
 * rate in the company, else today's rule (`taxCodeForRate`).
 * @returns the code, or undefined if none fits
 */
export const chosenTaxCode = (taxCodes: readonly QboTaxCode[], rate: VatRate, choices: TaxCodeChoices = {}): QboTaxCode | undefined => {
  const chosen = choices[vatRateKey(rate)];
  const code = chosen === undefined ? undefined : taxCodes.find((c) => c.id === chosen);
  return code !== undefined && codeFitsRate(code, rate) ? code : taxCodeForRate(taxCodes, rate);
};
