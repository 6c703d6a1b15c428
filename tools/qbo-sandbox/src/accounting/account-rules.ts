// Account create and update (QBO-API.md §5 "Account"): enough for a client that looks up or adds an income account.
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, insertEntity, replaceEntity } from '../company/company.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkEnum, checkLength, nameKey, stringAt, withoutServerFields } from './qbo-fields.js';

/** The XSD's AccountTypeEnum, as the JSON spells it. */
const accountTypes: readonly string[] = [
  'Bank',
  'Other Current Asset',
  'Fixed Asset',
  'Other Asset',
  'Accounts Receivable',
  'Equity',
  'Expense',
  'Other Expense',
  'Cost of Goods Sold',
  'Accounts Payable',
  'Credit Card',
  'Long Term Liability',
  'Other Current Liability',
  'Income',
  'Other Income',
];
const txnLocationTypes: readonly string[] = ['WithinFrance', 'FranceOverseas', 'OutsideFranceWithEU', 'OutsideEU'];

const build = (company: Company, fields: QboObject, selfId: string | undefined): Outcome<QboObject> => {
  const errors: QboError[] = [];
  const name = stringAt(fields, 'Name');
  if (name === undefined || name.trim() === '') errors.push(faults.required('Name'));
  if (stringAt(fields, 'AccountType') === undefined) errors.push(faults.required('AccountType'));
  const france = company.settings.country === 'FR';
  const acctNum = stringAt(fields, 'AcctNum');
  if (france && acctNum === undefined) errors.push(faults.required('AcctNum'));
  if (errors.length > 0 || name === undefined) return failure(...errors);
  checkLength(fields, 'Name', 100, errors);
  if (/[":]/.test(name)) errors.push(faults.invalidString('Name', 'Name cannot contain a double quote (") or a colon (:).'));
  if (france && acctNum !== undefined && !/^[A-Za-z0-9]{6,20}$/.test(acctNum))
    errors.push(faults.invalidString('AcctNum', 'AcctNum must be 6 to 20 letters or digits.'));
  // QBO-API.md §5 Account (France): AcctNum "must start with a master-category number" — a class of the French
  // chart of accounts, 1 to 7 (UNCONFIRMED which digits QBO takes).
  else if (france && acctNum !== undefined && !/^[1-7]/.test(acctNum))
    errors.push(faults.invalidString('AcctNum', 'AcctNum must start with a master-category number (1 to 7).'));
  checkEnum(fields, 'AccountType', accountTypes, errors);
  if (france) checkEnum(fields, 'TxnLocationType', txnLocationTypes, errors);
  if (errors.length > 0) return failure(...errors);
  const others = [...entitiesOf(company, 'Account').values()].filter((a) => a['Id'] !== selfId);
  if (others.some((a) => nameKey(String(a['Name'])) === nameKey(name))) return failure(faults.duplicateName());
  const alias = stringAt(fields, 'AccountAlias');
  // QBO-API.md §5 Account (France): AccountAlias is unique (6240, as a name, UNCONFIRMED code).
  if (alias !== undefined && others.some((a) => typeof a['AccountAlias'] === 'string' && nameKey(a['AccountAlias']) === nameKey(alias)))
    return failure(faults.duplicateName('AccountAlias'));
  const income = ['Income', 'Other Income'].includes(String(fields['AccountType']));
  return success({
    SubAccount: false,
    Active: true,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: { value: company.settings.homeCurrency },
    ...fields,
    FullyQualifiedName: name,
    Classification: income ? 'Revenue' : (stringAt(fields, 'Classification') ?? 'Asset'),
  });
};

/**
 * Creates an account.
 * @returns ok(account)
 * @returns err 2020 (Name, AccountType; AcctNum in France), 2040, 2050, 6240
 */
export const createAccount = (company: Company, body: QboObject): Outcome<QboObject> => {
  const built = build(company, withoutServerFields(body), undefined);
  return built.ok ? success(insertEntity(company, 'Account', built.value)) : built;
};

/**
 * Updates an account, sparse or full.
 * @returns ok(account) with SyncToken + 1
 * @returns err as createAccount, plus 2020/610/5010 from the version check
 */
export const updateAccount = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Account', body);
  if (!stored.ok) return stored;
  const sent = withoutServerFields(body);
  const fields = isSparse(body) ? { ...withoutServerFields(stored.value), ...sent } : sent;
  const built = build(company, fields, String(stored.value['Id']));
  return built.ok ? success(replaceEntity(company, 'Account', stored.value, built.value)) : built;
};
