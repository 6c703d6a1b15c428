import {
  centsToAmount,
  toNumber,
  type CreditApplication,
  type QboCustomerPayload,
  type QboLine,
  type QboServiceItemPayload,
  type QboTaxLine,
  type QboTransactionPayload,
} from '@ogustine-qbo/domain';

/** A QBO entity as JSON. */
export type QboJson = Record<string, unknown>;

const optional = (key: string, value: unknown): QboJson => (value === undefined ? {} : { [key]: value });

const lineJson = (line: QboLine): QboJson =>
  line.kind === 'discount'
    ? {
        DetailType: 'DiscountLineDetail',
        Amount: centsToAmount(line.amount),
        Description: line.description,
        DiscountLineDetail: { PercentBased: false, TaxCodeRef: { value: line.taxCodeRef } },
      }
    : {
        DetailType: 'SalesItemLineDetail',
        Amount: centsToAmount(line.amount),
        Description: line.description,
        SalesItemLineDetail: {
          ItemRef: { value: line.itemRef },
          TaxCodeRef: { value: line.taxCodeRef },
          ...optional('Qty', line.qty === undefined ? undefined : toNumber(line.qty)),
          ...optional('UnitPrice', line.unitPrice === undefined ? undefined : toNumber(line.unitPrice)),
          ...optional('TaxInclusiveAmt', line.taxInclusiveAmount === undefined ? undefined : centsToAmount(line.taxInclusiveAmount)),
          ...optional('DiscountAmt', line.discountAmount === undefined ? undefined : centsToAmount(line.discountAmount)),
        },
      };

const taxLineJson = (line: QboTaxLine): QboJson => ({
  DetailType: 'TaxLineDetail',
  Amount: centsToAmount(line.amount),
  TaxLineDetail: {
    TaxRateRef: { value: line.taxRateRef },
    PercentBased: true,
    TaxPercent: toNumber(line.ratePercent),
    NetAmountTaxable: centsToAmount(line.netAmountTaxable),
  },
});

/**
 * The body of an Invoice or CreditMemo (not wrapped in `{"Invoice": …}`). `TxnTaxDetail` only when the
 * payload supplies tax lines: otherwise QBO computes the tax itself.
 * @returns the JSON entity
 */
export const transactionJson = (payload: QboTransactionPayload): QboJson => ({
  DocNumber: payload.docNumber,
  TxnDate: payload.txnDate,
  ...optional('DueDate', payload.dueDate),
  CustomerRef: { value: payload.customerRef },
  CurrencyRef: { value: payload.currency },
  GlobalTaxCalculation: payload.globalTaxCalculation,
  PrivateNote: payload.privateNote,
  ...optional('CustomerMemo', payload.customerMemo === undefined ? undefined : { value: payload.customerMemo }),
  Line: payload.lines.map(lineJson),
  ...(payload.taxLines === undefined
    ? {}
    : {
        TxnTaxDetail: {
          TotalTax: centsToAmount(payload.taxLines.reduce((sum, t) => sum + t.amount, 0)),
          TaxLine: payload.taxLines.map(taxLineJson),
        },
      }),
});

/** @returns the Customer entity */
export const customerJson = (payload: QboCustomerPayload): QboJson => {
  const address = payload.billingAddress;
  return {
    DisplayName: payload.displayName,
    ...optional('GivenName', payload.givenName),
    ...optional('FamilyName', payload.familyName),
    ...optional('CompanyName', payload.companyName),
    ...optional('PrimaryEmailAddr', payload.email === undefined ? undefined : { Address: payload.email }),
    ...optional('PrimaryPhone', payload.phone === undefined ? undefined : { FreeFormNumber: payload.phone }),
    ...optional(
      'BillAddr',
      address === undefined
        ? undefined
        : {
            ...Object.fromEntries(address.lines.map((line, i) => [`Line${i + 1}`, line])),
            ...optional('City', address.city),
            ...optional('PostalCode', address.postalCode),
            ...optional('Country', address.country),
          },
    ),
  };
};

/** @returns the Item entity of type Service */
export const serviceItemJson = (payload: QboServiceItemPayload): QboJson => ({
  Name: payload.name,
  Type: payload.type,
  IncomeAccountRef: { value: payload.incomeAccountRef },
  ...optional('Description', payload.description),
  ...optional('ItemCategoryType', payload.itemCategoryType),
});

/**
 * The Payment that applies a credit memo to an invoice: `TotalAmt` 0, one line linked to each
 * (QBO-API.md §5 CreditMemo).
 * @returns the Payment entity
 */
export const creditApplicationJson = (application: CreditApplication): QboJson => {
  const amount = centsToAmount(application.amount);
  return {
    CustomerRef: { value: application.customerRef },
    TotalAmt: 0,
    TxnDate: application.txnDate,
    Line: [
      { Amount: amount, LinkedTxn: [{ TxnId: application.invoiceId, TxnType: 'Invoice' }] },
      { Amount: amount, LinkedTxn: [{ TxnId: application.creditMemoId, TxnType: 'CreditMemo' }] },
    ],
  };
};

/** A string literal of QBO's query language: single quotes, an apostrophe escaped as `\'`. */
export const queryLiteral = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
