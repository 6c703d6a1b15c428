// Item (Service / NonInventory) create and update with QBO's rules (QBO-API.md §5 "Item").
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkLength, nameKey, refValue, stringAt, withoutServerFields } from './qbo-fields.js';

const incomeAccountFor = (company: Company, type: string): QboObject | undefined => {
  const subType = type === 'Service' ? 'ServiceFeeIncome' : 'SalesOfProductIncome';
  return [...entitiesOf(company, 'Account').values()].find((a) => a['AccountSubType'] === subType);
};

const build = (company: Company, fields: QboObject, selfId: string | undefined, isCreate: boolean): Outcome<QboObject> => {
  const errors: QboError[] = [];
  const name = stringAt(fields, 'Name');
  if (name === undefined || name.trim() === '') return failure(faults.required('Name'));
  checkLength(fields, 'Name', 100, errors);
  checkLength(fields, 'Description', 4000, errors);
  checkLength(fields, 'Sku', 100, errors);
  const france = company.settings.country === 'FR';
  const category = stringAt(fields, 'ItemCategoryType');
  if (france && isCreate && category === undefined) errors.push(faults.required('ItemCategoryType'));
  // QBO-API.md §5 Item: Type must be set explicitly (France: it follows ItemCategoryType).
  const sentType = stringAt(fields, 'Type');
  const type = france && category !== undefined ? (category === 'Product' ? 'NonInventory' : 'Service') : sentType;
  if (type === undefined) {
    if (!france) errors.push(faults.required('Type'));
  } else if (!['Service', 'NonInventory'].includes(type)) errors.push(faults.invalidEnumeration('Type', type));
  const accountId = refValue(fields, 'IncomeAccountRef');
  // QBO-API.md §5 Item: IncomeAccountRef is required for Service items outside France (France has defaults).
  if (!france && type === 'Service' && accountId === undefined) errors.push(faults.required('IncomeAccountRef'));
  if (errors.length > 0 || type === undefined) return failure(...errors);
  const account = accountId === undefined ? incomeAccountFor(company, type) : findEntity(company, 'Account', accountId);
  if (account === undefined) return failure(faults.invalidReference('IncomeAccountRef', 'Account', accountId ?? ''));
  const key = nameKey(name);
  if ([...entitiesOf(company, 'Item').values()].some((i) => i['Id'] !== selfId && nameKey(String(i['Name'])) === key))
    return failure(faults.duplicateName());
  return success({
    Active: true,
    Taxable: false,
    UnitPrice: 0,
    ...fields,
    Name: name,
    FullyQualifiedName: name,
    Type: type,
    IncomeAccountRef: { value: account['Id'], name: account['Name'] },
  });
};

/**
 * Creates an item.
 * @returns ok(item)
 * @returns err 2020 (Name, Type, IncomeAccountRef of a Service outside France; ItemCategoryType in France), 2050, 2170 (Type), 2500 (IncomeAccountRef), 6240 (name taken)
 */
export const createItem = (company: Company, body: QboObject): Outcome<QboObject> => {
  const built = build(company, withoutServerFields(body), undefined, true);
  return built.ok ? success(insertEntity(company, 'Item', built.value)) : built;
};

/**
 * Updates an item, sparse or full (ItemCategoryType is read-only after create).
 * @returns ok(item) with SyncToken + 1
 * @returns err as createItem, plus 2020/610/5010 from the version check
 */
export const updateItem = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Item', body);
  if (!stored.ok) return stored;
  const previous = stored.value;
  const sent = withoutServerFields(body);
  const fields = isSparse(body) ? { ...withoutServerFields(previous), ...sent } : sent;
  if (previous['ItemCategoryType'] !== undefined) fields['ItemCategoryType'] = previous['ItemCategoryType'];
  const built = build(company, fields, String(previous['Id']), false);
  return built.ok ? success(replaceEntity(company, 'Item', previous, built.value)) : built;
};
