import { describe, expect, it } from 'vitest';
import { explainNumberingError } from '../documents/numbering.js';
import type { MappingError } from '../mapping/mapping-error.js';
import { decimal } from '../shared/decimal.js';
import { causeFromMappingErrors } from './mapping-failure-cause.js';

const taxCode: MappingError = { kind: 'mapping.tax-code-missing', rate: decimal(55, 1) };
const discounts: MappingError = { kind: 'mapping.discounts-not-allowed' };
const numbering: MappingError = { kind: 'mapping.number', cause: { kind: 'numbering.empty' } };
const mismatch: MappingError = { kind: 'mapping.total-mismatch', qboTotal: 12_001, ogustineGross: 12_000 };
const model: MappingError = { kind: 'mapping.qbo-model', cause: { kind: 'qbo-model.rate-listed-twice', taxRateRef: '5' } };

describe('the cause recorded for a document that cannot be mapped', () => {
  it('puts what the user fixes in QBO first: a missing tax code, then disabled discounts', () => {
    expect(causeFromMappingErrors([model, mismatch, numbering, discounts, taxCode], 'EUR')).toEqual({
      kind: 'cause.tax-code-missing',
      rate: decimal(55, 1),
    });
    expect(causeFromMappingErrors([model, mismatch, numbering, discounts], 'EUR')).toEqual({ kind: 'cause.discounts-disabled' });
  });

  it('then the number, explained, then a total mismatch in the document’s currency', () => {
    expect(causeFromMappingErrors([model, mismatch, numbering], 'EUR')).toEqual({
      kind: 'cause.number-not-representable',
      detail: explainNumberingError({ kind: 'numbering.empty' }),
    });
    expect(causeFromMappingErrors([model, mismatch], 'GBP')).toEqual({
      kind: 'cause.total-mismatch',
      expected: 12_000,
      actual: 12_001,
      currency: 'GBP',
    });
  });

  it('keeps any other error visible as unknown, naming the first one', () => {
    expect(causeFromMappingErrors([model, { kind: 'mapping.us-company' }], 'EUR')).toEqual({
      kind: 'cause.unknown',
      qboDetail: 'mapping: mapping.qbo-model',
    });
    expect(causeFromMappingErrors([], 'EUR')).toEqual({ kind: 'cause.unknown', qboDetail: 'mapping failed' });
  });
});
