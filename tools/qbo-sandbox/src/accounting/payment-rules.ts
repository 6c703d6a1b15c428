// Payment: how QBO applies a credit memo to an invoice (QBO-API.md §5 CreditMemo: "There is no direct link to an
// invoice. A credit is applied through a Payment with TotalAmt: 0 and Line[], each line with LinkedTxn").
import type { Company, QboObject } from '../company/company.js';
import { deleteEntity, entitiesOf, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import type { Dec } from '../company/exact-decimal.js';
import { parseDec, sumDec, toNumber } from '../company/exact-decimal.js';
import { qboDate } from '../company/qbo-time.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { isObject, objectAt, refValue, stringAt, withoutServerFields } from './qbo-fields.js';

type Linkable = 'Invoice' | 'CreditMemo';
interface Application {
  readonly type: Linkable;
  readonly id: string;
  readonly amount: Dec;
}

const linkedOf = (line: QboObject): { type: string; id: string }[] =>
  (Array.isArray(line['LinkedTxn']) ? (line['LinkedTxn'] as unknown[]) : [])
    .filter(isObject)
    .map((l) => ({ type: stringAt(l, 'TxnType') ?? '', id: stringAt(l, 'TxnId') ?? '' }));

/** The invoice and credit-memo amounts a payment's lines apply. */
const applicationsOf = (payment: QboObject): Application[] =>
  (Array.isArray(payment['Line']) ? (payment['Line'] as unknown[]) : []).filter(isObject).flatMap((line) => {
    const amount = parseDec(line['Amount']) ?? 0n;
    return linkedOf(line).flatMap((l) => (l.type === 'Invoice' || l.type === 'CreditMemo' ? [{ type: l.type, id: l.id, amount }] : []));
  });

/** Payments that apply an amount to the transaction, with that amount. */
const paymentsApplying = (company: Company, type: Linkable, id: string, except?: string): { paymentId: string; amount: Dec }[] =>
  [...entitiesOf(company, 'Payment').values()].flatMap((p) => {
    const mine = applicationsOf(p).filter((a) => a.type === type && a.id === id);
    return p['Id'] === except || mine.length === 0 ? [] : [{ paymentId: String(p['Id']), amount: sumDec(mine.map((a) => a.amount)) }];
  });

/** The open balance of an invoice or credit memo, payments other than `except` deducted. */
const openBalance = (company: Company, txn: QboObject, type: Linkable, except?: string): Dec =>
  (parseDec(txn['TotalAmt']) ?? 0n) - sumDec(paymentsApplying(company, type, String(txn['Id']), except).map((p) => p.amount));

/**
 * The read-only fields a transaction's payments set: `Balance` (and `RemainingCredit` for a credit memo) and `LinkedTxn`.
 * @returns the fields to merge into the stored transaction
 */
export const paymentFields = (company: Company, type: Linkable, id: string, totalAmt: Dec): QboObject => {
  const applied = paymentsApplying(company, type, id);
  const balance = toNumber(totalAmt - sumDec(applied.map((p) => p.amount)));
  const linked = applied.map((p) => ({ TxnId: p.paymentId, TxnType: 'Payment' }));
  return type === 'Invoice' ? { Balance: balance, LinkedTxn: linked } : { Balance: balance, RemainingCredit: balance, LinkedTxn: linked };
};

/** After a payment changes, the transactions it touched (before and after) get their balances and links again. */
const refreshLinked = (company: Company, touched: readonly Application[]): void => {
  const seen = new Set<string>();
  for (const { type, id } of touched) {
    if (seen.has(`${type}:${id}`)) continue;
    seen.add(`${type}:${id}`);
    const txn = findEntity(company, type, id);
    if (txn === undefined) continue;
    const { Id: _id, SyncToken: _s, MetaData: _m, ...rest } = txn;
    replaceEntity(company, type, txn, { ...rest, ...paymentFields(company, type, id, parseDec(txn['TotalAmt']) ?? 0n) });
  }
};

const check = (
  company: Company,
  fields: QboObject,
  selfId: string | undefined,
): Outcome<{ customer: QboObject; applied: Application[] }> => {
  const errors: QboError[] = [];
  const customerId = refValue(fields, 'CustomerRef');
  if (customerId === undefined) errors.push(faults.required('CustomerRef'));
  const total = parseDec(fields['TotalAmt']);
  if (fields['TotalAmt'] === undefined) errors.push(faults.required('TotalAmt'));
  else if (total === undefined) errors.push(faults.invalidNumber('TotalAmt'));
  if (errors.length > 0 || customerId === undefined || total === undefined) return failure(...errors);
  const customer = findEntity(company, 'Customer', customerId);
  if (customer === undefined) return failure(faults.invalidReference('CustomerRef', 'Customer', customerId));
  if (customer['Active'] === false) return failure(faults.objectNotFound('CustomerRef'));
  const lines = (Array.isArray(fields['Line']) ? (fields['Line'] as unknown[]) : []).filter(isObject);
  for (const line of lines) {
    if (parseDec(line['Amount']) === undefined) errors.push(faults.required('Line.Amount'));
    for (const l of linkedOf(line)) {
      if (l.type !== 'Invoice' && l.type !== 'CreditMemo') {
        errors.push(faults.cannotLink(`TxnType ${l.type || '(none)'} cannot be linked to a Payment here.`));
        continue;
      }
      const txn = findEntity(company, l.type, l.id);
      if (txn === undefined) errors.push(faults.invalidReference('LinkedTxn.TxnId', l.type, l.id));
      else if (refValue(txn, 'CustomerRef') !== customerId)
        errors.push(faults.cannotLink(`${l.type} ${l.id} belongs to another customer.`));
    }
  }
  if (errors.length > 0) return failure(...errors);
  const applied = lines.flatMap((line) => applicationsOf({ Line: [line] }));
  for (const a of applied) {
    const txn = findEntity(company, a.type, a.id);
    if (txn !== undefined && a.amount > openBalance(company, txn, a.type, selfId))
      errors.push(faults.business(`The amount applied to ${a.type} ${a.id} is more than its open balance.`, 'Line.Amount'));
  }
  const invoices = sumDec(applied.filter((a) => a.type === 'Invoice').map((a) => a.amount));
  const credits = sumDec(applied.filter((a) => a.type === 'CreditMemo').map((a) => a.amount));
  if (invoices - credits > total)
    errors.push(faults.business('The amounts applied to invoices, less the credits, are more than the payment.', 'TotalAmt'));
  return errors.length > 0 ? failure(...errors) : success({ customer, applied });
};

const build = (company: Company, fields: QboObject, customer: QboObject, applied: readonly Application[]): QboObject => {
  const total = parseDec(fields['TotalAmt']) ?? 0n;
  const invoices = sumDec(applied.filter((a) => a.type === 'Invoice').map((a) => a.amount));
  const credits = sumDec(applied.filter((a) => a.type === 'CreditMemo').map((a) => a.amount));
  return {
    ...fields,
    CustomerRef: { value: customer['Id'], name: customer['DisplayName'] },
    TxnDate: stringAt(fields, 'TxnDate') ?? qboDate(company.now()),
    CurrencyRef: objectAt(fields, 'CurrencyRef') ?? { value: company.settings.homeCurrency },
    TotalAmt: toNumber(total),
    UnappliedAmt: toNumber(total - invoices + credits),
    ProcessPayment: false,
    Line: (Array.isArray(fields['Line']) ? (fields['Line'] as unknown[]) : []).filter(isObject).map((l) => ({
      Amount: toNumber(parseDec(l['Amount']) ?? 0n),
      LinkedTxn: linkedOf(l).map((t) => ({ TxnId: t.id, TxnType: t.type })),
    })),
  };
};

/**
 * Creates a payment; its lines apply amounts to invoices (less) and credit memos (used up). A zero payment applies a
 * credit memo to an invoice.
 * @returns ok(payment) with UnappliedAmt; the linked transactions' Balance, RemainingCredit and LinkedTxn follow
 * @returns err 2020 (CustomerRef, TotalAmt), 2500 (unknown customer or linked transaction), 620 (another customer's
 *   transaction, a type that cannot be linked), 6000 (more than the open balance, or than the payment)
 */
export const createPayment = (company: Company, body: QboObject): Outcome<QboObject> => {
  const fields = withoutServerFields(body);
  for (const k of ['UnappliedAmt']) delete fields[k];
  const checked = check(company, fields, undefined);
  if (!checked.ok) return checked;
  const payment = insertEntity(company, 'Payment', build(company, fields, checked.value.customer, checked.value.applied));
  refreshLinked(company, checked.value.applied);
  return success(payment);
};

/**
 * Updates a payment (sparse or full), re-applying its lines.
 * @returns ok(payment) with SyncToken + 1
 * @returns err as createPayment, plus 2020/610/5010 from the version check
 */
export const updatePayment = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Payment', body);
  if (!stored.ok) return stored;
  const previous = stored.value;
  const sent = withoutServerFields(body);
  const fields = isSparse(body) ? { ...withoutServerFields(previous), ...sent } : sent;
  delete fields['UnappliedAmt'];
  const checked = check(company, fields, String(previous['Id']));
  if (!checked.ok) return checked;
  const before = applicationsOf(previous);
  const payment = replaceEntity(company, 'Payment', previous, build(company, fields, checked.value.customer, checked.value.applied));
  refreshLinked(company, [...before, ...checked.value.applied]);
  return success(payment);
};

/**
 * Deletes a payment: the amounts it applied are open again.
 * @returns ok({status:"Deleted", domain:"QBO", Id})
 * @returns err 2020/610/5010 from the version check
 */
export const deletePayment = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Payment', body);
  if (!stored.ok) return stored;
  const id = String(stored.value['Id']);
  deleteEntity(company, 'Payment', id);
  refreshLinked(company, applicationsOf(stored.value));
  return success({ status: 'Deleted', domain: 'QBO', Id: id });
};

/** Whether payments still link the transaction (QBO-API.md §1: "any linked transactions must be unlinked first"). */
export const isLinkedToPayment = (company: Company, type: Linkable, id: string): boolean => paymentsApplying(company, type, id).length > 0;

/**
 * Preferences.SalesFormsPrefs.AutoApplyCredit (QBO-API.md §5 CreditMemo): the customer's open credits are applied to
 * its new invoice, oldest first, through a zero-amount Payment, as QBO does.
 * @returns the invoice as stored afterwards
 */
export const autoApplyCredits = (company: Company, invoice: QboObject): QboObject => {
  const invoiceId = String(invoice['Id']);
  const customerId = refValue(invoice, 'CustomerRef');
  let open = openBalance(company, invoice, 'Invoice');
  const lines: QboObject[] = [];
  let applied = 0n;
  const credits = [...entitiesOf(company, 'CreditMemo').values()].filter((c) => refValue(c, 'CustomerRef') === customerId);
  for (const credit of credits.sort((a, b) => Number(a['Id']) - Number(b['Id']))) {
    const remaining = openBalance(company, credit, 'CreditMemo');
    if (open <= 0n || remaining <= 0n) continue;
    const amount = remaining < open ? remaining : open;
    open -= amount;
    applied += amount;
    lines.push({ Amount: toNumber(amount), LinkedTxn: [{ TxnId: credit['Id'], TxnType: 'CreditMemo' }] });
  }
  if (lines.length === 0) return invoice;
  createPayment(company, {
    CustomerRef: { value: customerId },
    TotalAmt: 0,
    Line: [{ Amount: toNumber(applied), LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }, ...lines],
  });
  return findEntity(company, 'Invoice', invoiceId) ?? invoice;
};
