// The entities a new QBO company already holds: accounts, a Services item, and the tax codes of its settings.
import type { Company, QboObject } from './company-store.js';
import { entitiesOf, insertEntity } from './company-store.js';

const isFrance = (company: Company): boolean => company.settings.country === 'FR';
const taxAgencyNames: Readonly<Record<string, string>> = {
  FR: 'Direction générale des Finances publiques',
  GB: 'HM Revenue & Customs',
  CA: 'Canada Revenue Agency',
  AU: 'Australian Taxation Office',
  US: 'Sales tax agency',
};

const createAccounts = (company: Company): void => {
  const fr = isFrance(company);
  const currency = { value: company.settings.homeCurrency };
  const account = (name: string, type: string, subType: string, classification: string, acctNum: string): QboObject =>
    insertEntity(company, 'Account', {
      Name: name,
      SubAccount: false,
      FullyQualifiedName: name,
      Active: true,
      Classification: classification,
      AccountType: type,
      AccountSubType: subType,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: currency,
      ...(fr ? { AcctNum: acctNum, TxnLocationType: 'WithinFrance' } : {}),
    });
  account(fr ? 'Ventes de services' : 'Services', 'Income', 'ServiceFeeIncome', 'Revenue', '706100');
  account(fr ? 'Ventes de marchandises' : 'Sales of Product Income', 'Income', 'SalesOfProductIncome', 'Revenue', '707100');
  account(fr ? 'Rabais, remises et ristournes accordés' : 'Discounts given', 'Income', 'DiscountsRefundsGiven', 'Revenue', '709000');
  account(fr ? 'Clients' : 'Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset', '411000');
  // QBO-API.md §5 Item (France): ExpenseAccountRef defaults to 605100 (Service) and 601100 (Product).
  if (fr) {
    account('Achats de prestations de services', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense', '605100');
    account('Achats de matières premières', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense', '601100');
  } else account('Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense', '601000');
};

/** A receivables account (France gives each customer its own, QBO-API.md §5 Customer). @returns the account */
export const createReceivablesAccount = (company: Company, name: string, acctNum: string): QboObject =>
  insertEntity(company, 'Account', {
    Name: name,
    SubAccount: false,
    FullyQualifiedName: name,
    Active: true,
    Classification: 'Asset',
    AccountType: 'Accounts Receivable',
    AccountSubType: 'AccountsReceivable',
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: { value: company.settings.homeCurrency },
    ...(isFrance(company) ? { AcctNum: acctNum, TxnLocationType: 'WithinFrance' } : {}),
  });

/** The Income account of sub-type ServiceFeeIncome, default of service items. */
export const serviceIncomeAccount = (company: Company): QboObject | undefined =>
  [...entitiesOf(company, 'Account').values()].find((a) => a['AccountSubType'] === 'ServiceFeeIncome');

const createServicesItem = (company: Company): void => {
  const income = serviceIncomeAccount(company);
  const name = isFrance(company) ? 'Prestations de services' : 'Services';
  insertEntity(company, 'Item', {
    Name: name,
    FullyQualifiedName: name,
    Active: true,
    Type: 'Service',
    Taxable: false,
    UnitPrice: 0,
    ...(isFrance(company) ? { ItemCategoryType: 'Service' } : {}),
    ...(income === undefined ? {} : { IncomeAccountRef: { value: income['Id'], name: income['Name'] } }),
  });
};

const isUsPseudoCode = (code: QboObject): boolean => code['Id'] === 'TAX' || code['Id'] === 'NON';

const createUsPseudoCodes = (company: Company): void => {
  for (const [id, description, taxable] of [
    ['TAX', 'TAX', true],
    ['NON', 'NON', false],
  ] as const) {
    insertEntity(
      company,
      'TaxCode',
      { Name: id, Description: description, Taxable: taxable, TaxGroup: false, Active: true, Hidden: false },
      id,
    );
  }
};

/**
 * Brings the tax codes and rates in line with the settings: when VAT is on, every code and rate of
 * `settings.taxCodes` exists (matched by name), codes no longer listed are inactive. Never deletes.
 */
export const syncTaxSetup = (company: Company): void => {
  const { settings } = company;
  // The US has no VAT switch: its TAX/NON pseudo codes always exist, and codes made by `taxservice/taxcode` join them.
  if (settings.country !== 'US' && !settings.vatEnabled) return;
  const rates = entitiesOf(company, 'TaxRate');
  const codes = entitiesOf(company, 'TaxCode');
  const rateIdFor = (name: string, ratePercent: number): QboObject => {
    const existing = [...rates.values()].find((r) => r['Name'] === name && r['RateValue'] === ratePercent);
    return (
      existing ??
      insertEntity(company, 'TaxRate', {
        Name: name,
        Description: name,
        Active: true,
        RateValue: ratePercent,
        SpecialTaxType: 'NONE',
        DisplayType: 'ReadOnly',
        AgencyRef: { value: '1' },
        EffectiveTaxRate: [{ RateValue: ratePercent, EffectiveDate: '2000-01-01T00:00:00-07:00' }],
      })
    );
  };
  const listed = new Set(settings.taxCodes.map((c) => c.name));
  for (const spec of settings.taxCodes) {
    const details = (on: 'Sales' | 'Purchase'): QboObject[] =>
      spec.rates
        .filter((r) => (r.applicableOn ?? 'Sales') === on)
        .map((r, order) => {
          const rate = rateIdFor(r.name, r.ratePercent);
          return { TaxRateRef: { value: rate['Id'], name: rate['Name'] }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: order };
        });
    const existing = [...codes.values()].find((c) => c['Name'] === spec.name);
    const fields: QboObject = {
      Name: spec.name,
      Description: spec.name,
      Active: spec.active ?? true,
      Hidden: false,
      Taxable: spec.rates.some((r) => r.ratePercent > 0),
      TaxGroup: spec.rates.length > 1,
      SalesTaxRateList: { TaxRateDetail: details('Sales') },
      PurchaseTaxRateList: { TaxRateDetail: details('Purchase') },
    };
    if (existing === undefined) insertEntity(company, 'TaxCode', fields);
    else Object.assign(existing, fields, { SyncToken: String(Number(existing['SyncToken']) + 1) });
  }
  for (const code of codes.values())
    if (!listed.has(String(code['Name'])) && code['Active'] === true && !isUsPseudoCode(code)) code['Active'] = false;
};

/** Fills a new company: accounts, the Services item, tax codes (or the US pseudo codes). */
export const setUpCompany = (company: Company): void => {
  createAccounts(company);
  // The agency every rate reports to (TaxRate.AgencyRef "1"; `taxservice/taxcode` names it by TaxAgencyId).
  insertEntity(company, 'TaxAgency', { DisplayName: taxAgencyNames[company.settings.country] ?? 'Tax agency', TaxTrackedOnSales: true });
  createServicesItem(company);
  if (company.settings.country === 'US') createUsPseudoCodes(company);
  syncTaxSetup(company);
};
