import type { CurrencyCode } from '../shared/money.js';
import type { VatDiscrepancy } from './vat-check.js';
import type { CalendarDate } from '../shared/time.js';
import type { Localized } from '../shared/localized.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

/** Why a validated document waits instead of being sent now. Every hold is visible to the user. */
export type HoldReason =
  | { readonly kind: 'hold.not-connected' }
  | { readonly kind: 'hold.initial-sync-not-launched' }
  /** Created while automatic sending is suspended (before the sync-from day, still ahead): not sent, ever, unless rescheduled. */
  | { readonly kind: 'hold.suspended'; readonly until: CalendarDate }
  | { readonly kind: 'hold.created-before-sync-from'; readonly syncFrom: CalendarDate }
  | { readonly kind: 'hold.prerequisites'; readonly unmet: readonly UnmetPrerequisite[] }
  /** A credit note whose invoice is still to be sent (`failed`: its last attempt failed): sent right after it. */
  | { readonly kind: 'hold.invoice-not-sent'; readonly invoiceNumber: string; readonly failed: boolean };

/** Why a validated document will never be sent as it is. */
export type RefusalReason =
  | { readonly kind: 'refusal.already-in-quickbooks' }
  | { readonly kind: 'refusal.number-not-representable'; readonly detail: Localized }
  /** Its VAT for some rate is not what its base and rate give, beyond the rounding of its lines (`vatDiscrepancies`). */
  | { readonly kind: 'refusal.vat-inconsistent'; readonly discrepancies: readonly VatDiscrepancy[]; readonly currency: CurrencyCode };

/** The decision for one validated document. */
export type DocumentDecision =
  /** `docNumber`: the QBO `DocNumber` it goes by (`docNumberFor`), known representable. */
  | { readonly kind: 'send-now'; readonly docNumber: string }
  | { readonly kind: 'hold'; readonly reason: HoldReason }
  | { readonly kind: 'refuse'; readonly reason: RefusalReason };
