import type { VatRate } from '../documents/vat-rate.js';
import { vatRateKey } from '../documents/vat-rate.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import type { Localized } from '../shared/localized.js';
import type { Cents, CurrencyCode } from '../shared/money.js';

/**
 * What QBO said, kept for support (Intuit asks for the code, the detail and the `intuit_tid`). It is
 * never the user's message: that comes from `explainCause`.
 */
export interface QboTrace {
  readonly qboCode?: string;
  readonly qboDetail?: string;
  readonly intuitTid?: string;
}

/** Why one attempt to send a document failed, in terms a user can act on. */
export type SyncFailureCause =
  /** The QBO company lacks something the document needs (found by the prerequisite check). */
  | { readonly kind: 'cause.prerequisite'; readonly prerequisite: UnmetPrerequisite }
  /** A line has a discount and QBO's "Discount" sales-form setting is off. */
  | ({ readonly kind: 'cause.discounts-disabled' } & QboTrace)
  /** A VAT rate of the document has no QBO tax code (6000 "…VAT rate…", 6100, 6470). `rate` when known. */
  | ({ readonly kind: 'cause.tax-code-missing'; readonly rate?: VatRate } & QboTrace)
  /** 6140: the number is already used in QBO by a document this module did not send. */
  | ({
      readonly kind: 'cause.duplicate-document-number';
      readonly docNumber?: string;
      /** The QBO transaction holding the number, as QBO's detail names it (`TxnType=Invoice`, `TxnId=…`). */
      readonly existingTxnType?: string;
      readonly existingTxnId?: string;
    } & QboTrace)
  /** 6240: another customer, vendor or employee of the QBO company has the same display name. */
  | ({ readonly kind: 'cause.duplicate-customer-name'; readonly displayName?: string } & QboTrace)
  /** 2500, 610, 6250: a customer or item the mapping points to was made inactive or deleted in QBO. */
  | ({ readonly kind: 'cause.invalid-reference' } & QboTrace)
  /** 5010: someone changed the object in QBO at the same time. */
  | ({ readonly kind: 'cause.stale-object' } & QboTrace)
  /** Another business rule of QBO (6000 and kin); its detail is the only precise information. */
  | ({ readonly kind: 'cause.business-validation' } & QboTrace)
  /** 401, `invalid_grant`, 403 on the company: the connection must be made again. */
  | ({ readonly kind: 'cause.authorization-lost' } & QboTrace)
  /** QBO is busy or unreachable: 5xx, throttling that persisted, time-out before sending, network. */
  | ({
      readonly kind: 'cause.qbo-unavailable';
      readonly reason: 'throttled' | 'server-error' | 'timeout' | 'network';
      readonly status?: number;
    } & QboTrace)
  /** A write got no answer: it may have happened. The next attempt looks the document up first. */
  | { readonly kind: 'cause.outcome-unknown' }
  /** The transaction is in QBO but the PDF could not be attached (retried on its own). */
  | ({ readonly kind: 'cause.pdf-attachment-failed' } & QboTrace)
  /** The Ogustine number cannot become a QBO `DocNumber` (numbering rules). */
  | { readonly kind: 'cause.number-not-representable'; readonly detail: Localized }
  /** QBO's total differs from Ogustine's: a mapping bug on our side, never silently accepted. */
  | {
      readonly kind: 'cause.total-mismatch';
      readonly expected: Cents;
      readonly actual: Cents;
      readonly currency: CurrencyCode;
    }
  /**
   * Ogustine sent a second snapshot of a validated document that differs from the first (French
   * rules: a validated invoice never changes; corrections go through a credit note). The first is
   * kept; `fields` names what differs.
   */
  | { readonly kind: 'cause.document-changed'; readonly fields: readonly string[] }
  /** The document's VAT for a rate is not what its base and rate give, beyond the rounding of its lines: not sent. */
  | {
      readonly kind: 'cause.vat-inconsistent';
      readonly rate: VatRate;
      readonly base: Cents;
      /** The VAT the document states for this rate. */
      readonly stated: Cents;
      /** round(base × rate), and how far the rounding of its lines may move it. */
      readonly computed: Cents;
      readonly tolerance: Cents;
      readonly currency: CurrencyCode;
    }
  /** Anything else; QBO's code and detail are kept for support. */
  | ({ readonly kind: 'cause.unknown'; readonly status?: number } & QboTrace);

export type SyncFailureCauseKind = SyncFailureCause['kind'];

/**
 * The cause for an unmet prerequisite. The two prerequisites that also come back as QBO faults
 * (discounts off, a rate without tax code) become the same causes as those faults, so that a
 * document blocked before sending and one refused by QBO land in one group.
 */
export const causeFromPrerequisite = (prerequisite: UnmetPrerequisite): SyncFailureCause => {
  switch (prerequisite.kind) {
    case 'prerequisite.discounts-not-allowed':
      return { kind: 'cause.discounts-disabled' };
    case 'prerequisite.tax-code-missing':
      return { kind: 'cause.tax-code-missing', rate: prerequisite.rate };
    default:
      return { kind: 'cause.prerequisite', prerequisite };
  }
};

const normalizedText = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A stable key that groups failures a user fixes with one action (`tax-code-missing:5.5`,
 * `discounts-disabled`, `business-validation:6000:<detail>`). Equal causes give equal keys; it does not
 * depend on ids, times or the `intuit_tid`.
 */
export const causeKey = (cause: SyncFailureCause): string => {
  switch (cause.kind) {
    case 'cause.prerequisite': {
      const p = cause.prerequisite;
      switch (p.kind) {
        case 'prerequisite.tax-code-missing':
          return `tax-code-missing:${vatRateKey(p.rate)}`;
        case 'prerequisite.discounts-not-allowed':
          return 'discounts-disabled';
        case 'prerequisite.currency-not-enabled':
          return `prerequisite:currency-not-enabled:${p.currency.toUpperCase()}`;
        default:
          return `prerequisite:${p.kind.replace('prerequisite.', '')}`;
      }
    }
    case 'cause.discounts-disabled':
      return 'discounts-disabled';
    case 'cause.tax-code-missing':
      return cause.rate === undefined ? 'tax-code-missing' : `tax-code-missing:${vatRateKey(cause.rate)}`;
    case 'cause.qbo-unavailable':
      return `qbo-unavailable:${cause.reason}`;
    case 'cause.business-validation':
      return `business-validation:${cause.qboCode ?? ''}:${normalizedText(cause.qboDetail ?? '')}`;
    case 'cause.unknown':
      return `unknown:${cause.qboCode ?? String(cause.status ?? '')}`;
    case 'cause.duplicate-document-number':
    case 'cause.duplicate-customer-name':
    case 'cause.invalid-reference':
    case 'cause.stale-object':
    case 'cause.authorization-lost':
    case 'cause.outcome-unknown':
    case 'cause.pdf-attachment-failed':
    case 'cause.number-not-representable':
    case 'cause.total-mismatch':
    case 'cause.document-changed':
      return cause.kind.replace('cause.', '');
    case 'cause.vat-inconsistent':
      return `vat-inconsistent:${vatRateKey(cause.rate)}`;
  }
};
