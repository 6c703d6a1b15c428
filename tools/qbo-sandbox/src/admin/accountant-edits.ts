// Edits "made by the accountant in QBO": changes that do not come from the app, so a test can check how the product
// notices drift (CDC, webhooks, a re-read). They go through the same rules as API writes.
import type { Company, QboObject } from '../company/company.js';
import { findEntity } from '../company/company.js';
import { mulRound, parseDec, toNumber } from '../company/exact-decimal.js';
import type { WriteOperation } from '../accounting/entity-operations.js';
import { entityTypeOf, writeEntity } from '../accounting/entity-operations.js';
import type { Outcome } from '../accounting/qbo-faults.js';
import { failure, faults } from '../accounting/qbo-faults.js';
import { isObject, objectAt } from '../accounting/qbo-fields.js';

export type AccountantEdit =
  | { action: 'renameCustomer'; customerId: string; displayName: string }
  | { action: 'delete'; entity: 'Invoice' | 'CreditMemo'; id: string }
  | { action: 'void'; id: string }
  | {
      action: 'changeLine';
      entity: 'Invoice' | 'CreditMemo';
      id: string;
      lineId: string;
      amount?: number;
      description?: string;
      qty?: number;
      unitPrice?: number;
    }
  | { action: 'write'; entity: string; operation: WriteOperation; body: QboObject };

const asAccountant = { allowDuplicateDocNum: true, origin: '' };

/** The stored entity's Id and current SyncToken: the accountant always edits the latest version. */
const current = (company: Company, type: 'Customer' | 'Invoice' | 'CreditMemo', id: string): Outcome<QboObject> => {
  const stored = findEntity(company, type, id);
  return stored === undefined ? failure(faults.objectNotFound()) : { ok: true, value: stored };
};

/**
 * A line changed as in QBO's form: a new Amount drops Qty, UnitPrice and TaxInclusiveAmt unless they are given too, and
 * TxnTaxDetail is left out so QBO computes the tax again (QBO-API.md §5 "remove TxnTaxDetail").
 */
const changedLines = (stored: QboObject, edit: Extract<AccountantEdit, { action: 'changeLine' }>): QboObject[] | undefined => {
  const lines = (Array.isArray(stored['Line']) ? (stored['Line'] as unknown[]) : []).filter(isObject);
  if (!lines.some((l) => l['Id'] === edit.lineId)) return undefined;
  return lines
    .filter((l) => l['DetailType'] !== 'SubTotalLineDetail')
    .map((l) => {
      if (l['Id'] !== edit.lineId) return l;
      const detail = { ...(objectAt(l, 'SalesItemLineDetail') ?? {}) };
      if (edit.amount !== undefined) {
        for (const k of ['Qty', 'UnitPrice', 'TaxInclusiveAmt']) delete detail[k];
        if (edit.qty !== undefined && edit.unitPrice !== undefined) Object.assign(detail, { Qty: edit.qty, UnitPrice: edit.unitPrice });
      } else if (edit.qty !== undefined || edit.unitPrice !== undefined) {
        const qty = parseDec(edit.qty ?? detail['Qty'] ?? 1) ?? 0n;
        const unitPrice = parseDec(edit.unitPrice ?? detail['UnitPrice'] ?? 0) ?? 0n;
        Object.assign(detail, { Qty: edit.qty ?? detail['Qty'] ?? 1, UnitPrice: edit.unitPrice ?? detail['UnitPrice'] ?? 0 });
        delete detail['TaxInclusiveAmt'];
        return { ...l, Amount: toNumber(mulRound(qty, unitPrice, 2)), SalesItemLineDetail: detail };
      }
      return {
        ...l,
        ...(edit.amount === undefined ? {} : { Amount: edit.amount }),
        ...(edit.description === undefined ? {} : { Description: edit.description }),
        ...(l['DetailType'] === 'SalesItemLineDetail' ? { SalesItemLineDetail: detail } : {}),
      };
    });
};

/**
 * Applies an accountant's edit to the company.
 * @returns ok(the entity as QBO now holds it; `{status:"Deleted"}` for a delete)
 * @returns err the QBO faults the edit met (610 for an unknown id or line, any validation fault)
 */
export const applyAccountantEdit = (company: Company, edit: AccountantEdit): Outcome<QboObject> => {
  switch (edit.action) {
    case 'renameCustomer': {
      const stored = current(company, 'Customer', edit.customerId);
      if (!stored.ok) return stored;
      const body = { Id: edit.customerId, SyncToken: stored.value['SyncToken'], sparse: true, DisplayName: edit.displayName };
      return writeEntity(company, 'Customer', 'update', body, asAccountant);
    }
    case 'delete':
    case 'void': {
      const type = edit.action === 'void' ? 'Invoice' : edit.entity;
      const stored = current(company, type, edit.id);
      if (!stored.ok) return stored;
      return writeEntity(company, type, edit.action, { Id: edit.id, SyncToken: stored.value['SyncToken'] }, asAccountant);
    }
    case 'changeLine': {
      const stored = current(company, edit.entity, edit.id);
      if (!stored.ok) return stored;
      const lines = changedLines(stored.value, edit);
      if (lines === undefined) return failure(faults.objectNotFound('Line'));
      const { TxnTaxDetail: _recomputed, ...rest } = stored.value;
      return writeEntity(company, edit.entity, 'update', { ...rest, Line: lines }, asAccountant);
    }
    case 'write': {
      const type = entityTypeOf(edit.entity);
      if (type === undefined) return failure(faults.unsupportedObject(edit.entity));
      return writeEntity(company, type, edit.operation, edit.body, asAccountant);
    }
  }
};
