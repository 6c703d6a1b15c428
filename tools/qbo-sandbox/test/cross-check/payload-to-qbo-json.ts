// The domain's QboTransactionPayload as the JSON body of POST /invoice or /creditmemo, as the QuickBooks adapter
// will send it: amounts as JSON numbers in currency units, Qty and UnitPrice as numbers of up to 7 decimals.
import type { QboLine, QboTaxLine, QboTransactionPayload } from '@ogustine-qbo/domain';
import { centsToAmount, toNumber } from '@ogustine-qbo/domain';

type Json = Record<string, unknown>;

const lineJson = (line: QboLine): Json => {
  if (line.kind === 'discount') {
    return {
      DetailType: 'DiscountLineDetail',
      Amount: centsToAmount(line.amount),
      Description: line.description,
      DiscountLineDetail: { PercentBased: false, TaxCodeRef: { value: line.taxCodeRef } },
    };
  }
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: centsToAmount(line.amount),
    Description: line.description,
    SalesItemLineDetail: {
      ItemRef: { value: line.itemRef },
      ...(line.qty === undefined ? {} : { Qty: toNumber(line.qty) }),
      ...(line.unitPrice === undefined ? {} : { UnitPrice: toNumber(line.unitPrice) }),
      TaxCodeRef: { value: line.taxCodeRef },
      ...(line.taxInclusiveAmount === undefined ? {} : { TaxInclusiveAmt: centsToAmount(line.taxInclusiveAmount) }),
      ...(line.discountAmount === undefined ? {} : { DiscountAmt: centsToAmount(line.discountAmount) }),
    },
  };
};

const taxLineJson = (line: QboTaxLine): Json => ({
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
 * The QBO JSON of an Invoice or CreditMemo payload (the body itself, not wrapped in `{"Invoice": …}`).
 * `TxnTaxDetail` is sent only when the payload supplies tax lines, so QBO computes the tax otherwise.
 * @returns the body to POST to `invoice` or `creditmemo` according to `payload.type`
 */
export const payloadToQboJson = (payload: QboTransactionPayload): Json => ({
  DocNumber: payload.docNumber,
  TxnDate: payload.txnDate,
  ...(payload.dueDate === undefined ? {} : { DueDate: payload.dueDate }),
  CustomerRef: { value: payload.customerRef },
  CurrencyRef: { value: payload.currency },
  GlobalTaxCalculation: payload.globalTaxCalculation,
  PrivateNote: payload.privateNote,
  Line: payload.lines.map(lineJson),
  ...(payload.taxLines === undefined
    ? {}
    : {
        TxnTaxDetail: {
          TotalTax: centsToAmount(payload.taxLines.reduce((s, t) => s + t.amount, 0)),
          TaxLine: payload.taxLines.map(taxLineJson),
        },
      }),
});

/** The QBO resource a payload is posted to. */
export const resourceOf = (payload: QboTransactionPayload): 'invoice' | 'creditmemo' =>
  payload.type === 'Invoice' ? 'invoice' : 'creditmemo';
