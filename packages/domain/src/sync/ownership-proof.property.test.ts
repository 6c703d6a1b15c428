import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { ownershipMarker, proveOwnership } from './ownership-proof.js';

const idArb = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
/** Lines that look like a marker but name another document, or are not the marker line. */
const nearMisses = (id: string): readonly string[] => [
  `Ogustine:${id}0`,
  `ogustine:${id}`,
  `Ogustine:${id} (copie)`,
  `Ogustine: ${id}`,
  `xOgustine:${id}`,
];

describe('ownership proof', () => {
  test.prop([
    idArb,
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.array(
      fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n')),
      { maxLength: 3 },
    ),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 1, max: 10_000_000 }),
  ])(
    'a transaction found by our number is adopted only when its note holds the marker line for this document and its customer and total are the document’s',
    (id, withMarker, sameCustomer, sameTotal, noise, miss, total) => {
      const lines = [...noise, nearMisses(id)[miss] ?? '', ...(withMarker ? [ownershipMarker(id)] : [])];
      const found = {
        type: 'Invoice' as const,
        qboId: '77',
        docNumber: 'OGUSTINE_1',
        totalAmount: sameTotal ? total : total + 1,
        customerRef: sameCustomer ? '58' : '59',
        privateNote: lines.join('\n'),
        balance: total,
      };
      const verdict = proveOwnership(found, { documentId: id, customerRef: '58', total });
      expect(verdict === 'ours').toBe(withMarker && sameCustomer && sameTotal);
      if (!withMarker) expect(verdict).toBe('no-marker');
    },
  );
});
