import type { DocumentId, DocumentKind } from '../documents/document.js';
import type { ErrorRecord } from '../errors/error-history.js';
import { explainCause, type CauseExplanation } from '../errors/explain-cause.js';
import type { DocumentDecision, HoldReason, RefusalReason } from '../policy/document-decision.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import type { Localized } from '../shared/localized.js';
import { explainDecision } from '../policy/decide-document.js';
import type { CalendarDate } from '../shared/time.js';
import { ATTACH_PDF_SETTING } from '../wording/terms.js';

/** What is known of one document, gathered by the caller from the module's stores. */
export interface DocumentSyncFacts {
  readonly documentId: DocumentId;
  /** Ogustine's number (`2024-01-15`). */
  readonly number: string;
  readonly kind: DocumentKind;
  /** The document's QBO transaction, when the module knows it exists. */
  readonly inQuickBooks?: {
    readonly qboId: string;
    readonly docNumber: string;
    readonly pdfAttached: boolean;
    /** Sent without its PDF on purpose: « Joindre le PDF Ogustine » was off (none will follow). */
    readonly pdfLeftOut?: boolean;
  };
  /** A write is under way (`sending`) or was sent without a usable answer (`uncertain`). */
  readonly writeInProgress?: 'sending' | 'uncertain';
  /** The sync policy's latest decision for it. */
  readonly decision?: DocumentDecision;
  /** Its unresolved error records (open or retrying), in any order. */
  readonly openErrors: readonly ErrorRecord[];
}

export type WaitingReason = 'queued' | 'initial-sync-not-launched' | 'not-connected';
export type ScheduleHold = Extract<HoldReason, { kind: 'hold.suspended' | 'hold.created-before-sync-from' }>;

/** The one answer to "is it in QuickBooks, and if not, why?". */
export type DocumentSyncState =
  | {
      readonly kind: 'status.sent';
      readonly qboId: string;
      readonly docNumber: string;
      readonly pdfPending: boolean;
      /** Sent without its PDF, as the account's setting asked: not pending, none will follow. */
      readonly pdfLeftOut?: true;
    }
  | { readonly kind: 'status.sending' }
  /** The outcome of a write is unknown: never reported as failed nor as sent. */
  | { readonly kind: 'status.checking' }
  | { readonly kind: 'status.waiting'; readonly reason: WaitingReason }
  | { readonly kind: 'status.held'; readonly hold: ScheduleHold }
  | { readonly kind: 'status.blocked'; readonly unmet: readonly UnmetPrerequisite[] }
  | { readonly kind: 'status.refused'; readonly reason: RefusalReason }
  | { readonly kind: 'status.failed'; readonly error: ErrorRecord; readonly causeExplanation: CauseExplanation };

export type DocumentSyncStatus = DocumentSyncState & {
  readonly documentId: DocumentId;
  /** Short, for a column: "Dans QuickBooks (n° OGUSTINE_2024-01-15)". */
  readonly label: Localized;
  /** A sentence or two: what is happening and what to do, if anything. */
  readonly explanation: Localized;
};

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03-01` → "1er mars 2026" / "1 March 2026"; any other text is shown as it is. */
const formatDate = (date: CalendarDate): Localized => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match === null ? -1 : Number(match[2]) - 1;
  const fr = MONTHS_FR[month];
  const en = MONTHS_EN[month];
  if (match === null || fr === undefined || en === undefined) return { fr: date, en: date };
  const day = Number(match[3]);
  return { fr: `${day === 1 ? '1er' : String(day)} ${fr} ${match[1]}`, en: `${day} ${en} ${match[1]}` };
};

const docWord = (kind: DocumentKind): { fr: string; en: string } =>
  kind === 'invoice' ? { fr: 'Cette facture', en: 'This invoice' } : { fr: 'Cet avoir', en: 'This credit note' };

/** Past participles agree with the document: "Cette facture est envoyée", "Cet avoir est envoyé". */
const agree = (kind: DocumentKind): string => (kind === 'invoice' ? 'e' : '');

const pronouns = (kind: DocumentKind): { subject: string; object: string } =>
  kind === 'invoice' ? { subject: 'elle', object: 'la' } : { subject: 'il', object: 'le' };

const latest = (errors: readonly ErrorRecord[]): ErrorRecord | undefined =>
  [...errors].sort((a, b) => b.occurredAt - a.occurredAt || b.attempt - a.attempt)[0];

const decide = (facts: DocumentSyncFacts): DocumentSyncState => {
  if (facts.inQuickBooks !== undefined) {
    const { qboId, docNumber, pdfAttached, pdfLeftOut } = facts.inQuickBooks;
    if (!pdfAttached && pdfLeftOut === true) return { kind: 'status.sent', qboId, docNumber, pdfPending: false, pdfLeftOut: true };
    return { kind: 'status.sent', qboId, docNumber, pdfPending: !pdfAttached };
  }
  const lastError = latest(facts.openErrors.filter((e) => e.state !== 'resolved'));
  if (facts.writeInProgress === 'uncertain' || lastError?.cause.kind === 'cause.outcome-unknown') return { kind: 'status.checking' };
  if (facts.writeInProgress === 'sending') return { kind: 'status.sending' };
  const decision = facts.decision;
  if (decision?.kind === 'refuse') return { kind: 'status.refused', reason: decision.reason };
  if (decision?.kind === 'hold' && decision.reason.kind === 'hold.prerequisites') {
    return { kind: 'status.blocked', unmet: decision.reason.unmet };
  }
  if (lastError !== undefined) return { kind: 'status.failed', error: lastError, causeExplanation: explainCause(lastError.cause) };
  if (decision?.kind === 'hold') {
    const reason = decision.reason;
    switch (reason.kind) {
      case 'hold.suspended':
      case 'hold.created-before-sync-from':
        return { kind: 'status.held', hold: reason };
      case 'hold.not-connected':
        return { kind: 'status.waiting', reason: 'not-connected' };
      case 'hold.initial-sync-not-launched':
        return { kind: 'status.waiting', reason: 'initial-sync-not-launched' };
      case 'hold.prerequisites':
        return { kind: 'status.blocked', unmet: reason.unmet };
    }
  }
  return { kind: 'status.waiting', reason: 'queued' };
};

const RESCHEDULE = {
  fr: 'cliquez sur « Reprogrammer une synchronisation » et choisissez une date antérieure à sa création',
  en: 'click “Reschedule a synchronisation” and pick a date before it was created',
};

const waitingWords = (reason: WaitingReason, doc: Localized, e: string): { label: Localized; explanation: Localized } => {
  switch (reason) {
    case 'queued':
      return {
        label: { fr: 'En attente d’envoi', en: 'Waiting to be sent' },
        explanation: {
          fr: `${doc.fr} sera envoyé${e} à QuickBooks dans quelques instants. Aucune action n’est nécessaire.`,
          en: `${doc.en} will be sent to QuickBooks shortly. Nothing to do.`,
        },
      };
    case 'initial-sync-not-launched':
      return {
        label: { fr: 'En attente de la synchronisation initiale', en: 'Waiting for the initial synchronisation' },
        explanation: {
          fr: `${doc.fr} sera envoyé${e} lors de la synchronisation initiale. Lancez-la depuis l’écran de paramétrage du module QuickBooks.`,
          en: `${doc.en} will be sent by the initial synchronisation. Launch it from the QuickBooks module settings screen.`,
        },
      };
    case 'not-connected':
      return {
        label: { fr: 'En attente de connexion à QuickBooks', en: 'Waiting for a QuickBooks connection' },
        explanation: {
          fr: `Ogustine n’est pas connecté à QuickBooks. Cliquez sur « Se connecter à QuickBooks » dans les paramètres du module : ${doc.fr.toLowerCase()} sera envoyé${e} ensuite.`,
          en: `Ogustine is not connected to QuickBooks. Click “Connect to QuickBooks” in the module settings: ${doc.en.toLowerCase()} will be sent afterwards.`,
        },
      };
  }
};

const wordsFor = (state: DocumentSyncState, facts: DocumentSyncFacts): { label: Localized; explanation: Localized } => {
  const doc = docWord(facts.kind);
  const e = agree(facts.kind);
  const p = pronouns(facts.kind);
  switch (state.kind) {
    case 'status.sent': {
      const label = { fr: `Dans QuickBooks (n° ${state.docNumber})`, en: `In QuickBooks (no. ${state.docNumber})` };
      if (state.pdfLeftOut === true) {
        return {
          label: { fr: `${label.fr}, sans PDF`, en: `${label.en}, without PDF` },
          explanation: {
            fr: `${doc.fr} est dans QuickBooks sous le n° ${state.docNumber}, sans son PDF : le réglage « ${ATTACH_PDF_SETTING.fr} » était désactivé quand ${p.subject} a été envoyé${e}.`,
            en: `${doc.en} is in QuickBooks as no. ${state.docNumber}, without its PDF: the “${ATTACH_PDF_SETTING.en}” setting was off when it was sent.`,
          },
        };
      }
      if (!state.pdfPending) {
        return {
          label,
          explanation: {
            fr: `${doc.fr} est dans QuickBooks sous le n° ${state.docNumber}, avec son PDF.`,
            en: `${doc.en} is in QuickBooks as no. ${state.docNumber}, with its PDF.`,
          },
        };
      }
      return {
        label: { fr: `${label.fr}, PDF en attente`, en: `${label.en}, PDF pending` },
        explanation: {
          fr: `${doc.fr} est dans QuickBooks sous le n° ${state.docNumber}. Son PDF n’est pas encore joint : il le sera automatiquement, sans action de votre part.`,
          en: `${doc.en} is in QuickBooks as no. ${state.docNumber}. Its PDF is not attached yet: it will be, automatically.`,
        },
      };
    }
    case 'status.sending':
      return {
        label: { fr: 'Envoi en cours', en: 'Sending' },
        explanation: {
          fr: `${doc.fr} est en cours d’envoi vers QuickBooks. Aucune action n’est nécessaire.`,
          en: `${doc.en} is being sent to QuickBooks. Nothing to do.`,
        },
      };
    case 'status.checking':
      return {
        label: { fr: 'Vérification dans QuickBooks…', en: 'Checking QuickBooks…' },
        explanation: {
          fr: `La réponse de QuickBooks n’est pas arrivée : Ogustine vérifie si ${doc.fr.toLowerCase()} y a déjà été créé${e} avant de ${p.object} renvoyer, pour ne jamais ${p.object} créer deux fois. Aucune action n’est nécessaire.`,
          en: `QuickBooks’ answer did not arrive: Ogustine checks whether ${doc.en.toLowerCase()} was already created there before sending it again, so that it is never created twice. Nothing to do.`,
        },
      };
    case 'status.waiting':
      return waitingWords(state.reason, doc, e);
    case 'status.held': {
      if (state.hold.kind === 'hold.suspended') {
        const until = formatDate(state.hold.until);
        return {
          label: {
            fr: `Non envoyé${e} : créé${e} pendant la suspension (jusqu’au ${until.fr})`,
            en: `Not sent: created while synchronisation is suspended (until ${until.en})`,
          },
          explanation: {
            fr: `La synchronisation automatique est suspendue jusqu’au ${until.fr} : seuls les documents créés à partir de cette date seront envoyés. ${doc.fr} a été créé${e} avant et ne sera pas envoyé${e}. Pour l’envoyer, ${RESCHEDULE.fr}.`,
            en: `Automatic synchronisation is suspended until ${until.en}: only documents created from that date on will be sent. ${doc.en} was created before and will not be sent. To send it, ${RESCHEDULE.en}.`,
          },
        };
      }
      const from = formatDate(state.hold.syncFrom);
      return {
        label: { fr: `Créé${e} avant le ${from.fr} : non synchronisé${e}`, en: `Created before ${from.en}: not synchronised` },
        explanation: {
          fr: `${doc.fr} a été créé${e} avant le ${from.fr}, date à partir de laquelle les documents sont synchronisés. Pour l’envoyer, ${RESCHEDULE.fr}.`,
          en: `${doc.en} was created before ${from.en}, the date from which documents are synchronised. To send it, ${RESCHEDULE.en}.`,
        },
      };
    }
    case 'status.blocked': {
      const [first, ...others] = state.unmet;
      const more =
        others.length === 0
          ? { fr: '', en: '' }
          : {
              fr: ` ${others.length === 1 ? 'Un autre point est' : `${others.length} autres points sont`} à régler sur l’écran des prérequis.`,
              en: ` ${others.length === 1 ? 'One more point needs' : `${others.length} more points need`} fixing on the prerequisites screen.`,
            };
      return {
        label: { fr: 'Bloqué : réglage QuickBooks à faire', en: 'Blocked: QuickBooks setting needed' },
        explanation:
          first === undefined
            ? {
                fr: 'La configuration de QuickBooks doit être complétée. Ouvrez l’écran des prérequis du module QuickBooks, puis cliquez sur « Réessayer ».',
                en: 'The QuickBooks configuration must be completed. Open the QuickBooks module prerequisites screen, then click “Retry”.',
              }
            : { fr: `${first.message.fr} ${first.fix.fr}${more.fr}`, en: `${first.message.en} ${first.fix.en}${more.en}` },
      };
    }
    case 'status.refused':
      if (state.reason.kind === 'refusal.already-in-quickbooks') {
        return {
          label: { fr: 'Déjà dans QuickBooks', en: 'Already in QuickBooks' },
          explanation: {
            fr: `${doc.fr} est déjà dans QuickBooks : ${p.subject} ne sera pas envoyé${e} une seconde fois.`,
            en: `${doc.en} is already in QuickBooks: it will not be sent twice.`,
          },
        };
      }
      if (state.reason.kind === 'refusal.vat-inconsistent') {
        const words = explainDecision({ kind: 'refuse', reason: state.reason });
        return {
          label: { fr: `Refusé${e} : TVA incohérente`, en: 'Refused: inconsistent VAT' },
          explanation: { fr: `${words.fr} Contactez le support Ogustine.`, en: `${words.en} Contact Ogustine support.` },
        };
      }
      return {
        label: { fr: 'Refusé : numéro incompatible avec QuickBooks', en: 'Refused: number not accepted by QuickBooks' },
        explanation: {
          fr: `${doc.fr} ne sera pas envoyé${e}. ${state.reason.detail.fr} Contactez le support Ogustine pour ${p.object} reprendre.`,
          en: `${doc.en} will not be sent. ${state.reason.detail.en} Contact Ogustine support to have it taken over.`,
        },
      };
    case 'status.failed':
      return {
        label: { fr: `Erreur : ${state.causeExplanation.title.fr}`, en: `Error: ${state.causeExplanation.title.en}` },
        explanation: {
          fr: `${state.causeExplanation.message.fr} ${state.causeExplanation.fix.fr}`,
          en: `${state.causeExplanation.message.en} ${state.causeExplanation.fix.en}`,
        },
      };
  }
};

/**
 * Answers "is this document in QuickBooks, and if not, why?" with exactly one status. Precedence,
 * first match wins:
 * 1. in QuickBooks → sent (whatever else is known: QBO is the truth; a missing PDF is noted);
 * 2. an uncertain write (or a latest open error `cause.outcome-unknown`) → checking, never failed;
 * 3. a write under way → sending;
 * 4. refused by the policy → refused (it will never be sent as it is);
 * 5. held by unmet prerequisites → blocked (fixed in QuickBooks, then « Réessayer »);
 * 6. an unresolved error → failed, with the latest error's cause and fix;
 * 7. held by the schedule (suspended, created before the sync-from date) → held;
 * 8. otherwise waiting: not connected, initial sync not launched, or queued.
 * @returns the status with a short `label` and an `explanation`, both in French and English
 */
export const documentSyncStatus = (facts: DocumentSyncFacts): DocumentSyncStatus => {
  const state = decide(facts);
  return { ...state, documentId: facts.documentId, ...wordsFor(state, facts) };
};
