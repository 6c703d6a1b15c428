import { explainNumberingError } from '../documents/numbering.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import type { MappingError } from '../mapping/mapping-error.js';
import type { CurrencyCode } from '../shared/money.js';

/**
 * The cause to record when a document cannot be mapped to a QBO transaction. Causes a user can fix
 * in QBO come first (tax code, discounts), then the number, then the bugs (kept visible, never hidden).
 * @returns the cause of the most actionable mapping error
 */
export const causeFromMappingErrors = (errors: readonly MappingError[], currency: CurrencyCode): SyncFailureCause => {
  const byKind = <K extends MappingError['kind']>(kind: K): Extract<MappingError, { kind: K }> | undefined =>
    errors.find((e): e is Extract<MappingError, { kind: K }> => e.kind === kind);
  const taxCode = byKind('mapping.tax-code-missing');
  if (taxCode !== undefined) return { kind: 'cause.tax-code-missing', rate: taxCode.rate };
  if (byKind('mapping.discounts-not-allowed') !== undefined) return { kind: 'cause.discounts-disabled' };
  const numbering = byKind('mapping.number');
  if (numbering !== undefined) return { kind: 'cause.number-not-representable', detail: explainNumberingError(numbering.cause) };
  const mismatch = byKind('mapping.total-mismatch');
  if (mismatch !== undefined)
    return { kind: 'cause.total-mismatch', expected: mismatch.ogustineGross, actual: mismatch.qboTotal, currency };
  const first = errors[0];
  return { kind: 'cause.unknown', qboDetail: first === undefined ? 'mapping failed' : `mapping: ${first.kind}` };
};
