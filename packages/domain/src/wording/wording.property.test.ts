import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { explainCause } from '../errors/explain-cause.js';
import { explainDecision } from '../policy/decide-document.js';
import { checkPrerequisites } from '../policy/prerequisites.js';
import { documentSyncStatus } from '../reporting/document-sync-status.js';
import { companyProfileArb } from '../testing/arbitraries/company-profile.js';
import { documentArb } from '../testing/arbitraries/document.js';
import { documentDecisionSampleArb, documentSyncFactsArb, syncFailureCauseArb } from '../testing/arbitraries/error-history.js';
import { BUTTONS, FORBIDDEN_SYNONYMS, INCOME_ACCOUNT, TAX_CODE } from './terms.js';
import { US_COMPANY_REFUSAL } from './us-company.js';

/** Every `{ fr, en }` text inside a value, however deep. */
const textsIn = (value: unknown): { fr: string; en: string }[] => {
  if (typeof value !== 'object' || value === null) return [];
  if ('fr' in value && 'en' in value && typeof value.fr === 'string' && typeof value.en === 'string')
    return [{ fr: value.fr, en: value.en }];
  return Object.values(value).flatMap(textsIn);
};

/** What any text a user reads must be: French and English both there, one word per thing, no leaked code value. */
const expectPlainWording = (value: unknown): void => {
  const texts = textsIn(value);
  expect(texts.length).toBeGreaterThan(0);
  for (const { fr, en } of texts) {
    expect(fr.trim(), `French text of ${en}`).not.toBe('');
    expect(en.trim(), `English text of ${fr}`).not.toBe('');
    for (const { text, use } of FORBIDDEN_SYNONYMS) expect(fr, `say « ${use} »`).not.toMatch(text);
    for (const leak of ['undefined', 'NaN', '[object Object]']) {
      expect(fr).not.toContain(leak);
      expect(en).not.toContain(leak);
    }
  }
};

test.prop([syncFailureCauseArb])('every cause is explained in French and English with the catalogue’s words', (cause) => {
  expectPlainWording(explainCause(cause));
});

test.prop([companyProfileArb(), fc.array(documentArb(), { maxLength: 4 })])(
  'every unmet prerequisite is worded with the catalogue’s words; the tax code and the income account by their QBO names',
  (profile, documents) => {
    for (const unmet of checkPrerequisites(profile, documents)) {
      expectPlainWording(unmet);
      if (unmet.kind === 'prerequisite.tax-code-missing') expect(unmet.message.fr).toContain(TAX_CODE.fr);
      if (unmet.kind === 'prerequisite.no-income-account') expect(unmet.fix.fr).toContain(INCOME_ACCOUNT.fr);
      if (unmet.kind === 'prerequisite.us-company-unsupported') expect(unmet.message).toEqual(US_COMPANY_REFUSAL.message);
    }
  },
);

test.prop([documentDecisionSampleArb])('every decision reads plainly', (decision) => {
  expectPlainWording(explainDecision(decision));
});

test.prop([documentSyncFactsArb])('every document status reads plainly', (facts) => {
  expectPlainWording(documentSyncStatus(facts));
});

test.prop([fc.constantFrom(...Object.values(BUTTONS))])('buttons are named in quotes, in each language', (button) => {
  expect(button.fr).toMatch(/^« .+ »$/);
  expect(button.en).toMatch(/^“.+”$/);
});
