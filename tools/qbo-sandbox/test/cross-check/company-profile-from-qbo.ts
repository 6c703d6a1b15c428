// The domain's CompanyProfile read from a QBO company's answers (CompanyInfo, Preferences, TaxCode, TaxRate,
// Account), as the QuickBooks adapter will read it; here over HTTP from the sandbox, so that the cross-check
// maps documents against what the sandbox actually says, not against the domain's test builders.
import type { CompanyProfile, Decimal, QboAccount, QboTaxCode, QboTaxRate } from '@ogustine-qbo/domain';
import { decimalFromNumber, parseDecimal } from '@ogustine-qbo/domain';

type Json = Record<string, unknown>;

/** GET on `/v3/company/{realmId}/{path}` answering the parsed JSON body; rejects on any status but 200. */
export type QboGet = (path: string) => Promise<Json>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const objectAt = (o: Json, key: string): Json => {
  const v = o[key];
  if (!isJson(v)) throw new Error(`QBO answer without object ${key}: ${JSON.stringify(o).slice(0, 300)}`);
  return v;
};

const textAt = (o: Json, key: string): string => {
  const v = o[key];
  if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`QBO answer without ${key}: ${JSON.stringify(o).slice(0, 300)}`);
  return String(v);
};

const flagAt = (o: Json, key: string): boolean => o[key] === true || o[key] === 'true';

const refAt = (o: Json, key: string): string => textAt(objectAt(o, key), 'value');

/** QBO answers `RateValue` as a JSON number, sometimes as a string. */
const percentOf = (rate: Json): Decimal => {
  const raw = rate['RateValue'];
  const parsed = typeof raw === 'number' ? decimalFromNumber(raw) : parseDecimal(String(raw));
  if (parsed.isErr()) throw new Error(`TaxRate ${String(rate['Id'])} with RateValue ${String(raw)}`);
  return parsed.value;
};

/** Every entity of a name list, inactive ones included (QBO lists only active ones unless the query names Active). */
const listAll = async (get: QboGet, entity: string): Promise<Json[]> => {
  const query = `select * from ${entity} where Active in (true, false) maxresults 1000`;
  const answer = objectAt(await get(`query?query=${encodeURIComponent(query)}&minorversion=75`), 'QueryResponse');
  const list = answer[entity];
  return Array.isArray(list) ? list.filter(isJson) : [];
};

/**
 * Reads the profile of the company `realmId` through `get`: country and name from CompanyInfo, home
 * currency, multicurrency, VAT, custom numbers and discounts from Preferences, every tax code with its
 * sales rates (rates resolved through TaxRate), every account.
 * @returns the profile; rejects when an answer lacks a field the profile needs (a bug of the sandbox or of this reader)
 */
export const companyProfileFromQbo = async (realmId: string, get: QboGet): Promise<CompanyProfile> => {
  const [infoAnswer, prefsAnswer, codes, rates, accounts] = await Promise.all([
    get(`companyinfo/${realmId}?minorversion=75`),
    get('preferences?minorversion=75'),
    listAll(get, 'TaxCode'),
    listAll(get, 'TaxRate'),
    listAll(get, 'Account'),
  ]);
  const info = objectAt(infoAnswer, 'CompanyInfo');
  const prefs = objectAt(prefsAnswer, 'Preferences');
  const sales = objectAt(prefs, 'SalesFormsPrefs');
  const currency = objectAt(prefs, 'CurrencyPrefs');

  const ratesById = new Map<string, QboTaxRate>(
    rates.map((r) => [textAt(r, 'Id'), { id: textAt(r, 'Id'), name: textAt(r, 'Name'), ratePercent: percentOf(r) }]),
  );
  const taxCodes: QboTaxCode[] = codes.map((c) => {
    const list = isJson(c['SalesTaxRateList']) ? c['SalesTaxRateList']['TaxRateDetail'] : undefined;
    const details = Array.isArray(list) ? list.filter(isJson) : [];
    const salesRates = details.map((d) => {
      const rateId = refAt(d, 'TaxRateRef');
      const rate = ratesById.get(rateId);
      if (rate === undefined) throw new Error(`TaxCode ${textAt(c, 'Id')} names TaxRate ${rateId}, which the TaxRate list lacks`);
      return rate;
    });
    return { id: textAt(c, 'Id'), name: textAt(c, 'Name'), active: flagAt(c, 'Active'), salesRates };
  });
  const qboAccounts: QboAccount[] = accounts.map((a) => ({
    id: textAt(a, 'Id'),
    name: textAt(a, 'Name'),
    accountType: textAt(a, 'AccountType'),
    ...(a['AccountSubType'] === undefined ? {} : { accountSubType: textAt(a, 'AccountSubType') }),
    active: flagAt(a, 'Active'),
  }));

  return {
    realmId,
    companyName: textAt(info, 'CompanyName'),
    country: textAt(info, 'Country'),
    homeCurrency: refAt(currency, 'HomeCurrency'),
    multiCurrencyEnabled: flagAt(currency, 'MultiCurrencyEnabled'),
    vatEnabled: flagAt(objectAt(prefs, 'TaxPrefs'), 'UsingSalesTax'),
    customTransactionNumbers: flagAt(sales, 'CustomTxnNumbers'),
    discountsAllowed: flagAt(sales, 'AllowDiscount'),
    taxCodes,
    accounts: qboAccounts,
  };
};
