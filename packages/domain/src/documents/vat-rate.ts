import { normalize, toText, type Decimal } from '../shared/decimal.js';

/** A VAT rate in percent, exact (`5.5` means 5.5 %). */
export type VatRate = Decimal;

/** A stable key for a rate, equal for equal rates (`"5.5"`, `"20"`): use it for maps and grouping. */
export type VatRateKey = string;

export const vatRateKey = (rate: VatRate): VatRateKey => toText(normalize(rate));

/** `5.5` → `"5,5 %"` (French) / `"5.5%"` (English), for messages. */
export const formatVatRate = (rate: VatRate): { fr: string; en: string } => {
  const text = vatRateKey(rate);
  return { fr: `${text.replace('.', ',')} %`, en: `${text}%` };
};
