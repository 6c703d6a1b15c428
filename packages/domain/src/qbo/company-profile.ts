import type { Decimal } from '../shared/decimal.js';
import type { CurrencyCode } from '../shared/money.js';

/** QBO's identifier of an entity (customer, item, tax code, transaction…), always a string. */
export type QboId = string;
/** A QBO company. */
export type RealmId = string;

export interface QboTaxRate {
  readonly id: QboId;
  readonly name: string;
  /** In percent, as QBO's `RateValue` (`5.5` means 5.5 %). */
  readonly ratePercent: Decimal;
}

export interface QboTaxCode {
  readonly id: QboId;
  readonly name: string;
  readonly active: boolean;
  /** `SalesTaxRateList`: the rates this code applies on sales. */
  readonly salesRates: readonly QboTaxRate[];
}

export interface QboAccount {
  readonly id: QboId;
  readonly name: string;
  /** QBO's `AccountType`, e.g. `Income`. */
  readonly accountType: string;
  readonly accountSubType?: string;
  readonly active: boolean;
}

/** What the module needs to know of a connected QBO company, read from CompanyInfo, Preferences, TaxCode, TaxRate and Account. */
export interface CompanyProfile {
  readonly realmId: RealmId;
  readonly companyName: string;
  /** CompanyInfo.Country as an ISO 3166-1 alpha-2 code: `FR`, `GB`, `CA`, `AU`, `US`… */
  readonly country: string;
  readonly homeCurrency: CurrencyCode;
  readonly multiCurrencyEnabled: boolean;
  /** Preferences.TaxPrefs.UsingSalesTax: VAT has been set up in QBO. */
  readonly vatEnabled: boolean;
  /** Preferences.SalesFormsPrefs.CustomTxnNumbers. */
  readonly customTransactionNumbers: boolean;
  /** Preferences.SalesFormsPrefs.AllowDiscount. */
  readonly discountsAllowed: boolean;
  readonly taxCodes: readonly QboTaxCode[];
  readonly accounts: readonly QboAccount[];
}
