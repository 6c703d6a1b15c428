import type { Decimal } from '../shared/decimal.js';
import type { Cents, CurrencyCode } from '../shared/money.js';
import type { CalendarDate } from '../shared/time.js';
import type { QboId } from './company-profile.js';

export type QboTransactionType = 'Invoice' | 'CreditMemo';

export type GlobalTaxCalculation = 'TaxExcluded' | 'TaxInclusive';

/** A `SalesItemLineDetail` line. */
export interface QboItemLine {
  readonly kind: 'item';
  readonly itemRef: QboId;
  readonly description: string;
  /** Line `Amount`: net of tax, before any line discount. With `qty` and `unitPrice` it must equal round½↑(unitPrice × qty). */
  readonly amount: Cents;
  readonly qty?: Decimal;
  /** Net unit price, at most 7 decimals. */
  readonly unitPrice?: Decimal;
  readonly taxCodeRef: QboId;
  /** `TaxInclusiveAmt`, for `TaxInclusive` transactions: the line gross before any line discount. */
  readonly taxInclusiveAmount?: Cents;
  /** France's per-line `DiscountAmt`, on the same basis as the line (net when tax excluded, gross when included). */
  readonly discountAmount?: Cents;
}

/** A `DiscountLineDetail` line with a fixed amount, on the same basis as the item lines. */
export interface QboDiscountLine {
  readonly kind: 'discount';
  readonly amount: Cents;
  readonly taxCodeRef: QboId;
  readonly description: string;
}

export type QboLine = QboItemLine | QboDiscountLine;

/** One supplied `TxnTaxDetail.TaxLine`: an explicit per-rate tax amount that QBO keeps. */
export interface QboTaxLine {
  readonly taxRateRef: QboId;
  readonly ratePercent: Decimal;
  readonly netAmountTaxable: Cents;
  readonly amount: Cents;
}

/** An Invoice or CreditMemo to post, in plain domain types; the QuickBooks adapter turns it into QBO JSON. */
export interface QboTransactionPayload {
  readonly type: QboTransactionType;
  readonly docNumber: string;
  readonly customerRef: QboId;
  readonly txnDate: CalendarDate;
  readonly dueDate?: CalendarDate;
  readonly currency: CurrencyCode;
  readonly globalTaxCalculation: GlobalTaxCalculation;
  readonly lines: readonly QboLine[];
  /** Present only when QBO's own per-line computation would differ from Ogustine's VAT figures. */
  readonly taxLines?: readonly QboTaxLine[];
  /** `PrivateNote` (≤ 4000). */
  readonly privateNote: string;
  /** `CustomerMemo` (≤ 1000), printed for the customer: a credit note names the invoice it corrects. */
  readonly customerMemo?: string;
}
