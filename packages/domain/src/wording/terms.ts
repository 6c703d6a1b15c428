import type { Localized } from '../shared/localized.js';

/*
 * The words the module uses for the things a user sees, one word per thing, French first. Where
 * QuickBooks names the thing in its French interface, or Ogustine's help article names it, that is
 * the word. Every message of the module takes these terms from here (`wording.test.ts` holds the
 * texts to them).
 */

/** QBO's French interface calls every tax « taxe » (VAT included): its TaxCode is a « code de taxe ». */
export const TAX_CODE: Localized = { fr: 'code de taxe', en: 'tax code' };
/** QBO's account type « Revenus » (Income): where service items are booked. */
export const INCOME_ACCOUNT: Localized = { fr: 'compte de revenus', en: 'income account' };
/** The QBO sales setting the help article names « prise en charge des rabais » (its switch reads « Rabais »). */
export const DISCOUNTS_SETTING: Localized = { fr: 'prise en charge des rabais', en: 'discounts' };
/** The help article's name for the QBO setting, with QBO's capital. */
export const CUSTOM_TRANSACTION_NUMBERS: Localized = { fr: 'Numéros d’opérations personnalisés', en: 'Custom transaction numbers' };
/** Where the sales settings are in QBO. */
export const SALES_SETTINGS_PATH: Localized = {
  fr: 'la roue dentée (⚙) > Paramètres du compte > Ventes',
  en: 'the gear icon (⚙) > Account and settings > Sales',
};
/** QBO's menu for taxes (VAT included). */
export const TAXES_MENU: Localized = { fr: 'Taxes', en: 'Taxes' };

/** The module's setting that sends each document with Ogustine's PDF attached (the help article: « Joindre les documents PDF générés par Ogustine aux factures QuickBooks »). */
export const ATTACH_PDF_SETTING: Localized = { fr: 'Joindre le PDF Ogustine', en: 'Attach the Ogustine PDF' };
/** What the setting does, shown under it. */
export const ATTACH_PDF_SETTING_HINT: Localized = {
  fr: 'Chaque facture et chaque avoir envoyés à QuickBooks portent en pièce jointe le PDF généré par Ogustine. Désactivé, les documents sont envoyés sans PDF (ceux déjà envoyés ne changent pas).',
  en: 'Each invoice and credit note sent to QuickBooks carries the PDF Ogustine generated as an attachment. Off, documents are sent without a PDF (those already sent do not change).',
};

/** The module's buttons, as the help article and the screens name them, quoted. */
export const BUTTONS = {
  connect: { fr: '« Se connecter à QuickBooks »', en: '“Connect to QuickBooks”' },
  disconnect: { fr: '« Se déconnecter »', en: '“Disconnect”' },
  retry: { fr: '« Réessayer »', en: '“Retry”' },
  resyncItem: { fr: '« Resynchroniser cet élément »', en: '“Resync this item”' },
  reschedule: { fr: '« Reprogrammer une synchronisation »', en: '“Reschedule a synchronisation”' },
} as const satisfies Record<string, Localized>;

/** Words no message may use for the things above: the drift they replace. */
export const FORBIDDEN_SYNONYMS: readonly { readonly text: RegExp; readonly use: string }[] = [
  { text: /compte de produits/i, use: INCOME_ACCOUNT.fr },
  { text: /codes? de TVA/i, use: TAX_CODE.fr },
  { text: /remises non activées/i, use: `${DISCOUNTS_SETTING.fr} non activée` },
];
