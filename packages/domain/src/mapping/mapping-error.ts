import type { ServiceId } from '../documents/document.js';
import type { NumberingError } from '../documents/numbering.js';
import type { VatRate } from '../documents/vat-rate.js';
import type { QboModelError } from '../qbo/qbo-tax-model.js';
import type { Cents, CurrencyCode } from '../shared/money.js';

/** Why an Ogustine document cannot be turned into a QBO transaction. */
export type MappingError =
  /** The QBO company is a US one: its tax model (sales tax, no tax code per line) is not supported. */
  | { readonly kind: 'mapping.us-company' }
  /** The document is in a foreign currency and multicurrency is off in QBO. */
  | { readonly kind: 'mapping.currency-not-enabled'; readonly currency: CurrencyCode; readonly homeCurrency: CurrencyCode }
  | { readonly kind: 'mapping.number'; readonly cause: NumberingError }
  /** No active QBO tax code with exactly this one rate. */
  | { readonly kind: 'mapping.tax-code-missing'; readonly rate: VatRate }
  /** The service has no QBO item yet (it must be created before the document). */
  | { readonly kind: 'mapping.item-ref-missing'; readonly serviceId: ServiceId }
  /** The document carries a discount and QBO's discount preference is off. */
  | { readonly kind: 'mapping.discounts-not-allowed' }
  /** QBO's model refuses the payload the mapping built: a bug in the mapping. */
  | { readonly kind: 'mapping.qbo-model'; readonly cause: QboModelError }
  /** QBO would total the payload differently from Ogustine: a bug (or inconsistent Ogustine figures); nothing is sent. */
  | { readonly kind: 'mapping.total-mismatch'; readonly qboTotal: Cents; readonly ogustineGross: Cents };
