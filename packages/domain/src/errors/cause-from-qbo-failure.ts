import type { QboFailure, QboFaultError } from './qbo-fault.js';
import { isDuplicateNumberError } from './duplicate-document-number.js';
import type { QboTrace, SyncFailureCause } from './sync-failure-cause.js';

export interface ClassifyOptions {
  /**
   * The failed call was a create or an update. A time-out, a broken connection or a 5xx then means
   * QBO may have done the write: the cause is `cause.outcome-unknown`, never a plain failure.
   */
  readonly duringWrite?: boolean;
}

// The adapter builds these from untrusted bodies: tolerate nulls and odd shapes rather than throw.
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `"003200"` (from `errorCode=003200` messages) and `"3200"` are the same code. */
const normalizeCode = (code: unknown): string =>
  text(code)
    .trim()
    .replace(/^0+(?=\d)/, '');

const AUTHORIZATION_CODES = new Set(['100', '120', '3100', '3200']);
const INVALID_REFERENCE_CODES = new Set(['610', '2500', '6250']);
const TAX_CODES = new Set(['6100', '6470']);
const ATTACHMENT_CODES = new Set(['6020', '6030', '6040', '6041', '6050']);

// QBO's wording for a line without tax, in English (UK "VAT rate", CA "GST/HST rate", older "tax code")
// and French ("taux de TVA", "code de taxe"), since the company's language sets the fault's language.
const MENTIONS_TAX = [
  /\b(vat|gst|hst|pst|qst)\b/i,
  /\btax\s*codes?\b/i,
  /\btax\s*rates?\b/i,
  /\btva\b/i,
  /\b(tps|tvq)\b/i,
  /\bcodes?\s+(de\s+)?taxes?\b/i,
  /\btaux\s+de\s+taxes?\b/i,
];
const MENTIONS_DISCOUNT = [/discount/i, /\bremises?\b/i, /\brabais\b/i, /\bescomptes?\b/i];
// "The discount amount can't be greater than the subtotal" is about our amounts, not the setting.
const DISCOUNT_AMOUNT_RULE = [/greater\s+than/i, /exceed/i, /more\s+than/i, /sup[ée]rieure?s?\s+(au|à)/i, /d[ée]passe/i];

const matchesAny = (patterns: readonly RegExp[], value: string): boolean => patterns.some((p) => p.test(value));

const field = (name: string, detail: string): string | undefined => {
  const found = new RegExp(`${name}\\s*=\\s*([^\\s,;]+)`, 'i').exec(detail)?.[1];
  const value = found?.replace(/[.)\]]+$/, '');
  return value === undefined || value === '' ? undefined : value;
};

const traceOf = (error: QboFaultError | undefined, intuitTid: string | undefined): QboTrace => {
  const code = normalizeCode(error?.code);
  const detail = text(error?.detail).trim() || text(error?.message).trim();
  return {
    ...(code === '' ? {} : { qboCode: code }),
    ...(detail === '' ? {} : { qboDetail: detail }),
    ...(intuitTid === undefined || intuitTid === '' ? {} : { intuitTid }),
  };
};

// A 401 detail quotes the start of the bearer token ("Token expired: eyJ…"): never store it.
const authorizationLost = ({ qboDetail: _secretish, ...trace }: QboTrace): SyncFailureCause => ({
  kind: 'cause.authorization-lost',
  ...trace,
});

const duplicateNumber = (detail: string, trace: QboTrace): SyncFailureCause => {
  const docNumber = field('DocNumber', detail);
  const existingTxnType = field('TxnType', detail);
  const existingTxnId = field('TxnId', detail);
  return {
    kind: 'cause.duplicate-document-number',
    ...(docNumber === undefined ? {} : { docNumber }),
    ...(existingTxnType === undefined ? {} : { existingTxnType }),
    ...(existingTxnId === undefined ? {} : { existingTxnId }),
    ...trace,
  };
};

const classifyError = (error: QboFaultError, intuitTid: string | undefined): SyncFailureCause => {
  const code = normalizeCode(error.code);
  const wording = `${text(error.message)} ${text(error.detail)}`;
  const trace = traceOf(error, intuitTid);
  if (AUTHORIZATION_CODES.has(code)) return authorizationLost(trace);
  if (code === '3001') return { kind: 'cause.qbo-unavailable', reason: 'throttled', ...trace };
  if (code === '10000') return { kind: 'cause.qbo-unavailable', reason: 'server-error', ...trace };
  if (code === '5010') return { kind: 'cause.stale-object', ...trace };
  if (code === '6240') return { kind: 'cause.duplicate-customer-name', ...trace };
  if (isDuplicateNumberError(error)) return duplicateNumber(wording, trace);
  if (INVALID_REFERENCE_CODES.has(code)) return { kind: 'cause.invalid-reference', ...trace };
  if (TAX_CODES.has(code)) return { kind: 'cause.tax-code-missing', ...trace };
  if (ATTACHMENT_CODES.has(code)) return { kind: 'cause.pdf-attachment-failed', ...trace };
  if (code === '6000') {
    if (matchesAny(MENTIONS_TAX, wording)) return { kind: 'cause.tax-code-missing', ...trace };
    if (matchesAny(MENTIONS_DISCOUNT, wording) && !matchesAny(DISCOUNT_AMOUNT_RULE, wording)) {
      return { kind: 'cause.discounts-disabled', ...trace };
    }
    return { kind: 'cause.business-validation', ...trace };
  }
  if (/^[26]\d{3}$/.test(code)) return { kind: 'cause.business-validation', ...trace };
  return { kind: 'cause.unknown', ...trace };
};

const GENERIC: ReadonlySet<SyncFailureCause['kind']> = new Set(['cause.business-validation', 'cause.unknown']);

const asFaultErrors = (errors: unknown): readonly QboFaultError[] =>
  Array.isArray(errors) ? errors.filter((e): e is QboFaultError => typeof e === 'object' && e !== null) : [];

const classifyFault = (failure: Extract<QboFailure, { kind: 'qbo.fault' }>): SyncFailureCause => {
  const status = typeof failure.status === 'number' ? failure.status : 0;
  const intuitTid = typeof failure.intuitTid === 'string' ? failure.intuitTid : undefined;
  const errors = asFaultErrors(failure.errors);
  const first = errors[0];
  if (status === 401) return authorizationLost(traceOf(first, intuitTid));
  if (status === 429) return { kind: 'cause.qbo-unavailable', reason: 'throttled', status, ...traceOf(first, intuitTid) };
  const causes = errors.map((e) => classifyError(e, intuitTid));
  // When QBO lists several errors, the one the user can act on precisely is the one to show.
  const chosen = causes.find((c) => !GENERIC.has(c.kind)) ?? causes[0];
  if (status >= 500 && (chosen === undefined || chosen.kind === 'cause.unknown')) {
    return { kind: 'cause.qbo-unavailable', reason: 'server-error', status, ...traceOf(first, intuitTid) };
  }
  return chosen ?? { kind: 'cause.unknown', ...(status === 0 ? {} : { status }), ...traceOf(undefined, intuitTid) };
};

/** The `intuit_tid` of an answer without a fault body (throttled, unauthorized, unavailable), kept for support. */
const tidOf = (failure: { readonly intuitTid?: unknown }): string | undefined =>
  typeof failure.intuitTid === 'string' ? failure.intuitTid : undefined;

const classify = (failure: QboFailure): SyncFailureCause => {
  if (typeof failure !== 'object' || failure === null) return { kind: 'cause.unknown' };
  switch (failure.kind) {
    case 'qbo.fault':
      return classifyFault(failure);
    case 'qbo.throttled':
      return { kind: 'cause.qbo-unavailable', reason: 'throttled', ...traceOf(undefined, tidOf(failure)) };
    case 'qbo.unauthorized':
      return { kind: 'cause.authorization-lost', ...traceOf(undefined, tidOf(failure)) };
    case 'qbo.unavailable':
      return typeof failure.status === 'number'
        ? { kind: 'cause.qbo-unavailable', reason: 'server-error', status: failure.status, ...traceOf(undefined, tidOf(failure)) }
        : { kind: 'cause.qbo-unavailable', reason: 'server-error', ...traceOf(undefined, tidOf(failure)) };
    case 'qbo.timeout':
      return { kind: 'cause.qbo-unavailable', reason: 'timeout' };
    case 'qbo.network':
      return { kind: 'cause.qbo-unavailable', reason: 'network' };
    default:
      return { kind: 'cause.unknown' };
  }
};

const mayHaveWritten = (cause: SyncFailureCause): boolean => cause.kind === 'cause.qbo-unavailable' && cause.reason !== 'throttled';

/**
 * Classifies what QBO answered into a cause the user can act on: by QBO's code first, then, for the
 * catch-all 6000, by the wording of its detail (English or French). Total: any value, even a
 * malformed one built from an odd body, gives a cause, `cause.unknown` at worst.
 * @returns the cause; `cause.outcome-unknown` for a write that got no usable answer (`duringWrite`)
 */
export const causeFromQboFailure = (failure: QboFailure, options: ClassifyOptions = {}): SyncFailureCause => {
  const cause = classify(failure);
  // A duplicate number during a write may be our own earlier post: only a look-up with proof settles it.
  const maybeOurs = mayHaveWritten(cause) || cause.kind === 'cause.duplicate-document-number';
  return options.duringWrite === true && maybeOurs ? { kind: 'cause.outcome-unknown' } : cause;
};
