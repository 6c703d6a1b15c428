import type { Decimal } from '../shared/decimal.js';
import type { Cents, CurrencyCode } from '../shared/money.js';
import type { CalendarDate, Instant } from '../shared/time.js';
import type { VatRate } from './vat-rate.js';

/** Ogustine's identifier of an account (a tenant: one QBO company at most). */
export type AccountId = string;
/** Ogustine's identifier of a document (invoice or credit note). */
export type DocumentId = string;
export type CustomerId = string;
export type ServiceId = string;

export type DocumentKind = 'invoice' | 'credit_note';

export interface PostalAddress {
  readonly lines: readonly string[];
  readonly postalCode?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  readonly country?: string;
}

/** The customer as Ogustine knew them when the document was validated. */
export interface CustomerSnapshot {
  readonly id: CustomerId;
  readonly kind: 'person' | 'company';
  /** Full name for a person, trade name for a company, as printed on the document. */
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: PostalAddress;
}

/** A service (*prestation*) of Ogustine's catalogue. */
export interface ServiceRef {
  readonly id: ServiceId;
  readonly name: string;
}

export type LineDiscount = { readonly kind: 'percent'; readonly percent: Decimal } | { readonly kind: 'amount'; readonly amount: Cents };

export interface DocumentLine {
  readonly service: ServiceRef;
  readonly description: string;
  /** As Ogustine sends it, exact (hours, visits, units…). */
  readonly quantity: Decimal;
  /** Per unit, in currency units, exact; excluding tax or including it as `pricesIncludeTax` says. */
  readonly unitPrice: Decimal;
  readonly vatRate: VatRate;
  readonly discount?: LineDiscount;
  /**
   * The line total Ogustine printed, after discount, in cents: excluding tax when prices exclude
   * tax, including tax when they include it. Ogustine's figure is the reference; mapping keeps it.
   */
  readonly total: Cents;
}

/** Ogustine's VAT breakdown for one rate. */
export interface VatSubtotal {
  readonly rate: VatRate;
  /** Net amount taxed at this rate. */
  readonly base: Cents;
  /** VAT at this rate. */
  readonly amount: Cents;
}

export interface DocumentTotals {
  readonly net: Cents;
  readonly vat: readonly VatSubtotal[];
  readonly gross: Cents;
}

/**
 * A validated invoice or credit note as Ogustine sends it. Amounts are positive for both kinds: a
 * credit note's amounts are the credit (QBO's CreditMemo takes positive amounts too).
 */
export interface OgustineDocument {
  readonly id: DocumentId;
  readonly accountId: AccountId;
  readonly kind: DocumentKind;
  /** Ogustine's number, printed on the document, e.g. `2024-01-15`. */
  readonly number: string;
  readonly customer: CustomerSnapshot;
  readonly lines: readonly DocumentLine[];
  readonly totals: DocumentTotals;
  readonly currency: CurrencyCode;
  readonly pricesIncludeTax: boolean;
  readonly createdAt: Instant;
  readonly issuedOn: CalendarDate;
  readonly dueOn?: CalendarDate;
  readonly validatedAt: Instant;
  /** For a credit note: the invoice it corrects, when Ogustine knows it. */
  readonly correctsInvoiceId?: DocumentId;
  /** A free note Ogustine wants kept with the document (goes to the QBO memo). */
  readonly memo?: string;
}
