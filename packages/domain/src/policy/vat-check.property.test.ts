import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { vatRateKey } from '../documents/vat-rate.js';
import { documentArb } from '../testing/arbitraries/document.js';
import { vatDiscrepancies } from './vat-check.js';

describe('VAT check', () => {
  test.prop([documentArb()])('a document whose VAT Ogustine computed per rate from its base is never refused', (doc) => {
    expect(vatDiscrepancies(doc)).toEqual([]);
  });

  test.prop([documentArb(), fc.nat(), fc.integer({ min: 1, max: 500 }), fc.boolean()])(
    'a VAT moved by more than one cent per line (at that rate) plus one is refused, with its rate and figures',
    (doc, pick, extra, up) => {
      const target = doc.totals.vat[pick % doc.totals.vat.length];
      fc.pre(target !== undefined);
      const lines = doc.lines.filter((l) => vatRateKey(l.vatRate) === vatRateKey(target.rate)).length;
      // Beyond any honest rounding: each line and the total rounded off by a whole cent at most.
      const shift = (lines + 1 + extra) * (up ? 1 : -1);
      fc.pre(target.amount + shift >= 0);
      const tampered = {
        ...doc,
        totals: { ...doc.totals, vat: doc.totals.vat.map((v) => (v === target ? { ...v, amount: v.amount + shift } : v)) },
      };
      const found = vatDiscrepancies(tampered);
      expect(found.map((d) => vatRateKey(d.rate))).toEqual([vatRateKey(target.rate)]);
      expect(found[0]).toMatchObject({ base: target.base, stated: target.amount + shift });
    },
  );
});
