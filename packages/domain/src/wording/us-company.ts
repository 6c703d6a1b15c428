import type { Localized } from '../shared/localized.js';
import { BUTTONS } from './terms.js';

/**
 * The refusal of a US QuickBooks company, worded once: on connecting (the tokens are revoked),
 * as an unmet prerequisite, and as a cause in the error history.
 */
export const US_COMPANY_REFUSAL: {
  readonly title: Localized;
  readonly message: Localized;
  /** Once connected (a prerequisite, an error). */
  readonly fix: Localized;
  /** On connecting: nothing stays connected, so the whole answer is the message and the other company to choose. */
  readonly onConnect: Localized;
} = {
  title: { fr: 'entreprise QuickBooks américaine non prise en charge', en: 'US QuickBooks company not supported' },
  message: {
    fr: 'Cette entreprise QuickBooks est située aux États-Unis. Le module Ogustine ne prend pas encore en charge les entreprises américaines, dont la gestion des taxes est différente : aucun document ne peut être envoyé.',
    en: 'This QuickBooks company is based in the United States. The Ogustine module does not support US companies yet, whose sales tax works differently: no document can be sent.',
  },
  fix: {
    fr: `Connectez une entreprise QuickBooks hors des États-Unis (France, Royaume-Uni, Canada…) : cliquez sur ${BUTTONS.disconnect.fr}, puis sur ${BUTTONS.connect.fr} et choisissez l'autre entreprise. Pour une entreprise américaine, contactez le support Ogustine.`,
    en: `Connect a QuickBooks company outside the United States (France, United Kingdom, Canada…): click ${BUTTONS.disconnect.en}, then ${BUTTONS.connect.en} and choose the other company. For a US company, contact Ogustine support.`,
  },
  onConnect: {
    fr: 'Cette entreprise QuickBooks est située aux États-Unis. Le module Ogustine ne prend pas encore en charge les entreprises américaines, dont la gestion des taxes est différente : elle n’a pas été connectée. Connectez une entreprise QuickBooks hors des États-Unis (France, Royaume-Uni, Canada…).',
    en: 'This QuickBooks company is based in the United States. The Ogustine module does not support US companies yet, whose sales tax works differently: it was not connected. Connect a QuickBooks company outside the United States (France, United Kingdom, Canada…).',
  },
};
