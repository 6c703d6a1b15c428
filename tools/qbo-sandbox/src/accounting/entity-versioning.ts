// The optimistic locking every QBO update, delete and void goes through (QBO-API.md §1, "Updates").
import type { Company, EntityType, QboObject } from '../company/company.js';
import { findEntity } from '../company/company.js';
import type { Outcome } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { stringAt } from './qbo-fields.js';

/**
 * Finds the stored entity an update names and checks its SyncToken.
 * @returns ok(stored entity)
 * @returns err 2020 if Id or SyncToken is missing, 610 if no such entity, 5010 if the SyncToken is not the current one
 */
export const currentVersion = (company: Company, type: EntityType, body: QboObject): Outcome<QboObject> => {
  const id = stringAt(body, 'Id');
  if (id === undefined || id === '') return failure(faults.required('Id'));
  const token = stringAt(body, 'SyncToken');
  if (token === undefined || token === '') return failure(faults.required('SyncToken'));
  const stored = findEntity(company, type, id);
  if (stored === undefined) return failure(faults.objectNotFound());
  if (stored['SyncToken'] !== token) return failure(faults.stale());
  return success(stored);
};

/** Sparse updates change only the fields sent; full updates replace every writable field (QBO-API.md §1). */
export const isSparse = (body: QboObject): boolean => body['sparse'] === true || body['sparse'] === 'true';
