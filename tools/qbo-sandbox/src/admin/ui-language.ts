// The settings page speaks one language at a time, French by default and English on request (?lang=en), each with its
// own number format: « 1 234,56 € » and « 5,5 % » in French, "€1,234.56" and "5.5%" in English.

export type Lang = 'fr' | 'en';

/** @returns 'en' when the query asks for it, else 'fr' */
export const langOf = (query: string | undefined): Lang => (query === 'en' ? 'en' : 'fr');

const locales: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB' };

/** A money amount in the language's format, with the currency (ISO 4217). */
export const formatMoney = (lang: Lang, amount: number, currency: string): string => {
  try {
    return new Intl.NumberFormat(locales[lang], { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locales[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
};

/** A rate in percent (20 → « 20 % » / "20%", 5.5 → « 5,5 % » / "5.5%"). */
export const formatRate = (lang: Lang, percent: number): string =>
  `${new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 4 }).format(percent)}${lang === 'fr' ? '\u202f%' : '%'}`;

/** The text in the page's language. */
export const say = (lang: Lang, fr: string, en: string): string => (lang === 'fr' ? fr : en);
