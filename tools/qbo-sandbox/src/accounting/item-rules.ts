// Item (Service, NonInventory, Inventory, Category) create and update with QBO's rules (QBO-API.md §5 "Item").
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkEnum, checkLength, nameKey, refValue, stringAt, withoutServerFields } from './qbo-fields.js';

const accountNumbered = (company: Company, acctNum: string): QboObject | undefined =>
  [...entitiesOf(company, 'Account').values()].find((a) => a['AcctNum'] === acctNum);

/** France's defaults (QBO-API.md §5 Item): income 706100 / 707100, expense 605100 / 601100; elsewhere by sub-type. */
const incomeAccountFor = (company: Company, type: string): QboObject | undefined => {
  const subType = type === 'Service' ? 'ServiceFeeIncome' : 'SalesOfProductIncome';
  return (
    (company.settings.country === 'FR' ? accountNumbered(company, type === 'Service' ? '706100' : '707100') : undefined) ??
    [...entitiesOf(company, 'Account').values()].find((a) => a['AccountSubType'] === subType)
  );
};
const expenseAccountFor = (company: Company, type: string): QboObject | undefined =>
  company.settings.country === 'FR' ? accountNumbered(company, type === 'Service' ? '605100' : '601100') : undefined;

const incomeTypes: readonly string[] = ['Income', 'Other Income'];
const itemTypes: readonly string[] = ['Service', 'NonInventory', 'Inventory', 'Category'];

/** The account a reference names, or the fault: 2500 when it does not exist, 6430 when of another type (when `types` given). */
const referencedAccount = (company: Company, element: string, id: string, types?: readonly string[]): Outcome<QboObject> => {
  const account = findEntity(company, 'Account', id);
  if (account === undefined) return failure(faults.invalidReference(element, 'Account', id));
  if (types !== undefined && !types.includes(String(account['AccountType'])))
    return failure(faults.invalidAccountType(element, types.join(' or ')));
  return success(account);
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
  if (france) checkEnum(fields, 'ItemCategoryType', ['Product', 'Service'], errors);
  const taxCode = refValue(fields, 'SalesTaxCodeRef');
  if (taxCode !== undefined && findEntity(company, 'TaxCode', taxCode) === undefined)
    errors.push(faults.invalidReference('SalesTaxCodeRef', 'TaxCode', taxCode));
  // QBO-API.md §5 Item: Type must be set explicitly (France: it follows ItemCategoryType).
  const sentType = stringAt(fields, 'Type');
  const type = france && category !== undefined ? (category === 'Product' ? 'NonInventory' : 'Service') : sentType;
  if (type === undefined) {
    if (!france) errors.push(faults.required('Type'));
  } else if (!itemTypes.includes(type)) errors.push(faults.invalidEnumeration('Type', type));
  const key = nameKey(name);
  const nameTaken = [...entitiesOf(company, 'Item').values()].some((i) => i['Id'] !== selfId && nameKey(String(i['Name'])) === key);
  // QBO-API.md §5 Item: `Category` for hierarchies — a grouping with a name only, no account.
  if (type === 'Category' && errors.length === 0)
    return nameTaken
      ? failure(faults.duplicateName())
      : success({ Active: true, ...fields, Name: name, FullyQualifiedName: name, Type: type });
  const accountId = refValue(fields, 'IncomeAccountRef');
  // QBO-API.md §5 Item: IncomeAccountRef is required for Service and Inventory items outside France (France has defaults).
  if (!france && (type === 'Service' || type === 'Inventory') && accountId === undefined) errors.push(faults.required('IncomeAccountRef'));
  // QBO-API.md §5 Item: ExpenseAccountRef "Required for Inventory, NonInventory, and Service" (Service: a company setting).
  const expenseId = refValue(fields, 'ExpenseAccountRef');
  const needsExpense =
    type === 'NonInventory' || type === 'Inventory' || (type === 'Service' && company.settings.serviceItemRequiresExpenseAccount);
  if (!france && needsExpense && expenseId === undefined) errors.push(faults.required('ExpenseAccountRef'));
  if (errors.length > 0 || type === undefined) return failure(...errors);
  const income =
    accountId === undefined
      ? success(incomeAccountFor(company, type))
      : referencedAccount(company, 'IncomeAccountRef', accountId, incomeTypes);
  if (!income.ok) return income;
  const account = income.value;
  if (account === undefined) return failure(faults.invalidReference('IncomeAccountRef', 'Account', ''));
  const expense =
    expenseId === undefined ? success(expenseAccountFor(company, type)) : referencedAccount(company, 'ExpenseAccountRef', expenseId);
  if (!expense.ok) return expense;
  if (nameTaken) return failure(faults.duplicateName());
  return success({
    Active: true,
    Taxable: false,
    UnitPrice: 0,
    ...fields,
    Name: name,
    FullyQualifiedName: name,
    Type: type,
    ...(type === 'Inventory' ? { TrackQtyOnHand: true, QtyOnHand: fields['QtyOnHand'] ?? 0 } : {}),
    IncomeAccountRef: { value: account['Id'], name: account['Name'] },
    ...(expense.value === undefined ? {} : { ExpenseAccountRef: { value: expense.value['Id'], name: expense.value['Name'] } }),
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
