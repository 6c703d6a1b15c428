// What a person sets in a QBO company's Account and Settings, reduced to what the sandbox honours.

export interface TaxRateSpec {
  name: string;
  ratePercent: number;
  /** Sales (default) or Purchase: the list of the tax code the rate goes in. */
  applicableOn?: 'Sales' | 'Purchase';
}
export interface TaxCodeSpec {
  name: string;
  rates: TaxRateSpec[];
  active?: boolean;
}

export interface CompanySettings {
  companyName: string;
  /** ISO alpha-2: 'FR' | 'GB' | 'CA' | 'AU' | 'US' | … */
  country: string;
  homeCurrency: string;
  multiCurrencyEnabled: boolean;
  /** Preferences.TaxPrefs.UsingSalesTax */
  vatEnabled: boolean;
  /** Ignored for tax computation when vatEnabled is false. */
  taxCodes: TaxCodeSpec[];
  /** Preferences.SalesFormsPrefs.CustomTxnNumbers */
  customTxnNumbers: boolean;
  /** Preferences.SalesFormsPrefs.AllowDiscount */
  allowDiscount: boolean;
  /** A duplicate DocNumber gives 6140 when true. */
  warnDuplicateDocNum: boolean;
  /** UNCONFIRMED choice of docs/qbo-computation-model.md rule 10: with supplied tax lines on a TaxInclusive
   * transaction, TotalAmt stays the sum of the grosses (true) or becomes the sum of nets plus the supplied tax (false). */
  inclusiveOverrideKeepsGross: boolean;
  /** UNCONFIRMED (QBO-API.md §5 Item): whether a Service item needs an ExpenseAccountRef outside France. */
  serviceItemRequiresExpenseAccount: boolean;
  /** UNCONFIRMED (QBO-API.md §1): whether `POST /creditmemo?operation=void` works (true) or answers Unsupported Operation. */
  creditMemoVoid: boolean;
  /** Preferences.SalesFormsPrefs.AutoApplyCredit (read-only in the API): open credits are applied to the customer's next invoice. */
  autoApplyCredit: boolean;
}

const oneRate = (name: string, ratePercent: number, rateName = name): TaxCodeSpec => ({ name, rates: [{ name: rateName, ratePercent }] });

const taxCodesByCountry: Readonly<Record<string, TaxCodeSpec[]>> = {
  FR: [
    oneRate('TVA 20 %', 20, 'TVA collectée 20 %'),
    oneRate('TVA 10 %', 10, 'TVA collectée 10 %'),
    oneRate('TVA 5,5 %', 5.5, 'TVA collectée 5,5 %'),
    oneRate('TVA 2,1 %', 2.1, 'TVA collectée 2,1 %'),
    oneRate('TVA 8,5 %', 8.5, 'TVA collectée 8,5 %'),
    oneRate('TVA 0 %', 0, 'TVA collectée 0 %'),
  ],
  GB: [oneRate('20.0% S', 20, '20.0% S'), oneRate('5.0% R', 5, '5.0% R'), oneRate('0.0% Z', 0, '0.0% Z'), oneRate('Exempt', 0, 'Exempt')],
  CA: [
    oneRate('GST', 5, 'GST'),
    oneRate('HST ON', 13, 'HST ON'),
    {
      name: 'GST/QST QC - 9.975',
      rates: [
        { name: 'GST', ratePercent: 5 },
        { name: 'QST', ratePercent: 9.975 },
      ],
    },
    oneRate('Zero-rated', 0, 'GST ZR'),
    oneRate('Exempt', 0, 'GST EX'),
  ],
  AU: [oneRate('GST', 10, 'GST (sales)'), oneRate('FRE', 0, 'GST free (sales)'), oneRate('EXP', 0, 'GST export (sales)')],
};

const companyByCountry: Readonly<Record<string, { name: string; currency: string }>> = {
  FR: { name: 'Entreprise de démonstration', currency: 'EUR' },
  GB: { name: 'Sandbox Company_GB', currency: 'GBP' },
  CA: { name: 'Sandbox Company_CA', currency: 'CAD' },
  AU: { name: 'Sandbox Company_AU', currency: 'AUD' },
  US: { name: 'Sandbox Company_US_1', currency: 'USD' },
};

/**
 * A sensible company for a country, as a new QBO sandbox of that locale would look once VAT is set up
 * (the US has no VAT: its TAX/NON pseudo codes always exist).
 * @returns the settings; an unknown country gets a generic VAT company with one standard and one zero rate
 */
export const defaultSettings = (country: string): CompanySettings => {
  const code = country.toUpperCase();
  const known = companyByCountry[code];
  const isUs = code === 'US';
  return {
    companyName: known?.name ?? `Sandbox Company_${code}`,
    country: code,
    homeCurrency: known?.currency ?? 'EUR',
    multiCurrencyEnabled: false,
    vatEnabled: !isUs,
    taxCodes: isUs ? [] : (taxCodesByCountry[code] ?? [oneRate('Standard', 20), oneRate('Zero', 0)]),
    customTxnNumbers: code === 'FR',
    allowDiscount: code === 'FR',
    warnDuplicateDocNum: true,
    inclusiveOverrideKeepsGross: true,
    serviceItemRequiresExpenseAccount: false,
    autoApplyCredit: false,
    creditMemoVoid: false,
  };
};
