import fc from 'fast-check';
import type { CompanyProfile, QboAccount, QboTaxCode } from '../../qbo/company-profile.js';
import { vatRateKey, type VatRate } from '../../documents/vat-rate.js';
import { decimal } from '../../shared/decimal.js';
import { taxCodeName, type ProfileCountry } from '../builders/company-profile.js';
import { OGUSTINE_VAT_RATES } from './document.js';

export interface CompanyProfileArbOptions {
  /** Default: any of FR, GB, CA, AU. */
  readonly countries?: readonly ProfileCountry[];
  /** Rates with no usable code (default none). */
  readonly withoutRates?: readonly VatRate[];
  readonly vatEnabled?: boolean;
  readonly customTransactionNumbers?: boolean;
  readonly discountsAllowed?: boolean;
  readonly multiCurrencyEnabled?: boolean;
  /** Whether to add codes that must never be chosen (inactive, multi-rate, other rates); default true. */
  readonly withNoise?: boolean;
}

const HOME_CURRENCY: Readonly<Record<ProfileCountry, string>> = { FR: 'EUR', GB: 'GBP', CA: 'CAD', AU: 'AUD' };

/** Distinct numeric-text ids, as QBO gives them. */
const distinctIdsArb = (count: number): fc.Arbitrary<string[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: count, maxLength: count }).map((ids) => ids.map(String));

/**
 * Codes that `taxCodeForRate` must never pick: an inactive code at an Ogustine rate, a two-rate code
 * (Québec's GST + QST), and an active code at a rate Ogustine does not use.
 */
const noiseCodes = (ids: readonly string[], rate: VatRate): QboTaxCode[] => [
  {
    id: ids[0] ?? 'n0',
    name: `Ancien ${vatRateKey(rate)} %`,
    active: false,
    salesRates: [{ id: ids[1] ?? 'n1', name: 'ancien', ratePercent: rate }],
  },
  {
    id: ids[2] ?? 'n2',
    name: 'GST/QST QC - 9,975',
    active: true,
    salesRates: [
      { id: ids[3] ?? 'n3', name: 'GST', ratePercent: decimal(5) },
      { id: ids[4] ?? 'n4', name: 'QST', ratePercent: decimal(9975, 3) },
    ],
  },
  { id: ids[5] ?? 'n5', name: 'Taux 7 %', active: true, salesRates: [{ id: ids[6] ?? 'n6', name: '7 %', ratePercent: decimal(7) }] },
];

/**
 * A non-US QBO company (FR, GB, CA or AU): VAT on, one active single-rate code per Ogustine rate
 * (less `withoutRates`) with country-like names and random ids, custom numbers and discounts on,
 * an active Income account (among other accounts); options give the variants.
 */
export const companyProfileArb = (options: CompanyProfileArbOptions = {}): fc.Arbitrary<CompanyProfile> => {
  const without = new Set((options.withoutRates ?? []).map(vatRateKey));
  const rates = OGUSTINE_VAT_RATES.filter((r) => !without.has(vatRateKey(r)));
  return fc
    .record({
      country: fc.constantFrom<ProfileCountry>(...(options.countries ?? ['FR', 'GB', 'CA', 'AU'])),
      ids: distinctIdsArb(2 * rates.length + 7 + 3),
      order: fc.shuffledSubarray([...rates.keys()], { minLength: rates.length, maxLength: rates.length }),
      noise: options.withNoise === false ? fc.constant(false) : fc.boolean(),
      noiseRate: fc.constantFrom(...OGUSTINE_VAT_RATES),
      multiCurrencyEnabled: options.multiCurrencyEnabled === undefined ? fc.boolean() : fc.constant(options.multiCurrencyEnabled),
      serviceSubType: fc.constantFrom('ServiceFeeIncome', 'SalesOfProductIncome', 'OtherPrimaryIncome'),
    })
    .map(({ country, ids, order, noise, noiseRate, multiCurrencyEnabled, serviceSubType }): CompanyProfile => {
      const id = (i: number): string => ids[i] ?? `x${i}`;
      const codes: QboTaxCode[] = order.map((rateIndex, i) => {
        const rate = rates[rateIndex] ?? decimal(0);
        const name = taxCodeName(country, rate);
        return { id: id(2 * i), name, active: true, salesRates: [{ id: id(2 * i + 1), name: `${name} ventes`, ratePercent: rate }] };
      });
      const base = 2 * rates.length;
      const accounts: QboAccount[] = [
        { id: id(base + 7), name: 'Ventes', accountType: 'Income', accountSubType: serviceSubType, active: true },
        { id: id(base + 8), name: 'Remises', accountType: 'Income', accountSubType: 'DiscountsRefundsGiven', active: true },
        { id: id(base + 9), name: 'Banque', accountType: 'Bank', active: true },
      ];
      return {
        realmId: `9130${id(0)}`,
        companyName: 'Société de test',
        country,
        homeCurrency: HOME_CURRENCY[country],
        multiCurrencyEnabled,
        vatEnabled: options.vatEnabled ?? true,
        customTransactionNumbers: options.customTransactionNumbers ?? true,
        discountsAllowed: options.discountsAllowed ?? true,
        taxCodes: noise ? [...codes, ...noiseCodes(ids.slice(base, base + 7), noiseRate)] : codes,
        accounts,
      };
    });
};
