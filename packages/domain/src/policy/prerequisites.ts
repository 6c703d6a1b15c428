import { err, ok, type Result } from 'neverthrow';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { formatVatRate, vatRateKey, type VatRate } from '../documents/vat-rate.js';
import { incomeAccountFor } from '../mapping/item-payload.js';
import { taxCodeForRate } from '../mapping/tax-code-for-rate.js';
import type { CompanyProfile, QboAccount } from '../qbo/company-profile.js';
import type { Localized } from '../shared/localized.js';
import { hasDiscount, needsOf, type DocumentNeeds, type NeedCount } from './document-needs.js';
import type { PrerequisiteKind, UnmetPrerequisite } from './unmet-prerequisite.js';
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

/** Intuit's French page on setting up VAT, linked from Ogustine's help article. */
export const VAT_SETUP_HELP_URL =
  'https://quickbooks.intuit.com/learn-support/fr-fr/help-article/taxe-valeur-ajoutee/comment-configurer-tva/L1Wpqfzfv_FR_fr_FR';

const RETRY: Localized = { fr: `Cliquez ensuite sur ${BUTTONS.retry.fr}.`, en: `Then click ${BUTTONS.retry.en}.` };
const SHOWN_NUMBERS = 5;

/** `2024-01-15, 2024-01-16 et 3 autres`: the numbers the user knows the documents by. */
const listDocuments = (blocked: NeedCount): Localized => {
  const shown = blocked.first
    .slice(0, SHOWN_NUMBERS)
    .map((d) => d.number)
    .join(', ');
  const more = blocked.count - SHOWN_NUMBERS;
  return more > 0
    ? { fr: `${shown} et ${more} ${more === 1 ? 'autre' : 'autres'}`, en: `${shown} and ${more} more` }
    : { fr: shown, en: shown };
};

const countDocuments = (n: number): Localized =>
  n === 1 ? { fr: '1 document', en: '1 document' } : { fr: `${n} documents`, en: `${n} documents` };

/** The ids a prerequisite names: the first `NAMED_DOCUMENTS` it blocks. */
const namedIds = (blocked: NeedCount): readonly DocumentId[] => blocked.first.map((d) => d.id);

const usesRate = (doc: OgustineDocument, rate: VatRate): boolean => {
  const key = vatRateKey(rate);
  return doc.lines.some((l) => vatRateKey(l.vatRate) === key);
};

const usUnsupported = (): UnmetPrerequisite => ({
  kind: 'prerequisite.us-company-unsupported',
  documentIds: [],
  message: US_COMPANY_REFUSAL.message,
  fix: US_COMPANY_REFUSAL.fix,
});

const vatNotSetUp = (): UnmetPrerequisite => ({
  kind: 'prerequisite.vat-not-set-up',
  documentIds: [],
  message: {
    fr: "La TVA n'est pas configurée dans votre entreprise QuickBooks : Ogustine ne peut envoyer aucune facture ni aucun avoir.",
    en: 'VAT is not set up in your QuickBooks company: Ogustine cannot send any invoice or credit note.',
  },
  fix: {
    fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr}, cliquez sur « Configurer la TVA » et renseignez votre profil de TVA. ${RETRY.fr} Plus d'informations sur cette page : ${VAT_SETUP_HELP_URL}`,
    en: `In QuickBooks, open the ${TAXES_MENU.en} menu, click "Set up VAT" and fill in your VAT profile. ${RETRY.en} More information on this page (in French): ${VAT_SETUP_HELP_URL}`,
  },
});

const taxCodeMissing = (rate: VatRate, blocked: NeedCount): UnmetPrerequisite => {
  const r = formatVatRate(rate);
  const n = countDocuments(blocked.count);
  const list = listDocuments(blocked);
  return {
    kind: 'prerequisite.tax-code-missing',
    rate,
    documentIds: namedIds(blocked),
    message: {
      fr: `Aucun ${TAX_CODE.fr} actif au taux de ${r.fr} dans QuickBooks : ${n.fr} ne ${blocked.count === 1 ? 'peut' : 'peuvent'} pas être ${blocked.count === 1 ? 'envoyé' : 'envoyés'} (${list.fr}).`,
      en: `No active ${TAX_CODE.en} at ${r.en} in QuickBooks: ${n.en} cannot be sent (${list.en}).`,
    },
    fix: {
      fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr} et créez un ${TAX_CODE.fr} au taux de ${r.fr} applicable aux ventes (ou réactivez celui qui existe). ${RETRY.fr}`,
      en: `In QuickBooks, open the ${TAXES_MENU.en} menu and create a ${TAX_CODE.en} at ${r.en} that applies to sales (or make the existing one active again). ${RETRY.en}`,
    },
  };
};

const customNumbersOff = (): UnmetPrerequisite => ({
  kind: 'prerequisite.custom-transaction-numbers-off',
  documentIds: [],
  message: {
    fr: "Les numéros d'opérations personnalisés sont désactivés dans QuickBooks : Ogustine ne peut pas numéroter vos factures et avoirs OGUSTINE_XXXX-XX-XX pour que vous les retrouviez.",
    en: 'Custom transaction numbers are off in QuickBooks: Ogustine cannot number your invoices and credit notes OGUSTINE_XXXX-XX-XX so that you can find them.',
  },
  fix: {
    fr: `Dans QuickBooks, cliquez sur ${SALES_SETTINGS_PATH.fr}. Dans « Contenu du formulaire de vente », cliquez sur le crayon, activez « ${CUSTOM_TRANSACTION_NUMBERS.fr} » et enregistrez. ${RETRY.fr}`,
    en: `In QuickBooks, click ${SALES_SETTINGS_PATH.en}. Under "Sales form content", click the pencil, turn on "${CUSTOM_TRANSACTION_NUMBERS.en}" and save. ${RETRY.en}`,
  },
});

const discountsNotAllowed = (blocked: NeedCount): UnmetPrerequisite => {
  const n = countDocuments(blocked.count);
  const list = listDocuments(blocked);
  return {
    kind: 'prerequisite.discounts-not-allowed',
    documentIds: namedIds(blocked),
    message: {
      fr: `La ${DISCOUNTS_SETTING.fr} n'est pas activée dans QuickBooks, or ${n.fr} ${blocked.count === 1 ? 'comporte' : 'comportent'} une remise (${list.fr}).`,
      en: `Discounts are not turned on in QuickBooks, but ${n.en} ${blocked.count === 1 ? 'has' : 'have'} a discount (${list.en}).`,
    },
    fix: {
      fr: `Dans QuickBooks, cliquez sur ${SALES_SETTINGS_PATH.fr}. Dans « Contenu du formulaire de vente », cliquez sur le crayon, activez « Rabais » (${DISCOUNTS_SETTING.fr}) et enregistrez. ${RETRY.fr}`,
      en: `In QuickBooks, click ${SALES_SETTINGS_PATH.en}. Under "Sales form content", click the pencil, turn on "Discount" and save. ${RETRY.en}`,
    },
  };
};

const noIncomeAccount = (): UnmetPrerequisite => ({
  kind: 'prerequisite.no-income-account',
  documentIds: [],
  message: {
    fr: `Aucun ${INCOME_ACCOUNT.fr} actif dans QuickBooks : Ogustine ne peut pas créer vos prestations, et donc aucune facture ni aucun avoir.`,
    en: `No active ${INCOME_ACCOUNT.en} in QuickBooks: Ogustine cannot create your services, and so no invoice or credit note.`,
  },
  fix: {
    fr: `Dans QuickBooks, ouvrez Comptabilité > Plan comptable, cliquez sur Nouveau et créez un compte de type « Revenus » (par exemple 706 Prestations de services), ou réactivez un ${INCOME_ACCOUNT.fr} existant. ${RETRY.fr}`,
    en: `In QuickBooks, open Accounting > Chart of accounts, click New and create an account of type "Income" (for example Services), or make an existing ${INCOME_ACCOUNT.en} active again. ${RETRY.en}`,
  },
});

const currencyNotEnabled = (currency: string, home: string, blocked: NeedCount): UnmetPrerequisite => {
  const n = countDocuments(blocked.count);
  const list = listDocuments(blocked);
  return {
    kind: 'prerequisite.currency-not-enabled',
    currency,
    documentIds: namedIds(blocked),
    message: {
      fr: `${n.fr} ${blocked.count === 1 ? 'est' : 'sont'} en ${currency} alors que la devise de votre entreprise QuickBooks est ${home} et que le multidevise n'est pas activé (${list.fr}).`,
      en: `${n.en} ${blocked.count === 1 ? 'is' : 'are'} in ${currency} while your QuickBooks company's currency is ${home} and multicurrency is off (${list.en}).`,
    },
    fix: {
      fr: `Dans QuickBooks, cliquez sur la roue dentée (⚙) > Paramètres du compte > Avancé. Dans « Devise », activez « Multidevise » et enregistrez, puis ajoutez la devise ${currency} dans la liste des devises. Attention : le multidevise ne peut plus être désactivé ensuite. ${RETRY.fr}`,
      en: `In QuickBooks, click the gear icon (⚙) > Account and settings > Advanced. Under "Currency", turn on "Multicurrency" and save, then add ${currency} to the currency list. Note that multicurrency cannot be turned off afterwards. ${RETRY.en}`,
    },
  };
};

type NonEmpty<T> = readonly [T, ...T[]];

/** `[...before, at, ...after]`, typed as the non-empty list it is. */
const around = <T>(before: readonly T[], at: T, after: readonly T[]): NonEmpty<T> =>
  before.reduceRight<NonEmpty<T>>((list, item) => [item, ...list], [at, ...after]);

/** What the company offers that the mapping needs, once every prerequisite is met. */
export interface MetPrerequisites {
  /** Where new service items are booked (`incomeAccountFor`). */
  readonly incomeAccount: QboAccount;
}

/**
 * What the connected QuickBooks company lacks to take documents of these needs, each with a message
 * and a fix in plain words. A US company is refused alone (nothing else matters until it is supported);
 * tax codes are checked only once VAT is set up, since without it every rate would be missing.
 * @returns ok(what the mapping needs) when every prerequisite is met, err(unmet, at least one) otherwise
 */
export const prerequisitesForNeeds = (
  profile: CompanyProfile,
  needs: DocumentNeeds,
): Result<MetPrerequisites, NonEmpty<UnmetPrerequisite>> => {
  if (profile.country.toUpperCase() === 'US') return err([usUnsupported()]);
  const before: UnmetPrerequisite[] = [];
  if (!profile.vatEnabled) before.push(vatNotSetUp());
  else {
    for (const [, { rate, documents }] of [...needs.rates].sort(([a], [b]) => Number(a) - Number(b))) {
      if (taxCodeForRate(profile.taxCodes, rate) === undefined) before.push(taxCodeMissing(rate, documents));
    }
  }
  if (!profile.customTransactionNumbers) before.push(customNumbersOff());
  if (!profile.discountsAllowed && needs.discounted.count > 0) before.push(discountsNotAllowed(needs.discounted));
  const after: UnmetPrerequisite[] = [];
  if (!profile.multiCurrencyEnabled) {
    for (const [currency, blocked] of needs.currencies)
      if (currency !== profile.homeCurrency) after.push(currencyNotEnabled(currency, profile.homeCurrency, blocked));
  }
  const incomeAccount = incomeAccountFor(profile);
  if (incomeAccount === undefined) return err(around(before, noIncomeAccount(), after));
  const [first, ...rest] = [...before, ...after];
  return first === undefined ? ok({ incomeAccount }) : err([first, ...rest]);
};

/** `prerequisitesForNeeds` of these documents. */
export const prerequisitesFor = (
  profile: CompanyProfile,
  documents: readonly OgustineDocument[],
): Result<MetPrerequisites, NonEmpty<UnmetPrerequisite>> => prerequisitesForNeeds(profile, needsOf(documents));

/**
 * `prerequisitesForNeeds` as a list, for screens and the stored check.
 * @returns an empty list when every prerequisite is met
 */
export const checkNeeds = (profile: CompanyProfile, needs: DocumentNeeds): readonly UnmetPrerequisite[] =>
  prerequisitesForNeeds(profile, needs).match(
    () => [],
    (unmet) => unmet,
  );

/** `checkNeeds` of these documents. */
export const checkPrerequisites = (profile: CompanyProfile, documents: readonly OgustineDocument[]): readonly UnmetPrerequisite[] =>
  checkNeeds(profile, needsOf(documents));

/** Whether an unmet prerequisite blocks every document (rather than only those it lists). */
export const blocksEveryDocument = (unmet: PrerequisiteKind): boolean => {
  switch (unmet.kind) {
    case 'prerequisite.us-company-unsupported':
    case 'prerequisite.vat-not-set-up':
    case 'prerequisite.custom-transaction-numbers-off':
    case 'prerequisite.no-income-account':
      return true;
    case 'prerequisite.tax-code-missing':
    case 'prerequisite.discounts-not-allowed':
    case 'prerequisite.currency-not-enabled':
      return false;
  }
};

/**
 * Whether an unmet prerequisite blocks a document. Judged on the document's content, not on the
 * listed ids (the first `NAMED_DOCUMENTS` only), so a document validated after the check (say,
 * another invoice at 5,5 %) is held by the same missing tax code.
 */
export const isBlockedBy = (doc: OgustineDocument, unmet: UnmetPrerequisite): boolean => {
  // Every kind named, no default: a default here could only be reached by the kinds that block
  // every document, so its answer was never read (a mutant no test could catch).
  switch (unmet.kind) {
    case 'prerequisite.us-company-unsupported':
    case 'prerequisite.vat-not-set-up':
    case 'prerequisite.custom-transaction-numbers-off':
    case 'prerequisite.no-income-account':
      return true;
    case 'prerequisite.tax-code-missing':
      return usesRate(doc, unmet.rate);
    case 'prerequisite.discounts-not-allowed':
      return hasDiscount(doc);
    case 'prerequisite.currency-not-enabled':
      return doc.currency === unmet.currency;
  }
};

/** The unmet prerequisites that block this document. */
export const unmetFor = (doc: OgustineDocument, unmet: readonly UnmetPrerequisite[]): readonly UnmetPrerequisite[] =>
  unmet.filter((u) => isBlockedBy(doc, u));
