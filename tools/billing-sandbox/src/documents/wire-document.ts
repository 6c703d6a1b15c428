// The document JSON the billing core sends, in events and in the history (`docs/document-message.md`).
// The sandbox writes it on its own, without the module's code, so a test of the module against it
// checks the module against the format, not against itself.

export interface WireAddress {
  readonly lines: readonly string[];
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
}

export interface WireCustomer {
  readonly id: string;
  readonly kind: 'person' | 'company';
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: WireAddress;
}

export type WireDiscount = { readonly percent: string } | { readonly amountCents: number };

export interface WireLine {
  readonly service: { readonly id: string; readonly name: string };
  readonly description: string;
  /** Decimal text, e.g. `"2.5"`. */
  readonly quantity: string;
  /** Decimal text in currency units, e.g. `"25.00"`. */
  readonly unitPrice: string;
  /** Percent as decimal text: `"20"`, `"10"`, `"5.5"`, `"0"`. */
  readonly vatRate: string;
  readonly discount?: WireDiscount;
  readonly totalCents: number;
}

export interface WireVat {
  readonly rate: string;
  readonly baseCents: number;
  readonly amountCents: number;
}

export interface WireDocument {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string;
  readonly customer: WireCustomer;
  readonly lines: readonly WireLine[];
  readonly totals: { readonly netCents: number; readonly grossCents: number; readonly vat: readonly WireVat[] };
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly createdAt: string;
  readonly validatedAt: string;
  readonly issuedOn: string;
  readonly dueOn?: string;
  readonly correctsInvoiceId?: string;
  readonly memo?: string;
}
