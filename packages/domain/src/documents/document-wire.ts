import type { Decimal } from '../shared/decimal.js';
import type { Instant } from '../shared/time.js';
import type { OgustineDocument } from './document.js';

/*
 * The document as the billing core publishes it in a `invoice.validated` / `credit_note.validated`
 * message: camelCase JSON, versioned by the message envelope. `docs/document-message.md` is its
 * reference. `parseDocument` reads it (untrusted); `toDocumentWire` writes it (tests, demo, fixtures).
 */

/** A quantity, price or rate: a JSON number, or a decimal text such as `"12.3456"` (read exactly either way). */
export type DecimalWire = number | string;

export interface PostalAddressWire {
  readonly lines: readonly string[];
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
}

export interface CustomerWire {
  readonly id: string;
  readonly kind: 'person' | 'company';
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: PostalAddressWire;
}

export type DiscountWire = { readonly percent: DecimalWire } | { readonly amountCents: number };

export interface DocumentLineWire {
  readonly service: { readonly id: string; readonly name: string };
  readonly description?: string;
  readonly quantity: DecimalWire;
  readonly unitPrice: DecimalWire;
  readonly vatRate: DecimalWire;
  readonly discount?: DiscountWire;
  readonly totalCents: number;
}

export interface VatSubtotalWire {
  readonly rate: DecimalWire;
  readonly baseCents: number;
  readonly amountCents: number;
}

export interface DocumentWire {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string;
  readonly customer: CustomerWire;
  readonly lines: readonly DocumentLineWire[];
  readonly totals: { readonly netCents: number; readonly grossCents: number; readonly vat: readonly VatSubtotalWire[] };
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  /** ISO 8601 date-time with `Z` or an offset, e.g. `2024-01-15T10:30:00+01:00`. */
  readonly createdAt: string;
  readonly validatedAt: string;
  /** `YYYY-MM-DD`. */
  readonly issuedOn: string;
  readonly dueOn?: string;
  readonly correctsInvoiceId?: string;
  readonly memo?: string;
}

/**
 * Decimal text that keeps the scale (`1.50` stays `1.50`), so the parsed value is the very same
 * `Decimal`, not only an equal one.
 */
export const decimalToWire = (d: Decimal): string => {
  if (d.scale <= 0) return (d.units * 10n ** BigInt(-d.scale)).toString();
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
};

const instantToWire = (instant: Instant): string => new Date(instant).toISOString();

/**
 * The wire form of a document, as the billing core would publish it. Decimals are written as text,
 * instants in UTC (`…Z`). `parseDocument(toDocumentWire(doc))` gives `doc` back for every document
 * `parseDocument` can return.
 */
export const toDocumentWire = (doc: OgustineDocument): DocumentWire => {
  const { customer } = doc;
  const address = customer.address;
  return {
    id: doc.id,
    accountId: doc.accountId,
    kind: doc.kind,
    number: doc.number,
    customer: {
      id: customer.id,
      kind: customer.kind,
      name: customer.name,
      ...(customer.firstName === undefined ? {} : { firstName: customer.firstName }),
      ...(customer.lastName === undefined ? {} : { lastName: customer.lastName }),
      ...(customer.companyName === undefined ? {} : { companyName: customer.companyName }),
      ...(customer.email === undefined ? {} : { email: customer.email }),
      ...(customer.phone === undefined ? {} : { phone: customer.phone }),
      ...(address === undefined
        ? {}
        : {
            address: {
              lines: [...address.lines],
              ...(address.postalCode === undefined ? {} : { postalCode: address.postalCode }),
              ...(address.city === undefined ? {} : { city: address.city }),
              ...(address.country === undefined ? {} : { country: address.country }),
            },
          }),
    },
    lines: doc.lines.map((line) => ({
      service: { id: line.service.id, name: line.service.name },
      description: line.description,
      quantity: decimalToWire(line.quantity),
      unitPrice: decimalToWire(line.unitPrice),
      vatRate: decimalToWire(line.vatRate),
      ...(line.discount === undefined
        ? {}
        : {
            discount:
              line.discount.kind === 'percent' ? { percent: decimalToWire(line.discount.percent) } : { amountCents: line.discount.amount },
          }),
      totalCents: line.total,
    })),
    totals: {
      netCents: doc.totals.net,
      grossCents: doc.totals.gross,
      vat: doc.totals.vat.map((v) => ({ rate: decimalToWire(v.rate), baseCents: v.base, amountCents: v.amount })),
    },
    currency: doc.currency,
    pricesIncludeTax: doc.pricesIncludeTax,
    createdAt: instantToWire(doc.createdAt),
    validatedAt: instantToWire(doc.validatedAt),
    issuedOn: doc.issuedOn,
    ...(doc.dueOn === undefined ? {} : { dueOn: doc.dueOn }),
    ...(doc.correctsInvoiceId === undefined ? {} : { correctsInvoiceId: doc.correctsInvoiceId }),
    ...(doc.memo === undefined ? {} : { memo: doc.memo }),
  };
};
