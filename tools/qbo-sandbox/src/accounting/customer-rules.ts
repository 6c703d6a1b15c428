// Customer create and update with QBO's rules (QBO-API.md §5 "Customer").
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, insertEntity, replaceEntity } from '../company/company.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkLength, nameKey, pathValue, stringAt, withoutServerFields } from './qbo-fields.js';

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
  ['Mobile.FreeFormNumber', 30],
  ['Fax.FreeFormNumber', 30],
  ['WebAddr.URI', 1000],
  ['ResaleNum', 16],
  ['PrimaryEmailAddr.Address', 100],
  ...['BillAddr', 'ShipAddr'].flatMap((a) => [
    ...['Line1', 'Line2', 'Line3', 'Line4', 'Line5'].map((l) => [`${a}.${l}`, 500] as const),
    [`${a}.City`, 255] as const,
    [`${a}.Country`, 255] as const,
    [`${a}.CountrySubDivisionCode`, 255] as const,
    [`${a}.PostalCode`, 30] as const,
  ]),
];

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
  const email = pathValue(fields, 'PrimaryEmailAddr.Address');
  if (typeof email === 'string' && email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    errors.push(faults.invalidEmail('PrimaryEmailAddr.Address'));
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
    ...(displayName === '' ? {} : { DisplayName: displayName, FullyQualifiedName: displayName }),
  };
};

const dropUndefined = (o: QboObject): QboObject => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Creates a customer.
 * @returns ok(customer) with Id, SyncToken "0", defaults and a built DisplayName when only name parts were sent
 * @returns err 2020 (no name), 2040 (`:`/tab/newline in a name), 2050 (too long), 2210 (email), 6240 (name taken)
 */
export const createCustomer = (company: Company, body: QboObject): Outcome<QboObject> => {
  const fields = dropUndefined(withDefaults(company, withoutServerFields(body)));
  const errors = validate(company, fields, undefined);
  return errors.length > 0 ? failure(...errors) : success(insertEntity(company, 'Customer', fields));
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
    FullyQualifiedName: stringAt(base, 'DisplayName') ?? previous['FullyQualifiedName'],
  });
  const errors = validate(company, fields, String(previous['Id']));
  return errors.length > 0 ? failure(...errors) : success(replaceEntity(company, 'Customer', previous, fields));
};
