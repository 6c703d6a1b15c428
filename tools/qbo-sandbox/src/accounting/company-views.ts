// CompanyInfo and Preferences, built from the company's settings (QBO-API.md §5 "Preferences", "CompanyInfo").
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, updateSettings } from '../company/company.js';
import { defaultSettings } from '../company/company-settings.js';
import { qboDateTime } from '../company/qbo-time.js';
import { checkAddresses } from './address-rules.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkEmail, checkLength, objectAt, stringAt } from './qbo-fields.js';

const meta = (company: Company): QboObject => {
  const stamp = qboDateTime(company.createdAt);
  return { CreateTime: stamp, LastUpdatedTime: stamp };
};

/** Address `Country` "should be ISO alpha-3 or the full name" (QBO-API.md §5 Customer "Addresses"). */
const countryNames: Readonly<Record<string, string>> = {
  FR: 'France',
  GB: 'United Kingdom',
  CA: 'Canada',
  AU: 'Australia',
  US: 'United States',
};

/** CompanyInfo; `Country` is the alpha-2 code (UNCONFIRMED: the doc sample shows "US"). */
export const companyInfo = (company: Company): QboObject => {
  const { settings } = company;
  const address = {
    Id: '1',
    Line1: '1 Sandbox Street',
    City: settings.country === 'FR' ? 'Paris' : 'Sandbox City',
    Country: countryNames[settings.country] ?? settings.country,
  };
  return {
    CompanyName: settings.companyName,
    LegalName: settings.companyName,
    CompanyAddr: address,
    LegalAddr: address,
    CustomerCommunicationAddr: address,
    Country: settings.country,
    Email: { Address: 'sandbox@example.com' },
    SupportedLanguages: settings.country === 'FR' ? 'fr' : 'en',
    FiscalYearStartMonth: 'January',
    CompanyStartDate: qboDateTime(company.createdAt).slice(0, 10),
    NameValue: [
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Construction' },
    ],
    ...company.companyInfoEdits,
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: String(company.companyInfoSyncToken),
    MetaData: meta(company),
  };
};

/** CompanyName is kept in the settings (the settings page shows it), the others as sent. */
const companyInfoWritable = ['LegalName', 'CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr', 'Email', 'FiscalYearStartMonth'];

/**
 * Updates CompanyInfo (`POST /companyinfo`, sparse or full): CompanyName and LegalName ≤ 1024 (QBO-API.md §5 CompanyInfo),
 * addresses as every address, Email as every e-mail. Country and the NameValue list are read-only.
 * @returns ok(companyinfo) with SyncToken + 1
 * @returns err 2020 (SyncToken), 5010 (stale), 2050, 2210
 */
export const updateCompanyInfo = (company: Company, body: QboObject): Outcome<QboObject> => {
  const token = stringAt(body, 'SyncToken');
  if (token === undefined) return failure(faults.required('SyncToken'));
  if (token !== String(company.companyInfoSyncToken)) return failure(faults.stale());
  const errors: QboError[] = [];
  checkLength(body, 'CompanyName', 1024, errors);
  checkLength(body, 'LegalName', 1024, errors);
  checkAddresses(body, ['CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr'], errors);
  checkEmail(body, 'Email.Address', errors);
  const name = stringAt(body, 'CompanyName');
  if (body['sparse'] !== true && (name === undefined || name.trim() === '')) errors.push(faults.required('CompanyName'));
  if (errors.length > 0) return failure(...errors);
  const edits: QboObject = body['sparse'] === true ? { ...company.companyInfoEdits } : {};
  for (const key of companyInfoWritable) if (body[key] !== undefined) edits[key] = body[key];
  company.companyInfoEdits = edits;
  if (name !== undefined && name.trim() !== '') updateSettings(company, { companyName: name });
  else company.companyInfoSyncToken += 1;
  return success(companyInfo(company));
};

/** Preferences; the settings the sandbox honours appear where QBO puts them. */
export const preferences = (company: Company): QboObject => {
  const { settings } = company;
  const discountAccount = [...entitiesOf(company, 'Account').values()].find((a) => a['AccountSubType'] === 'DiscountsRefundsGiven');
  return {
    SalesFormsPrefs: {
      CustomTxnNumbers: settings.customTxnNumbers,
      AllowDiscount: settings.allowDiscount,
      // QBO-API.md §5 Preferences / Account: the discount account, Income / DiscountsRefundsGiven.
      ...(discountAccount === undefined ? {} : { DefaultDiscountAccount: String(discountAccount['Id']) }),
      AllowDeposit: false,
      AllowShipping: false,
      AllowServiceDate: false,
      AllowEstimates: true,
      AutoApplyCredit: settings.autoApplyCredit,
      ETransactionEnabledStatus: 'NotApplicable',
    },
    TaxPrefs: { UsingSalesTax: settings.vatEnabled, PartnerTaxEnabled: false },
    CurrencyPrefs: { MultiCurrencyEnabled: settings.multiCurrencyEnabled, HomeCurrency: { value: settings.homeCurrency } },
    OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.WarnDuplicateDocNum', Value: String(settings.warnDuplicateDocNum) }] },
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: String(company.preferencesSyncToken),
    MetaData: meta(company),
  };
};

/**
 * Updates Preferences: SalesFormsPrefs.CustomTxnNumbers and AllowDiscount (a full update resets those left out to the
 * country's default; a sparse one keeps them), CurrencyPrefs.MultiCurrencyEnabled (can only be turned on);
 * TaxPrefs.UsingSalesTax is read-only.
 * @returns ok(preferences) with SyncToken + 1
 * @returns err 2020 if SyncToken is missing, 5010 if it is stale
 */
export const updatePreferences = (company: Company, body: QboObject): Outcome<QboObject> => {
  const token = stringAt(body, 'SyncToken');
  if (token === undefined) return failure(faults.required('SyncToken'));
  if (token !== String(company.preferencesSyncToken)) return failure(faults.stale());
  const sales = objectAt(body, 'SalesFormsPrefs') ?? {};
  const currency = objectAt(body, 'CurrencyPrefs') ?? {};
  // QBO-API.md §5 Preferences: a full update sets writable fields left out to their default (the country's);
  // a sparse one changes only what is sent.
  const sparse = body['sparse'] === true || body['sparse'] === 'true';
  const defaults = defaultSettings(company.settings.country);
  const flag = (sent: unknown, fallback: boolean): boolean | undefined =>
    typeof sent === 'boolean' ? sent : sparse ? undefined : fallback;
  const customTxnNumbers = flag(sales['CustomTxnNumbers'], defaults.customTxnNumbers);
  const allowDiscount = flag(sales['AllowDiscount'], defaults.allowDiscount);
  updateSettings(company, {
    ...(customTxnNumbers === undefined ? {} : { customTxnNumbers }),
    ...(allowDiscount === undefined ? {} : { allowDiscount }),
    ...(currency['MultiCurrencyEnabled'] === true ? { multiCurrencyEnabled: true } : {}),
  });
  return success(preferences(company));
};
