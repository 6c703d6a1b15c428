import {
  decimalFromNumber,
  parseDecimal,
  toCents,
  type CompanyProfile,
  type Decimal,
  type PostedTransaction,
  type QboAccount,
  type QboCustomerRef,
  type QboFailure,
  type QboId,
  type QboTaxCode,
  type QboTaxRate,
  type QboTransactionFound,
  type QboTransactionType,
} from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';

type Json = Record<string, unknown>;
type Read<T> = Result<T, QboFailure>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An answer of status 200 that lacks what it must hold: reported as a fault, never thrown. */
export const unreadable = (what: string): QboFailure => ({
  kind: 'qbo.fault',
  status: 200,
  faultType: 'UnreadableAnswer',
  errors: [{ code: '', message: 'QuickBooks answered in an unexpected shape', detail: what }],
});

const textOf = (o: Json, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

const refOf = (o: Json, key: string): string | undefined => {
  const v = o[key];
  return isJson(v) ? textOf(v, 'value') : undefined;
};

const flag = (o: Json, key: string): boolean => o[key] === true || o[key] === 'true';

const decimalOf = (v: unknown): Decimal | undefined => {
  const parsed = typeof v === 'number' ? decimalFromNumber(v) : typeof v === 'string' ? parseDecimal(v) : undefined;
  return parsed?.isOk() === true ? parsed.value : undefined;
};

/** `{ Invoice: {…} }` or the entity itself (node-quickbooks unwraps `create*` answers). */
const entityOf = (body: unknown, name: string): Json | undefined => {
  if (!isJson(body)) return undefined;
  const wrapped = body[name];
  return isJson(wrapped) ? wrapped : body;
};

/** @returns the entity's `Id` */
export const readId = (body: unknown, name: string): Read<QboId> => {
  const id = textOf(entityOf(body, name) ?? {}, 'Id');
  return id === undefined ? err(unreadable(`${name} without Id`)) : ok(id);
};

/** @returns the transaction as QBO stored it: id, number and `TotalAmt` in cents */
export const readPostedTransaction = (type: QboTransactionType, entity: unknown): Read<PostedTransaction> => {
  const json = entityOf(entity, type) ?? {};
  const qboId = textOf(json, 'Id');
  const total = decimalOf(json['TotalAmt']);
  if (qboId === undefined || total === undefined) return err(unreadable(`${type} without Id or TotalAmt`));
  return ok({ type, qboId, docNumber: textOf(json, 'DocNumber') ?? '', totalAmount: toCents(total) });
};

/** @returns the customer's id and the `SyncToken` its next update must carry */
export const readCustomerRef = (body: unknown): Read<QboCustomerRef> => {
  const json = entityOf(body, 'Customer') ?? {};
  const qboId = textOf(json, 'Id');
  const syncToken = textOf(json, 'SyncToken');
  return qboId === undefined || syncToken === undefined ? err(unreadable('Customer without Id or SyncToken')) : ok({ qboId, syncToken });
};

/** @returns whether a name-list entity is active (QBO leaves `Active` out when true in some answers) */
export const isActive = (body: unknown, name: string): boolean => (entityOf(body, name) ?? {})['Active'] !== false;

/**
 * A transaction with its proof: customer, `PrivateNote`, and what is left of it (an invoice's
 * `Balance`, a credit memo's `RemainingCredit`).
 * @returns the transaction found
 */
export const readTransactionFound = (type: QboTransactionType, entity: unknown): Read<QboTransactionFound> => {
  const json = entityOf(entity, type) ?? {};
  const left = decimalOf(type === 'CreditMemo' ? (json['RemainingCredit'] ?? json['Balance']) : json['Balance']);
  const customerRef = refOf(json, 'CustomerRef');
  return readPostedTransaction(type, json).andThen((posted) =>
    left === undefined || customerRef === undefined
      ? err(unreadable(`${type} without CustomerRef or balance`))
      : ok({ ...posted, customerRef, privateNote: textOf(json, 'PrivateNote') ?? '', balance: toCents(left) }),
  );
};

/** @returns the entities of a query answer (`{"QueryResponse":{"Customer":[…]}}`); an empty answer is `{}` */
export const readQueryRows = (body: unknown, entity: string): Read<readonly Json[]> => {
  const response = isJson(body) ? body['QueryResponse'] : undefined;
  if (!isJson(response)) return err(unreadable('query answer without QueryResponse'));
  const key = Object.keys(response).find((k) => k.toLowerCase() === entity.toLowerCase());
  const rows = key === undefined ? [] : response[key];
  return ok(Array.isArray(rows) ? rows.filter(isJson) : []);
};

/** @returns the first row's `Id`, or null when the query found nothing */
export const readFirstId = (body: unknown, entity: string): Read<QboId | null> =>
  readQueryRows(body, entity).map((rows) => (rows[0] === undefined ? null : (textOf(rows[0], 'Id') ?? null)));

/** What `readProfile` reads: CompanyInfo, Preferences, and every TaxCode, TaxRate and Account. */
export interface ProfileAnswers {
  readonly companyInfo: unknown;
  readonly preferences: unknown;
  readonly taxCodes: readonly Json[];
  readonly taxRates: readonly Json[];
  readonly accounts: readonly Json[];
}

const rateOf = (r: Json): QboTaxRate | undefined => {
  const id = textOf(r, 'Id');
  const ratePercent = decimalOf(r['RateValue']);
  return id === undefined || ratePercent === undefined ? undefined : { id, name: textOf(r, 'Name') ?? '', ratePercent };
};

const taxCodeOf = (c: Json, rates: ReadonlyMap<string, QboTaxRate>): QboTaxCode | undefined => {
  const id = textOf(c, 'Id');
  if (id === undefined) return undefined;
  const list = isJson(c['SalesTaxRateList']) ? c['SalesTaxRateList']['TaxRateDetail'] : undefined;
  const salesRates = (Array.isArray(list) ? list.filter(isJson) : [])
    .map((d) => rates.get(refOf(d, 'TaxRateRef') ?? ''))
    .filter((r): r is QboTaxRate => r !== undefined);
  return { id, name: textOf(c, 'Name') ?? '', active: flag(c, 'Active'), salesRates };
};

const accountOf = (a: Json): QboAccount | undefined => {
  const id = textOf(a, 'Id');
  const accountSubType = textOf(a, 'AccountSubType');
  return id === undefined
    ? undefined
    : {
        id,
        name: textOf(a, 'Name') ?? '',
        accountType: textOf(a, 'AccountType') ?? '',
        ...(accountSubType === undefined ? {} : { accountSubType }),
        active: flag(a, 'Active'),
      };
};

const defined = <T>(v: T | undefined): v is T => v !== undefined;

/**
 * The company profile from QBO's answers; a tax code's rates are resolved through the TaxRate list.
 * @returns the profile
 * @returns err(unreadable) if CompanyInfo or Preferences lack what the profile needs
 */
export const readProfile = (realmId: string, answers: ProfileAnswers): Read<CompanyProfile> => {
  const info = entityOf(answers.companyInfo, 'CompanyInfo');
  const prefs = entityOf(answers.preferences, 'Preferences');
  const sales = prefs !== undefined && isJson(prefs['SalesFormsPrefs']) ? prefs['SalesFormsPrefs'] : undefined;
  const currency = prefs !== undefined && isJson(prefs['CurrencyPrefs']) ? prefs['CurrencyPrefs'] : undefined;
  const tax = prefs !== undefined && isJson(prefs['TaxPrefs']) ? prefs['TaxPrefs'] : {};
  const homeCurrency = currency === undefined ? undefined : refOf(currency, 'HomeCurrency');
  const country = info === undefined ? undefined : textOf(info, 'Country');
  if (info === undefined || sales === undefined || currency === undefined || homeCurrency === undefined || country === undefined) {
    return err(unreadable('CompanyInfo or Preferences without Country, SalesFormsPrefs or CurrencyPrefs.HomeCurrency'));
  }
  const rates = new Map(
    answers.taxRates
      .map(rateOf)
      .filter(defined)
      .map((r) => [r.id, r]),
  );
  return ok({
    realmId,
    companyName: textOf(info, 'CompanyName') ?? '',
    country,
    homeCurrency,
    multiCurrencyEnabled: flag(currency, 'MultiCurrencyEnabled'),
    vatEnabled: flag(tax, 'UsingSalesTax'),
    customTransactionNumbers: flag(sales, 'CustomTxnNumbers'),
    discountsAllowed: flag(sales, 'AllowDiscount'),
    taxCodes: answers.taxCodes.map((c) => taxCodeOf(c, rates)).filter(defined),
    accounts: answers.accounts.map(accountOf).filter(defined),
  });
};
