import type { Localized } from '../shared/localized.js';

/*
 * What a credit note says about the invoice it corrects. The memo is printed on the credit note the
 * customer receives (QBO's `CustomerMemo`), so it names the invoice by Ogustine's number, the one
 * printed on the invoice the customer holds.
 */

/** The customer memo of a credit note: « Avoir sur facture n° 2024-01-15 ». */
export const creditNoteMemo = (invoiceNumber: string): Localized => ({
  fr: `Avoir sur facture n° ${invoiceNumber}`,
  en: `Credit note for invoice no. ${invoiceNumber}`,
});

/**
 * The language of what the customer reads on a QBO document: French for a French company, English
 * otherwise (QBO prints the memo as it is).
 */
export const customerLanguageOf = (country: string): keyof Localized => (country === 'FR' ? 'fr' : 'en');

/** Why a credit note waits: its invoice is not in QuickBooks yet (`failed`: its sending failed). */
export const invoiceNotSent = (invoiceNumber: string, failed: boolean): Localized =>
  failed
    ? {
        fr: `En attente : cet avoir corrige la facture n° ${invoiceNumber}, dont l'envoi vers QuickBooks a échoué. Il sera envoyé juste après elle, une fois l'erreur de la facture réglée.`,
        en: `Waiting: this credit note corrects invoice no. ${invoiceNumber}, which failed to reach QuickBooks. It will be sent right after it, once the invoice's error is fixed.`,
      }
    : {
        fr: `En attente : cet avoir corrige la facture n° ${invoiceNumber}, qui n'est pas encore dans QuickBooks. Il sera envoyé juste après elle.`,
        en: `Waiting: this credit note corrects invoice no. ${invoiceNumber}, which is not in QuickBooks yet. It will be sent right after it.`,
      };
