// Invoice and CreditMemo: validation, QBO's totals, create, update, delete and void (QBO-API.md §1, §5, §6;
// totals per docs/qbo-computation-model.md).
import type { Company, QboObject } from '../company/company.js';
import { deleteEntity, entitiesOf, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import type { Dec } from '../company/exact-decimal.js';
import { formatGrouped, mulRound, parseDec, toNumber } from '../company/exact-decimal.js';
import { qboDate, qboDateTime } from '../company/qbo-time.js';
import type { EngineResult, TaxMode } from '../company/tax-engine.js';
import { computeTotals } from '../company/tax-engine.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { checkEmail, checkEnum, checkLength, isObject, objectAt, refValue, stringAt, withoutServerFields } from './qbo-fields.js';
import { checkAddresses } from './address-rules.js';
import type { ReadLine } from './sales-transaction-lines.js';
import { readLines } from './sales-transaction-lines.js';
import { autoApplyCredits, isLinkedToPayment, paymentFields } from './payment-rules.js';

export type SalesTxnType = 'Invoice' | 'CreditMemo';
export interface SalesTxnOptions {
  readonly allowDuplicateDocNum: boolean;
}

const modes: readonly string[] = ['TaxExcluded', 'TaxInclusive', 'NotApplicable'];
const transactionLocations: readonly string[] = ['WithinFrance', 'FranceOverseas', 'OutsideFranceWithEU', 'OutsideEU'];
const maxTaxableLines = 750;
/**
 * Fields the server computes (QBO-API.md §5: TotalAmt, Balance, RemainingCredit read-only; LinkedTxn read-only) and
 * InvoiceRef ("Applicable for IN Region" only, not simulated). TxnTaxDetail is read apart.
 */
const readOnlyFields = ['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'RemainingCredit', 'TxnTaxDetail', 'LinkedTxn', 'InvoiceRef'];

const isCountedLine = (line: unknown): boolean => {
  if (!isObject(line)) return false;
  const type = stringAt(line, 'DetailType');
  return (
    type === 'SalesItemLineDetail' ||
    type === 'GroupLineDetail' ||
    (type === 'DescriptionOnly' && stringAt(line, 'Description')?.trim().toLowerCase() === 'subtotal:')
  );
};
const isTaxedUsLine = (line: unknown): boolean =>
  isObject(line) && refValue(objectAt(line, 'SalesItemLineDetail') ?? {}, 'TaxCodeRef') === 'TAX';

/**
 * TxnDate and DueDate as `YYYY-MM-DD`; the doc text's `yyyy/MM/dd` is read too (QBO-API.md §5 Invoice "Dates").
 * A value that is no calendar date gives 2060 "Invalid Date" (code UNCONFIRMED).
 */
const readDates = (fields: QboObject, errors: QboError[]): { txnDate?: string; dueDate?: string } => {
  const read = (key: string): string | undefined => {
    const v = fields[key];
    if (v === undefined || v === null || v === '') return undefined;
    const m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(String(v).trim());
    const date = m === null ? undefined : `${m[1]}-${m[2]}-${m[3]}`;
    if (date === undefined || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      errors.push(faults.invalidDate(key, String(v)));
      return undefined;
    }
    return date;
  };
  const txnDate = read('TxnDate');
  const dueDate = read('DueDate');
  return { ...(txnDate === undefined ? {} : { txnDate }), ...(dueDate === undefined ? {} : { dueDate }) };
};

/** Multicurrency: HomeTotalAmt = TotalAmt × ExchangeRate (1 when none is sent), rounded to cents. */
const homeAmounts = (total: Dec, rate: Dec | undefined): QboObject => {
  const home = toNumber(mulRound(total, rate ?? parseDec(1) ?? 0n, 2));
  return { HomeTotalAmt: home, HomeBalance: home, ExchangeRate: toNumber(rate ?? parseDec(1) ?? 0n) };
};
/** The company's default terms, Net 30: QBO-API.md §10's sample has DueDate = TxnDate + 30 without a SalesTermRef. */
const defaultTermDays = 30;
const addDays = (date: string, days: number): string => {
  const at = Date.parse(`${date.slice(0, 10).replace(/\//g, '-')}T00:00:00Z`);
  return Number.isFinite(at) ? new Date(at + days * 86_400_000).toISOString().slice(0, 10) : date;
};
const num = (d: Dec): number => toNumber(d);

const nextDocNumber = (company: Company, type: SalesTxnType): string => {
  const start = type === 'Invoice' ? 1000 : 0;
  const next = (company.docNumbers.get(type) ?? start) + 1;
  company.docNumbers.set(type, next);
  return String(next);
};

const checkDocNumber = (
  company: Company,
  type: SalesTxnType,
  fields: QboObject,
  selfId: string | undefined,
  options: SalesTxnOptions,
  errors: QboError[],
): void => {
  const docNumber = stringAt(fields, 'DocNumber');
  const { settings } = company;
  if ((docNumber === undefined || docNumber === '') && settings.country === 'FR' && settings.customTxnNumbers) {
    errors.push(faults.required('DocNumber'));
    return;
  }
  if (docNumber === undefined) return;
  checkLength(fields, 'DocNumber', 21, errors);
  if (!settings.warnDuplicateDocNum || options.allowDuplicateDocNum) return;
  const clash = [...entitiesOf(company, type).values()].find((t) => t['Id'] !== selfId && t['DocNumber'] === docNumber);
  if (clash !== undefined) errors.push(faults.duplicateDocNumber(docNumber, type, String(clash['Id'])));
};

const suppliedTaxLines = (detail: QboObject | undefined): { rateId: string; amount?: Dec; netAmountTaxable?: Dec }[] => {
  const lines = Array.isArray(detail?.['TaxLine']) ? (detail['TaxLine'] as unknown[]) : [];
  return lines.filter(isObject).flatMap((l) => {
    const d = objectAt(l, 'TaxLineDetail');
    const rateId = d === undefined ? undefined : refValue(d, 'TaxRateRef');
    const amount = parseDec(l['Amount']);
    const net = d === undefined ? undefined : parseDec(d['NetAmountTaxable']);
    return rateId === undefined
      ? []
      : [{ rateId, ...(amount === undefined ? {} : { amount }), ...(net === undefined ? {} : { netAmountTaxable: net }) }];
  });
};

const lineIdsOf = (previous: QboObject | undefined): Set<string> =>
  new Set(
    (Array.isArray(previous?.['Line']) ? (previous['Line'] as unknown[]) : [])
      .filter(isObject)
      .flatMap((l) => (typeof l['Id'] === 'string' ? [l['Id']] : [])),
  );

const outputLines = (read: readonly ReadLine[], result: EngineResult, previous: QboObject | undefined, inclusive: boolean): QboObject[] => {
  const known = lineIdsOf(previous);
  let nextLineId = Math.max(0, ...[...known].map(Number).filter(Number.isFinite)) + 1;
  const lines = read.map((r, index): QboObject => {
    const sentId = stringAt(r.source, 'Id');
    // QBO-API.md §1: an Id > 0 that exists updates that line; otherwise a new line.
    const id = sentId !== undefined && Number(sentId) > 0 && known.has(sentId) ? sentId : String(nextLineId++);
    const computed = result.lines[index];
    const detail: QboObject = { ...r.detail };
    let amount: unknown = r.source['Amount'];
    if (computed !== undefined && r.detailType === 'SalesItemLineDetail') {
      amount = num(computed.amount);
      if (computed.unitPrice !== undefined) detail['UnitPrice'] = num(computed.unitPrice);
      if (inclusive && computed.taxInclusiveAmt !== undefined) detail['TaxInclusiveAmt'] = num(computed.taxInclusiveAmt);
      else delete detail['TaxInclusiveAmt'];
      if (detail['DiscountAmt'] !== undefined || detail['DiscountRate'] !== undefined) detail['DiscountAmt'] = num(computed.discount);
      for (const k of ['Qty', 'UnitPrice', 'DiscountRate'] as const) if (detail[k] !== undefined) detail[k] = Number(detail[k]);
    } else if (computed !== undefined && r.detailType === 'DiscountLineDetail') {
      amount = num(computed.amount);
    }
    const line: QboObject = { Id: id, LineNum: index + 1 };
    if (r.source['Description'] !== undefined) line['Description'] = r.source['Description'];
    if (amount !== undefined) line['Amount'] = typeof amount === 'string' ? Number(amount) : amount;
    line['DetailType'] = r.detailType;
    line[r.detailType === 'DescriptionOnly' ? 'DescriptionLineDetail' : r.detailType] = detail;
    return line;
  });
  return [...lines, { Amount: num(result.subTotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
};

const taxDetailOutput = (result: EngineResult): QboObject => ({
  TotalTax: num(result.totalTax),
  ...(result.taxLines.length === 0
    ? {}
    : {
        TaxLine: result.taxLines.map((t) => ({
          Amount: num(t.amount),
          DetailType: 'TaxLineDetail',
          TaxLineDetail: {
            TaxRateRef: { value: t.rateId },
            PercentBased: true,
            TaxPercent: num(t.percent),
            NetAmountTaxable: num(t.netAmountTaxable),
            ...(t.overrideDelta === undefined ? {} : { OverrideDeltaAmount: num(t.overrideDelta) }),
          },
        })),
      }),
});

/** Checks and computes a transaction's writable fields (merged for sparse updates); faults as QBO gives them. */
const buildTransaction = (
  company: Company,
  type: SalesTxnType,
  fields: QboObject,
  taxDetail: QboObject | undefined,
  previous: QboObject | undefined,
  options: SalesTxnOptions,
): Outcome<QboObject> => {
  const errors: QboError[] = [];
  const { settings } = company;
  const us = settings.country === 'US';
  const customerId = refValue(fields, 'CustomerRef');
  if (customerId === undefined) errors.push(faults.required('CustomerRef'));
  const lines = Array.isArray(fields['Line']) ? (fields['Line'] as unknown[]) : [];
  // QBO-API.md §5 Invoice: at least one line, "a SalesItemLine, a GroupLine, or an inline subtotal".
  if (!lines.some(isCountedLine)) errors.push(faults.required('Line'));
  // QBO-API.md §5 Invoice: CurrencyRef is required when multicurrency is on.
  if (settings.multiCurrencyEnabled && refValue(fields, 'CurrencyRef') === undefined) errors.push(faults.required('CurrencyRef'));
  if (errors.length > 0) return failure(...errors);
  const customer = findEntity(company, 'Customer', customerId ?? '');
  if (customer === undefined) return failure(faults.invalidReference('CustomerRef', 'Customer', customerId ?? ''));
  if (customer['Active'] === false) return failure(faults.objectNotFound('CustomerRef'));
  checkDocNumber(company, type, fields, previous === undefined ? undefined : String(previous['Id']), options, errors);
  checkLength(fields, 'PrivateNote', 4000, errors);
  // QBO-API.md §5 Invoice: BillEmail is required when EmailStatus is NeedToSend.
  if (stringAt(fields, 'EmailStatus') === 'NeedToSend' && (objectAt(fields, 'BillEmail')?.['Address'] ?? '') === '')
    errors.push(faults.required('BillEmail'));
  checkLength(fields, 'CustomerMemo.value', 1000, errors);
  checkEmail(fields, 'BillEmail.Address', errors);
  checkAddresses(fields, ['BillAddr', 'ShipAddr'], errors);
  checkEnum(fields, 'EmailStatus', ['NotSet', 'NeedToSend', 'EmailSent'], errors);
  checkEnum(fields, 'PrintStatus', ['NotSet', 'NeedToPrint', 'PrintComplete'], errors);
  if (settings.country === 'FR') checkEnum(fields, 'TransactionLocationType', transactionLocations, errors);
  // QBO-API.md §5 Invoice: CustomField, max 3.
  if (Array.isArray(fields['CustomField']) && fields['CustomField'].length > 3)
    errors.push(faults.business('A transaction can have at most 3 custom fields.', 'CustomField'));
  const dates = readDates(fields, errors);
  // QBO-API.md §5 Invoice: "At most 750 lines when the invoice is taxable".
  if (lines.length > maxTaxableLines && (us ? lines.some(isTaxedUsLine) : settings.vatEnabled))
    errors.push(faults.business(`A taxable transaction can have at most ${maxTaxableLines} lines.`, 'Line'));
  const requestedMode = stringAt(fields, 'GlobalTaxCalculation') ?? 'TaxExcluded';
  if (!us && !modes.includes(requestedMode)) errors.push(faults.invalidEnumeration('GlobalTaxCalculation', requestedMode));
  const mode: TaxMode = us || !settings.vatEnabled ? 'NotApplicable' : (requestedMode as TaxMode);
  const honourTaxDetail = !us && settings.vatEnabled;
  const supplied = honourTaxDetail ? suppliedTaxLines(taxDetail) : [];
  if (
    honourTaxDetail &&
    mode === 'NotApplicable' &&
    taxDetail !== undefined &&
    (supplied.length > 0 || taxDetail['TotalTax'] !== undefined)
  )
    errors.push(faults.taxDetailNotApplicable());
  const read = readLines(company, lines, errors);
  if (errors.length > 0) return failure(...errors);
  const outcome = computeTotals({
    mode,
    lines: read.map((r) => r.engine),
    suppliedTaxLines: supplied,
    inclusiveOverrideKeepsGross: settings.inclusiveOverrideKeepsGross,
  });
  if (!outcome.ok) {
    const e = outcome.error;
    return failure(
      e.kind === 'amount-mismatch'
        ? faults.amountMismatch(formatGrouped(e.supplied))
        : faults.business(
            `TaxRateRef ${e.rateId} in TxnTaxDetail must be a rate of a tax code used on a line, listed once.`,
            'TxnTaxDetail',
          ),
    );
  }
  const result = outcome.value;
  const txnDate = dates.txnDate ?? qboDate(company.now());
  const total = num(result.totalAmt);
  const multi = settings.multiCurrencyEnabled;
  const docNumber =
    stringAt(fields, 'DocNumber') ?? (previous === undefined && !settings.customTxnNumbers ? nextDocNumber(company, type) : undefined);
  // QBO-API.md §5 Invoice: BillAddr and ShipAddr default to the customer's addresses.
  const billAddr = fields['BillAddr'] ?? customer['BillAddr'];
  const shipAddr = fields['ShipAddr'] ?? customer['ShipAddr'];
  return success({
    ...fields,
    ...(docNumber === undefined ? {} : { DocNumber: docNumber }),
    TxnDate: txnDate,
    ...(type === 'Invoice' ? { DueDate: dates.dueDate ?? addDays(txnDate, defaultTermDays) } : {}),
    CurrencyRef: multi ? { value: refValue(fields, 'CurrencyRef') } : { value: settings.homeCurrency },
    CustomerRef: { value: customerId, name: customer['DisplayName'] },
    ...(billAddr === undefined ? {} : { BillAddr: billAddr }),
    ...(shipAddr === undefined ? {} : { ShipAddr: shipAddr }),
    ...(us ? { ApplyTaxAfterDiscount: fields['ApplyTaxAfterDiscount'] === true } : { GlobalTaxCalculation: requestedMode }),
    ...(settings.country === 'FR' ? { TransactionLocationType: stringAt(fields, 'TransactionLocationType') ?? 'WithinFrance' } : {}),
    Line: outputLines(read, result, previous, mode === 'TaxInclusive'),
    TxnTaxDetail: taxDetailOutput(result),
    TotalAmt: total,
    Balance: total,
    ...(multi ? homeAmounts(result.totalAmt, parseDec(fields['ExchangeRate'])) : {}),
    ...(type === 'Invoice'
      ? {
          Deposit: 0,
          PrintStatus: stringAt(fields, 'PrintStatus') ?? 'NotSet',
          EmailStatus: stringAt(fields, 'EmailStatus') ?? 'NotSet',
          LinkedTxn: [],
        }
      : {
          RemainingCredit: total,
          PrintStatus: stringAt(fields, 'PrintStatus') ?? 'NotSet',
          EmailStatus: stringAt(fields, 'EmailStatus') ?? 'NotSet',
          LinkedTxn: [],
        }),
  });
};

/**
 * Creates an invoice or credit memo.
 * @returns ok(transaction) with QBO's totals, a SubTotalLineDetail line appended
 * @returns err 2020 / 2050 / 2090 / 2170 / 2500 / 610 / 6000 / 6070 / 6090 / 6100 / 6140 / 6170 as QBO-API.md §6 lists
 */
export const createSalesTransaction = (
  company: Company,
  type: SalesTxnType,
  body: QboObject,
  options: SalesTxnOptions,
): Outcome<QboObject> => {
  const fields = withoutServerFields(body);
  for (const k of readOnlyFields) delete fields[k];
  const built = buildTransaction(company, type, fields, objectAt(body, 'TxnTaxDetail'), undefined, options);
  if (!built.ok) return built;
  const created = insertEntity(company, type, built.value);
  return success(type === 'Invoice' && company.settings.autoApplyCredit ? autoApplyCredits(company, created) : created);
};

/** Overridden tax lines of a stored transaction, kept by a sparse update that does not resend TxnTaxDetail. */
const keptOverrides = (previous: QboObject): QboObject | undefined => {
  const detail = objectAt(previous, 'TxnTaxDetail');
  const lines = Array.isArray(detail?.['TaxLine']) ? (detail['TaxLine'] as unknown[]).filter(isObject) : [];
  const overridden = lines.filter((l) => objectAt(l, 'TaxLineDetail')?.['OverrideDeltaAmount'] !== undefined);
  return overridden.length === 0 ? undefined : { TaxLine: overridden };
};

/**
 * Updates an invoice or credit memo (sparse: only the fields sent change; full: the rest is cleared).
 * A resent TxnTaxDetail is kept as given (QBO-API.md §5: "remove TxnTaxDetail" to have tax recomputed).
 * @returns ok(transaction) with SyncToken + 1
 * @returns err as create, plus 2020/610/5010 from the version check
 */
export const updateSalesTransaction = (
  company: Company,
  type: SalesTxnType,
  body: QboObject,
  options: SalesTxnOptions,
): Outcome<QboObject> => {
  const stored = currentVersion(company, type, body);
  if (!stored.ok) return stored;
  const previous = stored.value;
  const sent = withoutServerFields(body);
  const sparse = isSparse(body);
  const fields = sparse ? { ...withoutServerFields(previous), ...sent } : sent;
  for (const k of readOnlyFields) delete fields[k];
  if (fields['DocNumber'] === undefined && previous['DocNumber'] !== undefined && !company.settings.customTxnNumbers)
    fields['DocNumber'] = previous['DocNumber'];
  const taxDetail = objectAt(body, 'TxnTaxDetail') ?? (sparse ? keptOverrides(previous) : undefined);
  const built = buildTransaction(company, type, fields, taxDetail, previous, options);
  if (!built.ok) return built;
  // Payments applied to it stay applied: Balance and LinkedTxn come from them (read-only, QBO-API.md §5).
  const linked = paymentFields(company, type, String(previous['Id']), parseDec(built.value['TotalAmt']) ?? 0n);
  return success(replaceEntity(company, type, previous, { ...built.value, ...linked }));
};

/**
 * Deletes a transaction (`?operation=delete`).
 * @returns ok({status:"Deleted", domain:"QBO", Id})
 * @returns err 2020/610/5010 from the version check
 */
export const deleteSalesTransaction = (company: Company, type: SalesTxnType, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, type, body);
  if (!stored.ok) return stored;
  const id = String(stored.value['Id']);
  if (isLinkedToPayment(company, type, id)) return failure(faults.linkedTransaction(type, id));
  deleteEntity(company, type, id);
  return success({ status: 'Deleted', domain: 'QBO', Id: id });
};

/**
 * Voids an invoice, or a credit memo when the company setting `creditMemoVoid` allows it (`?operation=void`): amounts and quantities become 0, "Voided" is prepended to PrivateNote.
 * @returns ok(invoice) with SyncToken + 1
 * @returns err 2020/610/5010 from the version check
 */
export const voidTransaction = (company: Company, type: SalesTxnType, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, type, body);
  if (!stored.ok) return stored;
  const previous = stored.value;
  const zeroLine = (l: unknown): unknown => {
    if (!isObject(l)) return l;
    const line: QboObject = { ...l, Amount: 0 };
    const detail = objectAt(l, 'SalesItemLineDetail');
    if (detail !== undefined)
      line['SalesItemLineDetail'] = {
        ...detail,
        ...(detail['Qty'] === undefined ? {} : { Qty: 0 }),
        ...(detail['TaxInclusiveAmt'] === undefined ? {} : { TaxInclusiveAmt: 0 }),
      };
    return line;
  };
  const note = stringAt(previous, 'PrivateNote');
  const lines = Array.isArray(previous['Line']) ? (previous['Line'] as unknown[]) : [];
  const taxDetail = objectAt(previous, 'TxnTaxDetail');
  const fields: QboObject = {
    ...withoutServerFields(previous),
    PrivateNote: note === undefined || note === '' ? 'Voided' : `Voided - ${note}`,
    Line: lines.map(zeroLine),
    TxnTaxDetail: {
      TotalTax: 0,
      ...(Array.isArray(taxDetail?.['TaxLine'])
        ? {
            TaxLine: (taxDetail['TaxLine'] as unknown[])
              .filter(isObject)
              .map((t) => ({ ...t, Amount: 0, TaxLineDetail: { ...(objectAt(t, 'TaxLineDetail') ?? {}), NetAmountTaxable: 0 } })),
          }
        : {}),
    },
    TotalAmt: 0,
    Balance: 0,
    ...(previous['HomeTotalAmt'] === undefined ? {} : { HomeTotalAmt: 0, HomeBalance: 0 }),
    ...(type === 'CreditMemo' ? { RemainingCredit: 0 } : {}),
  };
  return success(replaceEntity(company, type, previous, fields, 'Void'));
};

/**
 * Emails an invoice (`POST /invoice/{id}/send?sendTo=`): `sendTo` replaces BillEmail, EmailStatus becomes EmailSent and
 * DeliveryInfo records the time (QBO-API.md §1 "email"); like every change, SyncToken + 1 (UNCONFIRMED).
 * @returns ok(invoice)
 * @returns err 610 if there is no such invoice, 2020 BillEmail if neither `sendTo` nor a BillEmail gives an address,
 *   2210 if the address has no "@" and "."
 */
export const sendInvoice = (company: Company, id: string, sendTo: string | undefined): Outcome<QboObject> => {
  const previous = findEntity(company, 'Invoice', id);
  if (previous === undefined) return failure(faults.objectNotFound());
  const address = sendTo !== undefined && sendTo !== '' ? sendTo : stringAt(objectAt(previous, 'BillEmail') ?? {}, 'Address');
  if (address === undefined || address === '') return failure(faults.required('BillEmail'));
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return failure(faults.invalidEmail('BillEmail.Address'));
  const fields: QboObject = {
    ...withoutServerFields(previous),
    BillEmail: { Address: address },
    EmailStatus: 'EmailSent',
    DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: qboDateTime(company.now()) },
  };
  return success(replaceEntity(company, 'Invoice', previous, fields, 'Emailed'));
};
