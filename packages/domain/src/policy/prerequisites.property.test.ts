import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { companyProfileArb } from '../testing/arbitraries/company-profile.js';
import { documentArb, OGUSTINE_VAT_RATES } from '../testing/arbitraries/document.js';
import { mergeNeeds, needsOf, NO_NEEDS } from './document-needs.js';
import { blocksEveryDocument, checkNeeds, checkPrerequisites, isBlockedBy } from './prerequisites.js';

const documentsArb = fc.uniqueArray(documentArb({ maxLines: 3 }), { selector: (d) => d.id, maxLength: 4 });

const profileArb = fc
  .record({
    withoutRates: fc.subarray([...OGUSTINE_VAT_RATES], { maxLength: 3 }),
    vatEnabled: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    customTransactionNumbers: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    discountsAllowed: fc.boolean(),
  })
  .chain((options) => companyProfileArb(options));

describe('prerequisites', () => {
  test.prop([
    profileArb,
    fc.uniqueArray(documentArb({ maxLines: 3 }), { selector: (d) => d.id, maxLength: 12 }),
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 12, maxLength: 12 }),
  ])(
    'checked a page at a time, each page’s needs merged, the check equals the check over every document at once',
    (profile, documents, sizes) => {
      const pages: (typeof documents)[] = [];
      for (let at = 0, i = 0; at < documents.length; at += sizes[i] ?? 1, i += 1) pages.push(documents.slice(at, at + (sizes[i] ?? 1)));
      const needs = pages.reduce((merged, page) => mergeNeeds(merged, needsOf(page)), NO_NEEDS);
      expect(checkNeeds(profile, needs)).toEqual(checkPrerequisites(profile, documents));
    },
  );

  test.prop([profileArb, documentsArb])(
    'a prerequisite blocks exactly the documents it lists, or every document when it lists none',
    (profile, documents) => {
      const violations: string[] = [];
      for (const unmet of checkPrerequisites(profile, documents)) {
        if (blocksEveryDocument(unmet) !== (unmet.documentIds.length === 0))
          violations.push(`${unmet.kind}: lists ${unmet.documentIds.length}`);
        for (const doc of documents) {
          const listed = unmet.documentIds.length === 0 || unmet.documentIds.includes(doc.id);
          if (isBlockedBy(doc, unmet) !== listed) violations.push(`${unmet.kind} / ${doc.id}`);
        }
        if (unmet.message.fr.length === 0 || unmet.fix.fr.length === 0 || unmet.message.en.length === 0 || unmet.fix.en.length === 0) {
          violations.push(`${unmet.kind}: no text`);
        }
      }
      expect(violations).toEqual([]);
    },
  );

  test.prop([companyProfileArb({ countries: ['FR'] }), documentsArb])(
    'a French company with VAT, a code for every rate, custom numbers, discounts and an income account blocks no euro document',
    (profile, documents) => {
      expect(checkPrerequisites(profile, documents)).toEqual([]);
    },
  );
});
