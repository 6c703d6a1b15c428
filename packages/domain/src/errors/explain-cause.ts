import { formatVatRate } from '../documents/vat-rate.js';
import type { PrerequisiteKind } from '../policy/unmet-prerequisite.js';
import type { Localized } from '../shared/localized.js';
import type { Cents, CurrencyCode } from '../shared/money.js';
import type { QboTrace, SyncFailureCause } from './sync-failure-cause.js';
import { BUTTONS, DISCOUNTS_SETTING, INCOME_ACCOUNT, SALES_SETTINGS_PATH, TAX_CODE, TAXES_MENU } from '../wording/terms.js';
import { US_COMPANY_REFUSAL } from '../wording/us-company.js';

/** What the error history and the reporting show for a cause. */
export interface CauseExplanation {
  /** A few words, for group labels and short statuses: "taux de TVA 5,5 % sans code de taxe". */
  readonly title: Localized;
  /** What went wrong, in one or two plain sentences. Never a stack trace, a code or raw JSON. */
  readonly message: Localized;
  /** What to do, step by step, ending with the button to press (or "nothing to do"). */
  readonly fix: Localized;
  /** "Resynchroniser cet élément" makes sense (once the fix is done). */
  readonly retryable: boolean;
  /** QBO's own wording, shown apart ("Détail QuickBooks") and given to support. */
  readonly qboDetail?: string;
  readonly qboCode?: string;
  readonly intuitTid?: string;
}

const RESYNC = { fr: `puis cliquez sur ${BUTTONS.resyncItem.fr}.`, en: `then click ${BUTTONS.resyncItem.en}.` };
const AUTOMATIC = {
  fr: 'Aucune action n’est nécessaire : Ogustine réessaiera automatiquement. Si le problème dure, cliquez sur « Resynchroniser cet élément ».',
  en: 'Nothing to do: Ogustine will retry automatically. If it lasts, click “Resync this item”.',
};

const DISCOUNTS_TITLE: Localized = {
  fr: `${DISCOUNTS_SETTING.fr} non activée dans QuickBooks`,
  en: 'discounts not enabled in QuickBooks',
};

const formatAmount = (cents: Cents, currency: CurrencyCode): Localized => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const units = String(Math.trunc(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  return currency.toUpperCase() === 'EUR'
    ? { fr: `${sign}${units},${fraction} €`, en: `${sign}€${units}.${fraction}` }
    : { fr: `${sign}${units},${fraction} ${currency}`, en: `${sign}${currency} ${units}.${fraction}` };
};

// `feminine` makes the participle agree: "une facture qu’Ogustine n’a pas envoyée".
const TXN_TYPES: Readonly<Record<string, Localized & { readonly feminine: boolean }>> = {
  invoice: { fr: 'une facture', en: 'an invoice', feminine: true },
  creditmemo: { fr: 'un avoir', en: 'a credit note', feminine: false },
  salesreceipt: { fr: 'un reçu de vente', en: 'a sales receipt', feminine: false },
  estimate: { fr: 'un devis', en: 'an estimate', feminine: false },
};

const txnTypeWords = (txnType: string | undefined): Localized & { readonly feminine: boolean } =>
  TXN_TYPES[(txnType ?? '').toLowerCase()] ?? { fr: 'un autre document', en: 'another document', feminine: false };

const taxTitle = (rate: Parameters<typeof formatVatRate>[0] | undefined): Localized => {
  if (rate === undefined) return { fr: `ligne sans ${TAX_CODE.fr}`, en: `line without a ${TAX_CODE.en}` };
  const r = formatVatRate(rate);
  return { fr: `taux de TVA ${r.fr} sans ${TAX_CODE.fr}`, en: `VAT rate ${r.en} has no ${TAX_CODE.en}` };
};

const prerequisiteTitle = (p: PrerequisiteKind): Localized => {
  switch (p.kind) {
    case 'prerequisite.us-company-unsupported':
      return US_COMPANY_REFUSAL.title;
    case 'prerequisite.vat-not-set-up':
      return { fr: 'TVA non configurée dans QuickBooks', en: 'VAT not set up in QuickBooks' };
    case 'prerequisite.tax-code-missing':
      return taxTitle(p.rate);
    case 'prerequisite.custom-transaction-numbers-off':
      return { fr: 'numéros d’opérations personnalisés désactivés', en: 'custom transaction numbers turned off' };
    case 'prerequisite.discounts-not-allowed':
      return DISCOUNTS_TITLE;
    case 'prerequisite.no-income-account':
      return { fr: `aucun ${INCOME_ACCOUNT.fr} dans QuickBooks`, en: `no ${INCOME_ACCOUNT.en} in QuickBooks` };
    case 'prerequisite.currency-not-enabled':
      return { fr: `devise ${p.currency} non activée dans QuickBooks`, en: `currency ${p.currency} not enabled in QuickBooks` };
  }
};

type Wording = Omit<CauseExplanation, 'qboDetail' | 'qboCode' | 'intuitTid'>;

const wordingOf = (cause: SyncFailureCause): Wording => {
  switch (cause.kind) {
    case 'cause.prerequisite':
      return {
        title: prerequisiteTitle(cause.prerequisite),
        message: cause.prerequisite.message,
        fix: cause.prerequisite.fix,
        retryable: cause.prerequisite.kind !== 'prerequisite.us-company-unsupported',
      };
    case 'cause.discounts-disabled':
      return {
        title: DISCOUNTS_TITLE,
        message: { fr: `La ${DISCOUNTS_SETTING.fr} n’est pas activée dans QuickBooks.`, en: 'Discounts are not enabled in QuickBooks.' },
        fix: {
          fr: `Dans QuickBooks, cliquez sur ${SALES_SETTINGS_PATH.fr}, activez « Rabais » (${DISCOUNTS_SETTING.fr}), ${RESYNC.fr}`,
          en: `In QuickBooks, click ${SALES_SETTINGS_PATH.en}, turn on “Discount”, ${RESYNC.en}`,
        },
        retryable: true,
      };
    case 'cause.tax-code-missing': {
      if (cause.rate === undefined) {
        return {
          title: taxTitle(undefined),
          message: {
            fr: `QuickBooks demande un ${TAX_CODE.fr} sur chaque ligne, et l’un des taux de TVA de ce document n’en a pas.`,
            en: `QuickBooks needs a ${TAX_CODE.en} on every line, and one of the VAT rates of this document has none.`,
          },
          fix: {
            fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr} et vérifiez qu’un ${TAX_CODE.fr} actif existe pour chaque taux de TVA utilisé dans Ogustine (20 %, 10 %, 5,5 %, 2,1 %…), ${RESYNC.fr}`,
            en: `In QuickBooks, open the ${TAXES_MENU.en} menu and check that an active ${TAX_CODE.en} exists for every VAT rate used in Ogustine (20%, 10%, 5.5%, 2.1%…), ${RESYNC.en}`,
          },
          retryable: true,
        };
      }
      const r = formatVatRate(cause.rate);
      return {
        title: taxTitle(cause.rate),
        message: {
          fr: `Le taux de TVA ${r.fr} n’a pas de ${TAX_CODE.fr} dans QuickBooks.`,
          en: `The ${r.en} VAT rate has no ${TAX_CODE.en} in QuickBooks.`,
        },
        fix: {
          fr: `Dans QuickBooks, ouvrez le menu ${TAXES_MENU.fr} et créez (ou réactivez) un ${TAX_CODE.fr} au taux de ${r.fr}, ${RESYNC.fr}`,
          en: `In QuickBooks, open the ${TAXES_MENU.en} menu and create (or reactivate) a ${TAX_CODE.en} at ${r.en}, ${RESYNC.en}`,
        },
        retryable: true,
      };
    }
    case 'cause.duplicate-document-number': {
      const number =
        cause.docNumber === undefined
          ? { fr: 'Le numéro de ce document', en: 'This document’s number' }
          : { fr: `Le numéro ${cause.docNumber}`, en: `Number ${cause.docNumber}` };
      const other = txnTypeWords(cause.existingTxnType);
      const search =
        cause.docNumber === undefined
          ? { fr: 'ce numéro', en: 'this number' }
          : { fr: `le numéro ${cause.docNumber}`, en: `number ${cause.docNumber}` };
      return {
        title: { fr: 'numéro déjà utilisé dans QuickBooks', en: 'number already used in QuickBooks' },
        message: {
          fr: `${number.fr} est déjà utilisé dans QuickBooks par ${other.fr} qu’Ogustine n’a pas envoyé${other.feminine ? 'e' : ''}.`,
          en: `${number.en} is already used in QuickBooks by ${other.en} that Ogustine did not send.`,
        },
        fix: {
          fr: `Dans QuickBooks, recherchez ${search.fr} et changez le numéro de ce document (ou supprimez-le s’il fait double emploi), ${RESYNC.fr}`,
          en: `In QuickBooks, search for ${search.en} and change that document’s number (or delete it if it is a duplicate), ${RESYNC.en}`,
        },
        retryable: true,
      };
    }
    case 'cause.duplicate-customer-name': {
      const name =
        cause.displayName === undefined ? { fr: '', en: '' } : { fr: ` « ${cause.displayName} »`, en: ` “${cause.displayName}”` };
      return {
        title: { fr: 'nom de client déjà utilisé dans QuickBooks', en: 'customer name already used in QuickBooks' },
        message: {
          fr: `Le nom du client${name.fr} est déjà porté dans QuickBooks par un autre client, un fournisseur ou un employé.`,
          en: `The customer name${name.en} is already used in QuickBooks by another customer, a supplier or an employee.`,
        },
        fix: {
          fr: `Dans QuickBooks, renommez cette autre fiche (par exemple en ajoutant une précision au nom), ${RESYNC.fr}`,
          en: `In QuickBooks, rename that other record (for example by adding a detail to the name), ${RESYNC.en}`,
        },
        retryable: true,
      };
    }
    case 'cause.invalid-reference':
      return {
        title: { fr: 'client ou service désactivé dans QuickBooks', en: 'customer or service inactive in QuickBooks' },
        message: {
          fr: 'Un client ou un service utilisé par ce document a été désactivé ou supprimé dans QuickBooks.',
          en: 'A customer or a service used by this document was made inactive or deleted in QuickBooks.',
        },
        fix: {
          fr: `Dans QuickBooks, réactivez-le (Ventes > Clients, ou Ventes > Produits et services, avec le filtre « Inactif »), ${RESYNC.fr}`,
          en: `In QuickBooks, make it active again (Sales > Customers, or Sales > Products and services, with the “Inactive” filter), ${RESYNC.en}`,
        },
        retryable: true,
      };
    case 'cause.stale-object':
      return {
        title: { fr: 'modifié en même temps dans QuickBooks', en: 'changed at the same time in QuickBooks' },
        message: {
          fr: 'Ce document a été modifié dans QuickBooks pendant l’envoi.',
          en: 'This document was changed in QuickBooks while it was being sent.',
        },
        fix: {
          fr: 'Aucune action n’est nécessaire : Ogustine relira la version de QuickBooks et réessaiera. Si le problème dure, cliquez sur « Resynchroniser cet élément ».',
          en: 'Nothing to do: Ogustine will read QuickBooks’ version again and retry. If it lasts, click “Resync this item”.',
        },
        retryable: true,
      };
    case 'cause.business-validation':
      return {
        title: { fr: 'refusé par QuickBooks (règle de gestion)', en: 'refused by QuickBooks (business rule)' },
        message: {
          fr: 'QuickBooks a refusé ce document à cause d’une règle de votre entreprise QuickBooks.',
          en: 'QuickBooks refused this document because of a rule of your QuickBooks company.',
        },
        fix: {
          fr: 'Lisez le détail donné par QuickBooks, corrigez ce point dans QuickBooks, puis cliquez sur « Resynchroniser cet élément ». Si le détail ne vous aide pas, contactez le support Ogustine en le joignant.',
          en: 'Read the detail QuickBooks gave, correct that point in QuickBooks, then click “Resync this item”. If the detail does not help, contact Ogustine support and include it.',
        },
        retryable: true,
      };
    case 'cause.authorization-lost':
      return {
        title: { fr: 'connexion à QuickBooks expirée', en: 'QuickBooks connection expired' },
        message: {
          fr: 'La connexion entre Ogustine et QuickBooks a expiré ou a été révoquée.',
          en: 'The connection between Ogustine and QuickBooks expired or was revoked.',
        },
        fix: {
          fr: 'Dans les paramètres du module QuickBooks, cliquez sur « Se connecter à QuickBooks » et autorisez Ogustine à nouveau, puis cliquez sur « Resynchroniser cet élément ».',
          en: 'In the QuickBooks module settings, click “Connect to QuickBooks” and authorise Ogustine again, then click “Resync this item”.',
        },
        retryable: true,
      };
    case 'cause.qbo-unavailable': {
      const what: Record<typeof cause.reason, Localized> = {
        throttled: { fr: 'QuickBooks a demandé de ralentir les envois.', en: 'QuickBooks asked to slow down.' },
        'server-error': { fr: 'QuickBooks a rencontré une erreur de son côté.', en: 'QuickBooks had an error on its side.' },
        timeout: { fr: 'QuickBooks n’a pas répondu à temps.', en: 'QuickBooks did not answer in time.' },
        network: { fr: 'QuickBooks n’a pas pu être joint.', en: 'QuickBooks could not be reached.' },
      };
      return {
        title: { fr: 'QuickBooks momentanément indisponible', en: 'QuickBooks temporarily unavailable' },
        message: what[cause.reason],
        fix: AUTOMATIC,
        retryable: true,
      };
    }
    case 'cause.outcome-unknown':
      return {
        title: { fr: 'vérification dans QuickBooks…', en: 'checking QuickBooks…' },
        message: {
          fr: 'Vérification dans QuickBooks… La réponse de QuickBooks n’est pas arrivée : le document y a peut-être déjà été créé.',
          en: 'Checking QuickBooks… QuickBooks’ answer did not arrive: the document may already have been created there.',
        },
        fix: {
          fr: 'Aucune action n’est nécessaire : Ogustine vérifie dans QuickBooks avant de renvoyer le document, pour ne jamais le créer deux fois.',
          en: 'Nothing to do: Ogustine checks QuickBooks before sending the document again, so that it is never created twice.',
        },
        retryable: true,
      };
    case 'cause.pdf-attachment-failed':
      return {
        title: { fr: 'PDF non joint dans QuickBooks', en: 'PDF not attached in QuickBooks' },
        message: {
          fr: 'Le document est dans QuickBooks, mais son PDF n’a pas pu y être joint.',
          en: 'The document is in QuickBooks, but its PDF could not be attached.',
        },
        fix: {
          fr: 'Aucune action n’est nécessaire : le PDF sera renvoyé seul, sans créer le document une seconde fois. Si le problème dure, cliquez sur « Resynchroniser cet élément ».',
          en: 'Nothing to do: the PDF will be sent again on its own, without creating the document twice. If it lasts, click “Resync this item”.',
        },
        retryable: true,
      };
    case 'cause.number-not-representable':
      return {
        title: { fr: 'numéro incompatible avec QuickBooks', en: 'number not accepted by QuickBooks' },
        message: {
          fr: `Le numéro de ce document ne peut pas être repris tel quel dans QuickBooks. ${cause.detail.fr}`,
          en: `This document’s number cannot be used as is in QuickBooks. ${cause.detail.en}`,
        },
        fix: {
          fr: 'Ce document ne sera pas envoyé automatiquement : contactez le support Ogustine pour le reprendre.',
          en: 'This document will not be sent automatically: contact Ogustine support to have it taken over.',
        },
        retryable: false,
      };
    case 'cause.total-mismatch': {
      const expected = formatAmount(cause.expected, cause.currency);
      const actual = formatAmount(cause.actual, cause.currency);
      return {
        title: { fr: 'total différent dans QuickBooks', en: 'different total in QuickBooks' },
        message: {
          fr: `Le total calculé par QuickBooks (${actual.fr}) diffère de celui d’Ogustine (${expected.fr}).`,
          en: `The total computed by QuickBooks (${actual.en}) differs from Ogustine’s (${expected.en}).`,
        },
        fix: {
          fr: 'Ne modifiez pas le document dans QuickBooks : contactez le support Ogustine, qui corrigera l’envoi.',
          en: 'Do not change the document in QuickBooks: contact Ogustine support, who will correct the transfer.',
        },
        retryable: false,
      };
    }
    case 'cause.document-changed':
      return {
        title: { fr: 'document modifié après sa validation', en: 'document changed after it was validated' },
        message: {
          fr: `Ogustine a transmis une seconde version de ce document validé, différente de la première (${cause.fields.join(', ')}). Une facture validée ne change jamais : les corrections passent par un avoir. Seule la première version est envoyée à QuickBooks.`,
          en: `Ogustine sent a second version of this validated document that differs from the first (${cause.fields.join(', ')}). A validated invoice never changes: corrections go through a credit note. Only the first version is sent to QuickBooks.`,
        },
        fix: {
          fr: 'Vérifiez le document dans Ogustine ; pour le corriger, émettez un avoir. Contactez le support Ogustine si ce document a réellement changé.',
          en: 'Check the document in Ogustine; to correct it, issue a credit note. Contact Ogustine support if the document really changed.',
        },
        retryable: false,
      };
    case 'cause.vat-inconsistent': {
      const rate = formatVatRate(cause.rate);
      const base = formatAmount(cause.base, cause.currency);
      const stated = formatAmount(cause.stated, cause.currency);
      const computed = formatAmount(cause.computed, cause.currency);
      return {
        title: { fr: `TVA incohérente à ${rate.fr}`, en: `inconsistent VAT at ${rate.en}` },
        message: {
          fr: `La TVA à ${rate.fr} de ce document (${stated.fr}) ne correspond pas à sa base (${base.fr}) : ${rate.fr} de ${base.fr} font ${computed.fr}, à l’arrondi des lignes près. Le document n’est pas envoyé à QuickBooks.`,
          en: `This document’s VAT of ${stated.en} for the ${rate.en} rate does not match its base (${base.en}): ${rate.en} of ${base.en} is ${computed.en}, give or take the rounding of its lines. The document is not sent to QuickBooks.`,
        },
        fix: {
          fr: 'Contactez le support Ogustine avec ce détail : le document doit être corrigé par un avoir puis réémis.',
          en: 'Contact Ogustine support with this detail: the document must be corrected with a credit note and issued again.',
        },
        retryable: false,
      };
    }
    case 'cause.unknown':
      return {
        title: { fr: 'erreur inattendue', en: 'unexpected error' },
        message: {
          fr: 'L’envoi vers QuickBooks a échoué pour une raison inattendue.',
          en: 'Sending to QuickBooks failed for an unexpected reason.',
        },
        fix: {
          fr: 'Cliquez sur « Resynchroniser cet élément ». Si l’erreur se répète, contactez le support Ogustine en indiquant le détail ci-dessous.',
          en: 'Click “Resync this item”. If the error happens again, contact Ogustine support with the detail below.',
        },
        retryable: true,
      };
  }
};

/**
 * The plain-language explanation of a cause, French first: what went wrong, what to change (in
 * QuickBooks, usually) and which button to press. QBO's own detail stays apart, for support.
 * @returns the explanation; `transient` causes are retried automatically, `retryable` ones by the user
 */
export const explainCause = (cause: SyncFailureCause): CauseExplanation => {
  const wording = wordingOf(cause);
  const trace: QboTrace = 'qboDetail' in cause || 'qboCode' in cause || 'intuitTid' in cause ? cause : {};
  return {
    ...wording,
    ...(trace.qboDetail === undefined ? {} : { qboDetail: trace.qboDetail }),
    ...(trace.qboCode === undefined ? {} : { qboCode: trace.qboCode }),
    ...(trace.intuitTid === undefined ? {} : { intuitTid: trace.intuitTid }),
  };
};
