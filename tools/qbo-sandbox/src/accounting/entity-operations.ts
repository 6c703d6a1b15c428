// One entry point for every entity write and read, shared by the REST routes and the batch endpoint.
import type { Company, EntityType, QboObject } from '../company/company.js';
import { findEntity } from '../company/company.js';
import { createAccount, updateAccount } from './account-rules.js';
import { createAttachable, deleteAttachable, presentAttachable, updateAttachable } from './attachments.js';
import { createCustomer, updateCustomer } from './customer-rules.js';
import { createItem, updateItem } from './item-rules.js';
import { createPayment, deletePayment, updatePayment } from './payment-rules.js';
import type { Outcome } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { stringAt } from './qbo-fields.js';
import { createSalesTransaction, deleteSalesTransaction, updateSalesTransaction, voidTransaction } from './sales-transaction.js';

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';
export interface WriteContext {
  readonly allowDuplicateDocNum: boolean;
  readonly origin: string;
}

const resources: Readonly<Record<string, EntityType>> = {
  customer: 'Customer',
  item: 'Item',
  account: 'Account',
  taxcode: 'TaxCode',
  taxrate: 'TaxRate',
  taxagency: 'TaxAgency',
  invoice: 'Invoice',
  creditmemo: 'CreditMemo',
  payment: 'Payment',
  attachable: 'Attachable',
};

/** The entity a URL resource or batch key names (case-insensitive), if the sandbox serves it. */
export const entityTypeOf = (name: string): EntityType | undefined => resources[name.toLowerCase()];

/** `POST /{entity}` with `?operation=…`; without one, a body with an Id is an update (as QBO treats it). */
export const operationOf = (requested: string | undefined, body: QboObject): WriteOperation | undefined => {
  const op = (requested ?? '').toLowerCase();
  if (op === '') return stringAt(body, 'Id') === undefined ? 'create' : 'update';
  return op === 'create' || op === 'update' || op === 'delete' || op === 'void' ? op : undefined;
};

/**
 * Applies one write to an entity type.
 * @returns ok(entity as QBO returns it; `{status:"Deleted",…}` for a delete)
 * @returns err the entity's validation faults; 500 "Unsupported Operation" for a write QBO does not offer
 *   (TaxCode / TaxRate writes, name-list deletes, CreditMemo void)
 */
export const writeEntity = (
  company: Company,
  type: EntityType,
  operation: WriteOperation,
  body: QboObject,
  ctx: WriteContext,
): Outcome<QboObject> => {
  const unsupported = (): Outcome<QboObject> => failure(faults.unsupportedOperation(`${operation} on ${type}`));
  switch (type) {
    case 'Customer':
      return operation === 'create'
        ? createCustomer(company, body)
        : operation === 'update'
          ? updateCustomer(company, body)
          : unsupported();
    case 'Item':
      return operation === 'create' ? createItem(company, body) : operation === 'update' ? updateItem(company, body) : unsupported();
    case 'Account':
      return operation === 'create' ? createAccount(company, body) : operation === 'update' ? updateAccount(company, body) : unsupported();
    case 'TaxCode':
    case 'TaxRate':
    case 'TaxAgency':
      return unsupported();
    case 'Invoice':
    case 'CreditMemo': {
      const options = { allowDuplicateDocNum: ctx.allowDuplicateDocNum };
      if (operation === 'create') return createSalesTransaction(company, type, body, options);
      if (operation === 'update') return updateSalesTransaction(company, type, body, options);
      if (operation === 'delete') return deleteSalesTransaction(company, type, body);
      return type === 'Invoice' || company.settings.creditMemoVoid ? voidTransaction(company, type, body) : unsupported();
    }
    case 'Payment':
      return operation === 'create'
        ? createPayment(company, body)
        : operation === 'update'
          ? updatePayment(company, body)
          : operation === 'delete'
            ? deletePayment(company, body)
            : unsupported();
    case 'Attachable': {
      const outcome =
        operation === 'create'
          ? createAttachable(company, body)
          : operation === 'update'
            ? updateAttachable(company, body)
            : operation === 'delete'
              ? deleteAttachable(company, body)
              : unsupported();
      return outcome.ok && operation !== 'delete' ? success(presentAttachable(company, outcome.value, ctx.origin)) : outcome;
    }
  }
};

/**
 * Reads one entity by id.
 * @returns ok(entity)
 * @returns err 610 "Object Not Found" if there is none
 */
export const readEntity = (company: Company, type: EntityType, id: string, origin: string): Outcome<QboObject> => {
  const entity = findEntity(company, type, id);
  if (entity === undefined) return failure(faults.objectNotFound());
  return success(type === 'Attachable' ? presentAttachable(company, entity, origin) : entity);
};
