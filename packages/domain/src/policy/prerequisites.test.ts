import { describe, expect, test } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { aCompanyProfile, anIncomeAccount, taxCodesFor } from '../testing/builders/company-profile.js';
import { aCreditNote, aDocument, aLine } from '../testing/builders/document.js';
import {
  BUTTONS,
  CUSTOM_TRANSACTION_NUMBERS,
  DISCOUNTS_SETTING,
  INCOME_ACCOUNT,
  SALES_SETTINGS_PATH,
  TAX_CODE,
  TAXES_MENU,
} from '../wording/terms.js';
import { US_COMPANY_REFUSAL } from '../wording/us-company.js';
import { mergeNeeds, NAMED_DOCUMENTS, needsOf, NO_NEEDS } from './document-needs.js';
import {
  blocksEveryDocument,
  checkNeeds,
  checkPrerequisites,
  isBlockedBy,
  prerequisitesFor,
  unmetFor,
  VAT_SETUP_HELP_URL,
} from './prerequisites.js';
import type { PrerequisiteKind, UnmetPrerequisite } from './unmet-prerequisite.js';

const at55 = aDocument({ id: 'D1', number: '2027-01-01', lines: [aLine({ vatRate: decimal(55, 1) })] });
const at20 = aDocument({ id: 'D2', number: '2027-01-02', lines: [aLine({ vatRate: decimal(20) })] });
const discounted = aDocument({ id: 'D3', number: '2027-01-03', lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] });
const documents = [at55, at20, discounted];

const only = <T>(items: readonly T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};

describe('prerequisites', () => {
  test('a ready French company meets every prerequisite', () => {
    expect(checkPrerequisites(aCompanyProfile(), documents)).toEqual([]);
  });

  test('a US company is refused on its own, with a clear reason', () => {
    const unmet = only(
      checkPrerequisites({ ...aCompanyProfile(), country: 'US', vatEnabled: false, customTransactionNumbers: false }, documents),
    );
    expect(unmet.kind).toBe('prerequisite.us-company-unsupported');
    expect(unmet.message.fr).toContain('ne prend pas encore en charge les entreprises américaines');
    expect(unmet.fix.fr).toContain('hors des États-Unis');
    expect(unmet.documentIds).toEqual([]);
    expect(isBlockedBy(at20, unmet)).toBe(true);
  });

  test('VAT not set up links the French help page and blocks every document', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ vatEnabled: false, taxCodes: [] }), documents));
    expect(unmet.kind).toBe('prerequisite.vat-not-set-up');
    expect(unmet.message.fr).toBe(
      "La TVA n'est pas configurée dans votre entreprise QuickBooks : Ogustine ne peut envoyer aucune facture ni aucun avoir.",
    );
    expect(unmet.fix.fr).toContain('Configurer la TVA');
    expect(unmet.fix.fr).toContain(VAT_SETUP_HELP_URL);
    expect(unmet.fix.en).toContain(VAT_SETUP_HELP_URL);
    expect(documents.every((d) => isBlockedBy(d, unmet))).toBe(true);
  });

  test('a missing tax code names the rate and the documents it blocks', () => {
    const profile = aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(0), decimal(21, 1), decimal(10), decimal(20)]) });
    const other55 = aCreditNote({ id: 'D4', number: '2027-01-04', lines: [aLine({ vatRate: decimal(5500, 3) }), aLine()] });
    const unmet = only(checkPrerequisites(profile, [...documents, other55]));
    expect(unmet).toMatchObject({ kind: 'prerequisite.tax-code-missing', rate: decimal(55, 1), documentIds: ['D1', 'D4'] });
    expect(unmet.message.fr).toBe(
      'Aucun code de taxe actif au taux de 5,5 % dans QuickBooks : 2 documents ne peuvent pas être envoyés (2027-01-01, 2027-01-04).',
    );
    expect(unmet.message.en).toContain('5.5%');
    expect(unmet.fix.fr).toContain('ouvrez le menu Taxes et créez un code de taxe au taux de 5,5 %');
    expect(unmet.fix.fr).toContain('créez un code de taxe au taux de 5,5 %');
    expect(isBlockedBy(at55, unmet)).toBe(true);
    expect(isBlockedBy(at20, unmet)).toBe(false);
    // A document validated after the check, at the same rate, is held too.
    expect(isBlockedBy(aDocument({ id: 'D9', lines: [aLine({ vatRate: decimal(55, 1) })] }), unmet)).toBe(true);
    // One line at that rate among others is enough.
    expect(isBlockedBy(aDocument({ id: 'D10', lines: [aLine(), aLine({ vatRate: decimal(55, 1) })] }), unmet)).toBe(true);
  });

  test('missing tax codes are listed by rate, lowest first, whatever order the documents use them in', () => {
    const profile = aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(0)]) });
    const at = (id: string, rate: number, scale = 0) =>
      aDocument({ id, number: `2027-01-0${id}`, lines: [aLine({ vatRate: decimal(rate, scale) })] });
    for (const order of [
      [at('1', 20), at('2', 10), at('3', 55, 1), at('4', 21, 1)],
      [at('3', 55, 1), at('1', 20), at('4', 21, 1), at('2', 10)],
    ]) {
      const rates = checkPrerequisites(profile, order).flatMap((u) => (u.kind === 'prerequisite.tax-code-missing' ? [u.rate] : []));
      expect(rates).toEqual([decimal(21, 1), decimal(55, 1), decimal(10), decimal(20)]);
    }
  });

  test('an inactive tax code does not count', () => {
    const codes = taxCodesFor('FR').map((c) => (c.name === 'TVA 20 %' ? { ...c, active: false } : c));
    const unmet = only(checkPrerequisites(aCompanyProfile({ taxCodes: codes }), [at20]));
    expect(unmet.message.fr).toBe(
      'Aucun code de taxe actif au taux de 20 % dans QuickBooks : 1 document ne peut pas être envoyé (2027-01-02).',
    );
  });

  test('a long list of blocked documents is shortened', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      aDocument({ id: `M${i}`, number: `2027-02-0${i + 1}`, lines: [aLine({ vatRate: decimal(55, 1) })] }),
    );
    const unmet = only(checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), many));
    expect(unmet.message.fr).toContain('(2027-02-01, 2027-02-02, 2027-02-03, 2027-02-04, 2027-02-05 et 3 autres)');
    expect(unmet.message.en).toContain('(2027-02-01, 2027-02-02, 2027-02-03, 2027-02-04, 2027-02-05 and 3 more)');
    expect(unmet.documentIds).toHaveLength(8);
    const six = only(checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), many.slice(0, 6)));
    expect(six.message.fr).toContain('(2027-02-01, 2027-02-02, 2027-02-03, 2027-02-04, 2027-02-05 et 1 autre)');
    const five = only(checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), many.slice(0, 5)));
    expect(five.message.fr).toContain('(2027-02-01, 2027-02-02, 2027-02-03, 2027-02-04, 2027-02-05).');
  });

  test('custom transaction numbers off: turn on "Numéros d\'opérations personnalisés" in the Sales settings', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ customTransactionNumbers: false }), documents));
    expect(unmet.kind).toBe('prerequisite.custom-transaction-numbers-off');
    expect(unmet.message.fr).toContain("Les numéros d'opérations personnalisés sont désactivés dans QuickBooks");
    expect(unmet.fix.fr).toContain('Paramètres du compte > Ventes');
    expect(unmet.fix.fr).toContain('activez « Numéros d’opérations personnalisés »');
    expect(unmet.fix.en).toContain('Custom transaction numbers');
  });

  test('discounts not allowed blocks only the discounted documents, and says how to enable them', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ discountsAllowed: false }), documents));
    expect(unmet).toMatchObject({ kind: 'prerequisite.discounts-not-allowed', documentIds: ['D3'] });
    expect(unmet.message.fr).toBe(
      "La prise en charge des rabais n'est pas activée dans QuickBooks, or 1 document comporte une remise (2027-01-03).",
    );
    expect(unmet.fix.fr).toContain('Paramètres du compte > Ventes');
    expect(unmet.fix.fr).toContain('activez « Rabais »');
    expect(isBlockedBy(discounted, unmet)).toBe(true);
    expect(isBlockedBy(at20, unmet)).toBe(false);
  });

  test('discounts not allowed is no problem when no document has a discount', () => {
    expect(checkPrerequisites(aCompanyProfile({ discountsAllowed: false }), [at55, at20])).toEqual([]);
  });

  test('no active income account', () => {
    const accounts = [anIncomeAccount({ active: false }), { id: '5', name: 'Banque', accountType: 'Bank', active: true }];
    const unmet = only(checkPrerequisites(aCompanyProfile({ accounts }), documents));
    expect(unmet.kind).toBe('prerequisite.no-income-account');
    expect(unmet.message.fr).toBe(
      'Aucun compte de revenus actif dans QuickBooks : Ogustine ne peut pas créer vos prestations, et donc aucune facture ni aucun avoir.',
    );
    expect(unmet.fix.fr).toContain('Comptabilité > Plan comptable');
  });

  test('when every prerequisite is met, the income account new services are booked to comes with the answer', () => {
    const services = anIncomeAccount({ id: '9', accountSubType: 'ServiceFeeIncome' });
    const met = prerequisitesFor(
      aCompanyProfile({ accounts: [anIncomeAccount({ id: '3', accountSubType: 'OtherPrimaryIncome' }), services] }),
      documents,
    );
    expect(met._unsafeUnwrap()).toEqual({ incomeAccount: services });
  });

  test('unmet prerequisites keep their order around a missing income account', () => {
    const accounts = [anIncomeAccount({ active: false })];
    const profile = aCompanyProfile({ accounts, vatEnabled: false, multiCurrencyEnabled: false });
    const inUsd = aDocument({ id: 'D5', number: '2027-01-05', currency: 'USD' });
    expect(
      prerequisitesFor(profile, [...documents, inUsd])
        ._unsafeUnwrapErr()
        .map((u) => u.kind),
    ).toEqual(['prerequisite.vat-not-set-up', 'prerequisite.no-income-account', 'prerequisite.currency-not-enabled']);
  });

  test('a foreign currency without multicurrency blocks the documents in that currency', () => {
    const inUsd = aDocument({ id: 'D5', number: '2027-01-05', currency: 'USD' });
    const unmet = only(checkPrerequisites(aCompanyProfile({ multiCurrencyEnabled: false }), [...documents, inUsd]));
    expect(unmet).toMatchObject({ kind: 'prerequisite.currency-not-enabled', currency: 'USD', documentIds: ['D5'] });
    expect(unmet.message.fr).toBe(
      "1 document est en USD alors que la devise de votre entreprise QuickBooks est EUR et que le multidevise n'est pas activé (2027-01-05).",
    );
    expect(unmet.fix.fr).toContain('Paramètres du compte > Avancé');
    expect(isBlockedBy(at20, unmet)).toBe(false);
    expect(checkPrerequisites(aCompanyProfile({ multiCurrencyEnabled: true }), [inUsd])).toEqual([]);
  });

  test('several problems are reported together; each document is blocked only by its own', () => {
    const profile = aCompanyProfile({ discountsAllowed: false, taxCodes: taxCodesFor('FR', [decimal(20)]) });
    const unmet = checkPrerequisites(profile, documents);
    expect(unmet.map((u) => u.kind)).toEqual(['prerequisite.tax-code-missing', 'prerequisite.discounts-not-allowed']);
    expect(unmetFor(at20, unmet)).toEqual([]);
    expect(unmetFor(at55, unmet).map((u) => u.kind)).toEqual(['prerequisite.tax-code-missing']);
    expect(unmetFor(discounted, unmet).map((u) => u.kind)).toEqual(['prerequisite.discounts-not-allowed']);
  });
});

// Each message word for word in both languages, its terms taken from the wording catalogue: a changed
// word, a lost plural or a missing English text is a wrong message.
describe('prerequisites, word for word', () => {
  const retry = { fr: `Cliquez ensuite sur ${BUTTONS.retry.fr}.`, en: `Then click ${BUTTONS.retry.en}.` };
  const inUsd = (id: string, number: string) => aDocument({ id, number, currency: 'USD' });

  test('a US company: the refusal of the catalogue', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ country: 'us' }), documents));
    expect(unmet.message).toEqual(US_COMPANY_REFUSAL.message);
    expect(unmet.fix).toEqual(US_COMPANY_REFUSAL.fix);
  });

  test('VAT not set up, in English too', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ vatEnabled: false, taxCodes: [] }), documents));
    expect(unmet.message.en).toBe('VAT is not set up in your QuickBooks company: Ogustine cannot send any invoice or credit note.');
    expect(unmet.fix).toEqual({
      fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr}, cliquez sur « Configurer la TVA » et renseignez votre profil de TVA. ${retry.fr} Plus d'informations sur cette page : ${VAT_SETUP_HELP_URL}`,
      en: `In QuickBooks, open the ${TAXES_MENU.en} menu, click "Set up VAT" and fill in your VAT profile. ${retry.en} More information on this page (in French): ${VAT_SETUP_HELP_URL}`,
    });
  });

  test('a missing tax code, one document or several', () => {
    const profile = aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) });
    const one = only(checkPrerequisites(profile, [at55]));
    expect(one.message).toEqual({
      fr: `Aucun ${TAX_CODE.fr} actif au taux de 5,5 % dans QuickBooks : 1 document ne peut pas être envoyé (2027-01-01).`,
      en: `No active ${TAX_CODE.en} at 5.5% in QuickBooks: 1 document cannot be sent (2027-01-01).`,
    });
    expect(one.fix).toEqual({
      fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr} et créez un ${TAX_CODE.fr} au taux de 5,5 % applicable aux ventes (ou réactivez celui qui existe). ${retry.fr}`,
      en: `In QuickBooks, open the ${TAXES_MENU.en} menu and create a ${TAX_CODE.en} at 5.5% that applies to sales (or make the existing one active again). ${retry.en}`,
    });
    const other = aDocument({ id: 'D8', number: '2027-01-08', lines: [aLine({ vatRate: decimal(55, 1) })] });
    expect(only(checkPrerequisites(profile, [at55, other])).message).toEqual({
      fr: `Aucun ${TAX_CODE.fr} actif au taux de 5,5 % dans QuickBooks : 2 documents ne peuvent pas être envoyés (2027-01-01, 2027-01-08).`,
      en: `No active ${TAX_CODE.en} at 5.5% in QuickBooks: 2 documents cannot be sent (2027-01-01, 2027-01-08).`,
    });
  });

  test('custom transaction numbers off, in both languages', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ customTransactionNumbers: false }), documents));
    expect(unmet.documentIds).toEqual([]);
    expect(unmet.message).toEqual({
      fr: "Les numéros d'opérations personnalisés sont désactivés dans QuickBooks : Ogustine ne peut pas numéroter vos factures et avoirs OGUSTINE_XXXX-XX-XX pour que vous les retrouviez.",
      en: 'Custom transaction numbers are off in QuickBooks: Ogustine cannot number your invoices and credit notes OGUSTINE_XXXX-XX-XX so that you can find them.',
    });
    expect(unmet.fix).toEqual({
      fr: `Dans QuickBooks, cliquez sur ${SALES_SETTINGS_PATH.fr}. Dans « Contenu du formulaire de vente », cliquez sur le crayon, activez « ${CUSTOM_TRANSACTION_NUMBERS.fr} » et enregistrez. ${retry.fr}`,
      en: `In QuickBooks, click ${SALES_SETTINGS_PATH.en}. Under "Sales form content", click the pencil, turn on "${CUSTOM_TRANSACTION_NUMBERS.en}" and save. ${retry.en}`,
    });
  });

  test('discounts not allowed: one document has a discount, several have one', () => {
    const profile = aCompanyProfile({ discountsAllowed: false });
    const one = only(checkPrerequisites(profile, documents));
    expect(one.message.en).toBe(`Discounts are not turned on in QuickBooks, but 1 document has a discount (2027-01-03).`);
    expect(one.fix).toEqual({
      fr: `Dans QuickBooks, cliquez sur ${SALES_SETTINGS_PATH.fr}. Dans « Contenu du formulaire de vente », cliquez sur le crayon, activez « Rabais » (${DISCOUNTS_SETTING.fr}) et enregistrez. ${retry.fr}`,
      en: `In QuickBooks, click ${SALES_SETTINGS_PATH.en}. Under "Sales form content", click the pencil, turn on "Discount" and save. ${retry.en}`,
    });
    const again = aDocument({ id: 'D7', number: '2027-01-07', lines: [aLine(), aLine({ discount: { kind: 'amount', amount: 500 } })] });
    const two = only(checkPrerequisites(profile, [...documents, again]));
    expect(two.documentIds).toEqual(['D3', 'D7']);
    expect(two.message).toEqual({
      fr: `La ${DISCOUNTS_SETTING.fr} n'est pas activée dans QuickBooks, or 2 documents comportent une remise (2027-01-03, 2027-01-07).`,
      en: 'Discounts are not turned on in QuickBooks, but 2 documents have a discount (2027-01-03, 2027-01-07).',
    });
  });

  test('no active income account, in both languages', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ accounts: [] }), documents));
    expect(unmet.documentIds).toEqual([]);
    expect(unmet.message.en).toBe(
      `No active ${INCOME_ACCOUNT.en} in QuickBooks: Ogustine cannot create your services, and so no invoice or credit note.`,
    );
    expect(unmet.fix).toEqual({
      fr: `Dans QuickBooks, ouvrez Comptabilité > Plan comptable, cliquez sur Nouveau et créez un compte de type « Revenus » (par exemple 706 Prestations de services), ou réactivez un ${INCOME_ACCOUNT.fr} existant. ${retry.fr}`,
      en: `In QuickBooks, open Accounting > Chart of accounts, click New and create an account of type "Income" (for example Services), or make an existing ${INCOME_ACCOUNT.en} active again. ${retry.en}`,
    });
  });

  test('a foreign currency: one document is in it, several are, each currency on its own', () => {
    const profile = aCompanyProfile({ multiCurrencyEnabled: false });
    const one = only(checkPrerequisites(profile, [at20, inUsd('D5', '2027-01-05')]));
    expect(one.message.en).toBe(
      "1 document is in USD while your QuickBooks company's currency is EUR and multicurrency is off (2027-01-05).",
    );
    expect(one.fix).toEqual({
      fr: `Dans QuickBooks, cliquez sur la roue dentée (⚙) > Paramètres du compte > Avancé. Dans « Devise », activez « Multidevise » et enregistrez, puis ajoutez la devise USD dans la liste des devises. Attention : le multidevise ne peut plus être désactivé ensuite. ${retry.fr}`,
      en: `In QuickBooks, click the gear icon (⚙) > Account and settings > Advanced. Under "Currency", turn on "Multicurrency" and save, then add USD to the currency list. Note that multicurrency cannot be turned off afterwards. ${retry.en}`,
    });
    const inChf = aDocument({ id: 'D9', number: '2027-01-09', currency: 'CHF' });
    const both = checkPrerequisites(profile, [inUsd('D5', '2027-01-05'), inChf, at20, inUsd('D6', '2027-01-06')]);
    expect(both).toHaveLength(2);
    const [usd, chf] = both as [UnmetPrerequisite, UnmetPrerequisite];
    expect(usd).toMatchObject({ currency: 'USD', documentIds: ['D5', 'D6'] });
    expect(usd.message).toEqual({
      fr: "2 documents sont en USD alors que la devise de votre entreprise QuickBooks est EUR et que le multidevise n'est pas activé (2027-01-05, 2027-01-06).",
      en: "2 documents are in USD while your QuickBooks company's currency is EUR and multicurrency is off (2027-01-05, 2027-01-06).",
    });
    expect(chf).toMatchObject({ currency: 'CHF', documentIds: ['D9'] });
    expect(isBlockedBy(inUsd('D10', '2027-01-10'), usd)).toBe(true);
    expect(isBlockedBy(inChf, usd)).toBe(false);
  });

  test('a document with several lines at the missing rate is named once', () => {
    const twice = aDocument({
      id: 'D6',
      number: '2027-01-06',
      lines: [aLine({ vatRate: decimal(55, 1) }), aLine({ vatRate: decimal(5500, 3) })],
    });
    const unmet = only(checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), [twice]));
    expect(unmet).toMatchObject({ rate: decimal(55, 1), documentIds: ['D6'] });
    expect(unmet.message.fr).toContain(': 1 document ne peut pas être envoyé (2027-01-06).');
  });

  test('which prerequisites block every document, and which only those they name', () => {
    const kinds: readonly [PrerequisiteKind['kind'], boolean][] = [
      ['prerequisite.us-company-unsupported', true],
      ['prerequisite.vat-not-set-up', true],
      ['prerequisite.custom-transaction-numbers-off', true],
      ['prerequisite.no-income-account', true],
      ['prerequisite.tax-code-missing', false],
      ['prerequisite.discounts-not-allowed', false],
      ['prerequisite.currency-not-enabled', false],
    ];
    for (const [kind, every] of kinds) expect(blocksEveryDocument({ kind } as PrerequisiteKind)).toBe(every);
  });

  test('a document validated after the check is held by what it holds: the refused discount, the currency, or a prerequisite of every document', () => {
    const later = (over: Parameters<typeof aDocument>[0]) => aDocument({ id: 'D40', number: '2027-02-01', ...over });
    const withDiscount = later({ lines: [aLine({ discount: { kind: 'percent', percent: decimal(5) } })] });
    const discounts = only(checkPrerequisites(aCompanyProfile({ discountsAllowed: false }), documents));
    expect(isBlockedBy(withDiscount, discounts)).toBe(true);
    expect(isBlockedBy(later({}), discounts)).toBe(false);
    const inUsd = later({ currency: 'USD' });
    const currency = only(checkPrerequisites(aCompanyProfile({ multiCurrencyEnabled: false }), [aDocument({ id: 'D5', currency: 'USD' })]));
    expect(isBlockedBy(inUsd, currency)).toBe(true);
    expect(isBlockedBy(later({ currency: 'GBP' }), currency)).toBe(false);
    const everyDocument = [
      aCompanyProfile({ country: 'US' }),
      aCompanyProfile({ vatEnabled: false }),
      aCompanyProfile({ customTransactionNumbers: false }),
      aCompanyProfile({ accounts: [anIncomeAccount({ active: false })] }),
    ].map((profile) => only(checkPrerequisites(profile, documents)));
    expect(everyDocument.map((u) => u.kind)).toEqual([
      'prerequisite.us-company-unsupported',
      'prerequisite.vat-not-set-up',
      'prerequisite.custom-transaction-numbers-off',
      'prerequisite.no-income-account',
    ]);
    for (const unmet of everyDocument) expect(isBlockedBy(later({}), unmet), unmet.kind).toBe(true);
  });

  test('the help page for VAT is Intuit’s own, in French', () => {
    expect(VAT_SETUP_HELP_URL).toMatch(/^https:\/\/quickbooks\.intuit\.com\/learn-support\/fr-fr\/help-article\/[^\s]+$/);
  });

  test('whether a document is blocked is judged on what it holds, not on the ids the check named', () => {
    const unmet = only(checkPrerequisites(aCompanyProfile({ discountsAllowed: false }), documents));
    expect(unmet.documentIds).toEqual([discounted.id]);
    expect(isBlockedBy({ ...discounted, lines: [aLine()] }, unmet)).toBe(false);
    expect(isBlockedBy({ ...discounted, id: 'D33' }, unmet)).toBe(true);
  });

  test(`a prerequisite names the first ${NAMED_DOCUMENTS} documents it blocks and counts them all, checked at once or a page at a time`, () => {
    const many = Array.from({ length: 2 * NAMED_DOCUMENTS + 7 }, (_, i) =>
      aDocument({
        id: `M${i}`,
        number: `2027-03-${String(i + 1).padStart(3, '0')}`,
        lines: [aLine({ discount: { kind: 'amount', amount: 100 } })],
      }),
    );
    const profile = aCompanyProfile({ discountsAllowed: false });
    const unmet = only(checkPrerequisites(profile, many));
    expect(unmet.documentIds).toEqual(many.slice(0, NAMED_DOCUMENTS).map((d) => d.id));
    expect(unmet.message.fr).toContain(
      `or ${many.length} documents comportent une remise (2027-03-001, 2027-03-002, 2027-03-003, 2027-03-004, 2027-03-005 et ${many.length - 5} autres).`,
    );
    expect(unmet.message.en).toContain(
      `but ${many.length} documents have a discount (2027-03-001, 2027-03-002, 2027-03-003, 2027-03-004, 2027-03-005 and ${many.length - 5} more).`,
    );
    // Pages of 30: the needs merged give the same check.
    let needs = NO_NEEDS;
    for (let at = 0; at < many.length; at += 30) needs = mergeNeeds(needs, needsOf(many.slice(at, at + 30)));
    expect(checkNeeds(profile, needs)).toEqual([unmet]);
    // The last document, not named, is blocked all the same.
    const last = many.at(-1);
    expect(last !== undefined && !unmet.documentIds.includes(last.id) && isBlockedBy(last, unmet)).toBe(true);
  });
});
