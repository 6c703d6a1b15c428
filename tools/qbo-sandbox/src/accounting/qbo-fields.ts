// Reading the loosely typed JSON of a request: strings, refs, nested paths, length checks.
import type { QboObject } from '../company/company.js';
import type { QboError } from './qbo-faults.js';
import { faults } from './qbo-faults.js';

export const isObject = (v: unknown): v is QboObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const objectAt = (o: QboObject, key: string): QboObject | undefined => {
  const v = o[key];
  return isObject(v) ? v : undefined;
};

export const stringAt = (o: QboObject, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** The `value` of a reference field (`{"value":"1","name":…}`), if any. */
export const refValue = (o: QboObject, key: string): string | undefined => {
  const ref = objectAt(o, key);
  if (ref === undefined) return undefined;
  const v = ref['value'];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** Reads a dotted path (`PrimaryEmailAddr.Address`). */
export const pathValue = (o: QboObject, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), o);

/** Adds a 2050 fault when the string at `path` is longer than `max`. */
export const checkLength = (o: QboObject, path: string, max: number, errors: QboError[]): void => {
  const v = pathValue(o, path);
  if (typeof v === 'string' && [...v].length > max) errors.push(faults.tooLong(path, max, [...v].length));
};

/** Pushes 2050 (over 100 characters) or 2210 (no "@" and ".") for the e-mail address at `path` (QBO-API.md §5 "Email"). */
export const checkEmail = (o: QboObject, path: string, errors: QboError[]): void => {
  const v = pathValue(o, path);
  if (typeof v !== 'string' || v === '') return;
  if ([...v].length > 100) errors.push(faults.tooLong(path, 100, [...v].length));
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) errors.push(faults.invalidEmail(path));
};

/** Pushes 2170 when the string at `key` is present and not one of `allowed`. */
export const checkEnum = (o: QboObject, key: string, allowed: readonly string[], errors: QboError[]): void => {
  const v = o[key];
  if (v !== undefined && v !== null && !allowed.includes(String(v))) errors.push(faults.invalidEnumeration(key, String(v)));
};

/** Fields a caller may send but QBO computes or owns. */
export const withoutServerFields = (o: QboObject): QboObject => {
  const copy = { ...o };
  for (const key of ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'time']) delete copy[key];
  return copy;
};

/** Case- and space-insensitive name comparison key (UNCONFIRMED choice: QBO treats names this way). */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
