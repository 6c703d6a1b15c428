import type { DocumentId } from '../documents/document.js';
import type { VatRate } from '../documents/vat-rate.js';
import type { Localized } from '../shared/localized.js';

/** Why the connected QBO company cannot take the documents yet. */
export type PrerequisiteKind =
  | { readonly kind: 'prerequisite.us-company-unsupported' }
  | { readonly kind: 'prerequisite.vat-not-set-up' }
  | { readonly kind: 'prerequisite.tax-code-missing'; readonly rate: VatRate }
  | { readonly kind: 'prerequisite.custom-transaction-numbers-off' }
  | { readonly kind: 'prerequisite.discounts-not-allowed' }
  | { readonly kind: 'prerequisite.no-income-account' }
  | { readonly kind: 'prerequisite.currency-not-enabled'; readonly currency: string };

/** One unmet prerequisite, with what the user reads and what to change in QuickBooks. */
export type UnmetPrerequisite = PrerequisiteKind & {
  readonly message: Localized;
  readonly fix: Localized;
  /**
   * The first documents it blocks, at most `NAMED_DOCUMENTS` (its message gives how many in all); empty
   * when it blocks every document (e.g. VAT not set up). Kept small: the check is stored with the settings.
   */
  readonly documentIds: readonly DocumentId[];
};
