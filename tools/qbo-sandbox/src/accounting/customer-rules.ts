// Customer create and update with QBO's rules (QBO-API.md §5 "Customer").
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import { createReceivablesAccount } from '../company/company-setup.js';
import { checkAddresses } from './address-rules.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkEmail, checkEnum, checkLength, nameKey, objectAt, refValue, stringAt, withoutServerFields } from './qbo-fields.js';

const nameParts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;
const noSeparators = ['DisplayName', ...nameParts, 'PrintOnCheckName'] as const;
const maxLengths: readonly (readonly [string, number])[] = [
  ['DisplayName', 500],
  ['Title', 16],
  ['Suffix', 16],
  ['GivenName', 100],
  ['MiddleName', 100],
  ['FamilyName', 100],
  ['CompanyName', 100],
  ['PrintOnCheckName', 110],
  ['Notes', 2000],
  ['PrimaryPhone.FreeFormNumber', 30],
  ['AlternatePhone.FreeFormNumber', 30],
  ['Mobile.FreeFormNumber', 30],
  ['Fax.FreeFormNumber', 30],
  ['WebAddr.URI', 1000],
  ['ResaleNum', 16],
];
/** QBO-API.md §5 Customer: "up to 4 levels of nesting under a top-level parent". */
const maxSubLevels = 4;

/** The parent chain of a sub-customer: its level and full name, or the fault that refuses it. */
const nesting = (company: Company, fields: QboObject, selfId: string | undefined, displayName: string): Outcome<QboObject> => {
  const parentId = refValue(fields, 'ParentRef');
  if (parentId === undefined) return success({ Job: fields['Job'] ?? false, Level: 0, FullyQualifiedName: displayName });
  const parent = findEntity(company, 'Customer', parentId);
  if (parent === undefined) return failure(faults.invalidReference('ParentRef', 'Customer', parentId));
  for (let at: QboObject | undefined = parent; at !== undefined; at = findEntity(company, 'Customer', refValue(at, 'ParentRef') ?? '')) {
    if (at['Id'] === selfId)
      return failure(faults.business('A customer cannot be its own parent or the parent of its parent.', 'ParentRef'));
  }
  const level = Number(parent['Level'] ?? 0) + 1;
  if (level > maxSubLevels)
    return failure(faults.business(`A sub-customer can be at most ${maxSubLevels} levels below its top-level customer.`, 'ParentRef'));
  return success({
    Job: true,
    Level: level,
    ParentRef: { value: parentId, name: parent['DisplayName'] },
    FullyQualifiedName: `${String(parent['FullyQualifiedName'] ?? parent['DisplayName'])}:${displayName}`,
  });
};

/** PrimaryTaxIdentifier is masked in responses (QBO-API.md §5): all but the last three characters become X (UNCONFIRMED form). */
const masked = (id: string): string => (id.length <= 3 ? id : `${'X'.repeat(id.length - 3)}${id.slice(-3)}`);

/** France: each customer has its own receivables account (QBO-API.md §5 Customer, §9); one is created when none is named. */
const ownReceivablesAccount = (company: Company, displayName: string): QboObject => {
  const accounts = [...entitiesOf(company, 'Account').values()];
  let n = accounts.filter((a) => a['AccountType'] === 'Accounts Receivable').length;
  const taken = new Set(accounts.map((a) => nameKey(String(a['Name']))));
  let name: string;
  do {
    n += 1;
    name = `${displayName.slice(0, 80)} (411${String(n).padStart(4, '0')})`;
  } while (taken.has(nameKey(name)));
  return createReceivablesAccount(company, name, `411${String(n).padStart(4, '0')}`);
};

const validate = (company: Company, fields: QboObject, selfId: string | undefined): QboError[] => {
  const errors: QboError[] = [];
  const displayName = stringAt(fields, 'DisplayName');
  if (displayName === undefined || displayName.trim() === '') return [faults.required('DisplayName')];
  for (const key of noSeparators) {
    const v = stringAt(fields, key);
    if (v !== undefined && /[:\t\n\r]/.test(v))
      errors.push(faults.invalidString(key, `${key} cannot contain a colon (:), a tab or a new line.`));
  }
  for (const [path, max] of maxLengths) checkLength(fields, path, max, errors);
  checkAddresses(fields, ['BillAddr', 'ShipAddr'], errors);
  checkEmail(fields, 'PrimaryEmailAddr.Address', errors);
  checkEnum(fields, 'PreferredDeliveryMethod', ['Print', 'Email', 'None'], errors);
  const taxCode = refValue(fields, 'DefaultTaxCodeRef');
  if (taxCode !== undefined && findEntity(company, 'TaxCode', taxCode) === undefined)
    errors.push(faults.invalidReference('DefaultTaxCodeRef', 'TaxCode', taxCode));
  const arAccount = refValue(fields, 'ARAccountRef');
  if (arAccount !== undefined && company.settings.country === 'FR') {
    const account = findEntity(company, 'Account', arAccount);
    if (account === undefined) errors.push(faults.invalidReference('ARAccountRef', 'Account', arAccount));
    else if (account['AccountType'] !== 'Accounts Receivable')
      errors.push(faults.invalidAccountType('ARAccountRef', 'Accounts Receivable'));
  }
  if (errors.length > 0) return errors;
  const key = nameKey(displayName);
  const taken = [...entitiesOf(company, 'Customer').values()].some(
    (c) => c['Id'] !== selfId && nameKey(String(c['DisplayName'] ?? '')) === key,
  );
  return taken ? [faults.duplicateName()] : [];
};

const withDefaults = (company: Company, fields: QboObject): QboObject => {
  const displayName =
    stringAt(fields, 'DisplayName') ??
    nameParts
      .map((k) => stringAt(fields, k))
      .filter((v) => v !== undefined && v !== '')
      .join(' ');
  return {
    Active: true,
    Taxable: company.settings.country === 'US' ? true : undefined,
    Job: false,
    BillWithParent: false,
    Balance: 0,
    BalanceWithJobs: 0,
    PreferredDeliveryMethod: 'Print',
    CurrencyRef: { value: company.settings.homeCurrency },
    ...fields,
    ...(displayName === '' ? {} : { DisplayName: displayName }),
  };
};

const dropUndefined = (o: QboObject): QboObject => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The fields QBO derives once the request is valid: nesting, the masked tax id, France's own receivables account. */
const finish = (company: Company, fields: QboObject, selfId: string | undefined, stored?: QboObject): Outcome<QboObject> => {
  const errors = validate(company, fields, selfId);
  if (errors.length > 0) return failure(...errors);
  const displayName = String(fields['DisplayName']);
  const nested = nesting(company, fields, selfId, displayName);
  if (!nested.ok) return nested;
  const taxId = stringAt(fields, 'PrimaryTaxIdentifier');
  const france = company.settings.country === 'FR';
  let arAccount = france ? (objectAt(fields, 'ARAccountRef') ?? objectAt(stored ?? {}, 'ARAccountRef')) : undefined;
  if (france && arAccount === undefined) {
    const account = ownReceivablesAccount(company, displayName);
    arAccount = { value: account['Id'], name: account['Name'] };
  }
  const { ARAccountRef: _ignored, ...rest } = fields;
  return success(
    dropUndefined({
      ...rest,
      ...nested.value,
      ...(taxId === undefined ? {} : { PrimaryTaxIdentifier: taxId === stored?.['PrimaryTaxIdentifier'] ? taxId : masked(taxId) }),
      ...(arAccount === undefined ? {} : { ARAccountRef: arAccount }),
    }),
  );
};

/**
 * Creates a customer.
 * @returns ok(customer) with Id, SyncToken "0", defaults and a built DisplayName when only name parts were sent
 * @returns err 2020 (no name), 2040 (`:`/tab/newline in a name), 2050 (too long), 2210 (email), 6240 (name taken)
 */
export const createCustomer = (company: Company, body: QboObject): Outcome<QboObject> => {
  const fields = dropUndefined(withDefaults(company, withoutServerFields(body)));
  const done = finish(company, fields, undefined);
  return done.ok ? success(insertEntity(company, 'Customer', done.value)) : done;
};

/**
 * Updates a customer, sparse or full; Balance and CurrencyRef stay as stored.
 * @returns ok(customer) with SyncToken + 1
 * @returns err as createCustomer, plus 2020/610/5010 from the version check
 */
export const updateCustomer = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Customer', body);
  if (!stored.ok) return stored;
  const previous = stored.value;
  const sent = withoutServerFields(body);
  const base = isSparse(body) ? { ...withoutServerFields(previous), ...sent } : { Active: true, ...sent };
  const fields = dropUndefined({
    ...base,
    Balance: previous['Balance'],
    BalanceWithJobs: previous['BalanceWithJobs'],
    CurrencyRef: previous['CurrencyRef'],
  });
  const done = finish(company, fields, String(previous['Id']), previous);
  return done.ok ? success(replaceEntity(company, 'Customer', previous, done.value)) : done;
};
