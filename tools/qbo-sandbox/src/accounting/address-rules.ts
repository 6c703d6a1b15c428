// PhysicalAddress limits (QBO-API.md §5 Customer "Addresses"), shared by customers, invoices, credit memos and
// CompanyInfo: each line ≤ 500 characters and ≤ 2000 together; City, Country, CountrySubDivisionCode ≤ 255; PostalCode ≤ 30.
import type { QboObject } from '../company/company.js';
import type { QboError } from './qbo-faults.js';
import { faults } from './qbo-faults.js';
import { checkLength, objectAt } from './qbo-fields.js';

const lineKeys = ['Line1', 'Line2', 'Line3', 'Line4', 'Line5'] as const;
const fieldLimits: readonly (readonly [string, number])[] = [
  ...lineKeys.map((l) => [l, 500] as const),
  ['City', 255],
  ['Country', 255],
  ['CountrySubDivisionCode', 255],
  ['PostalCode', 30],
];

/** Pushes a 2050 fault for each address field of `fields[key]` over its limit, and for lines over 2000 together. */
export const checkAddress = (fields: QboObject, key: string, errors: QboError[]): void => {
  const address = objectAt(fields, key);
  if (address === undefined) return;
  for (const [field, max] of fieldLimits) checkLength(fields, `${key}.${field}`, max, errors);
  const combined = lineKeys.reduce((n, l) => n + (typeof address[l] === 'string' ? [...(address[l] as string)].length : 0), 0);
  if (combined > 2000) errors.push(faults.tooLong(`${key}.Line1-Line5`, 2000, combined));
};

/** The checks of every address a name list or transaction carries. */
export const checkAddresses = (fields: QboObject, keys: readonly string[], errors: QboError[]): void => {
  for (const key of keys) checkAddress(fields, key, errors);
};
