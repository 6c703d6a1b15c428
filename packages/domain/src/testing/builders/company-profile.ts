import type { CompanyProfile, QboAccount, QboTaxCode } from '../../qbo/company-profile.js';
import { vatRateKey, type VatRate } from '../../documents/vat-rate.js';
import { decimal } from '../../shared/decimal.js';

export type ProfileCountry = 'FR' | 'GB' | 'CA' | 'AU';

/** The six rates Ogustine uses, in ascending order. */
const SIX_RATES: readonly VatRate[] = [decimal(0), decimal(21, 1), decimal(55, 1), decimal(85, 1), decimal(10), decimal(20)];

/** A tax code name as the country's QBO edition shows it: `TVA 20 %`, `20.0% S`, `GST 10%`. */
export const taxCodeName = (country: ProfileCountry, rate: VatRate): string => {
  const key = vatRateKey(rate);
  switch (country) {
    case 'FR':
      return `TVA ${key.replace('.', ',')} %`;
    case 'GB':
      return key === '0' ? 'Zero-rated' : `${rate.scale === 0 ? `${key}.0` : key}% S`;
    case 'CA':
      return `GST ${key}%`;
    case 'AU':
      return key === '0' ? 'GST Free' : `GST ${key}%`;
  }
};

const isProfileCountry = (country: string): country is ProfileCountry => ['FR', 'GB', 'CA', 'AU'].includes(country);

const HOME_CURRENCY: Readonly<Record<ProfileCountry, string>> = { FR: 'EUR', GB: 'GBP', CA: 'CAD', AU: 'AUD' };

/**
 * One active code per rate with one sales rate each; code ids `10`, `11`… and rate ids `50`, `51`… in
 * ascending rate order.
 */
export const taxCodesFor = (country: ProfileCountry, rates: readonly VatRate[] = SIX_RATES): QboTaxCode[] =>
  rates.map((rate, i) => {
    const name = taxCodeName(country, rate);
    return { id: String(10 + i), name, active: true, salesRates: [{ id: String(50 + i), name: `${name} (ventes)`, ratePercent: rate }] };
  });

export const anIncomeAccount = (overrides: Partial<QboAccount> = {}): QboAccount => ({
  id: '79',
  name: 'Services',
  accountType: 'Income',
  accountSubType: 'ServiceFeeIncome',
  active: true,
  ...overrides,
});

/**
 * A French QBO company ready for the sync: VAT on with a code per Ogustine rate, custom transaction
 * numbers and discounts on, an income account. `country` alone also sets the codes' names and the home
 * currency (any other country, e.g. `US`, gets UK-style codes and USD), unless those are overridden too.
 */
export const aCompanyProfile = (overrides: Partial<CompanyProfile> = {}): CompanyProfile => {
  const country = overrides.country ?? 'FR';
  const known = isProfileCountry(country) ? country : 'GB';
  return {
    realmId: '9130350000000001',
    companyName: 'Ménage Services SARL',
    country,
    homeCurrency: isProfileCountry(country) ? HOME_CURRENCY[country] : 'USD',
    multiCurrencyEnabled: country !== 'FR',
    vatEnabled: true,
    customTransactionNumbers: true,
    discountsAllowed: true,
    taxCodes: taxCodesFor(known),
    accounts: [
      anIncomeAccount(),
      { id: '80', name: 'Remises accordées', accountType: 'Income', accountSubType: 'DiscountsRefundsGiven', active: true },
    ],
    ...overrides,
  };
};
