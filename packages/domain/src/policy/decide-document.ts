import type { OgustineDocument } from '../documents/document.js';
import { docNumberFor, explainNumberingError } from '../documents/numbering.js';
import type { Localized } from '../shared/localized.js';
import type { Instant } from '../shared/time.js';
import type { DocumentDecision, HoldReason, RefusalReason } from './document-decision.js';
import type { ModuleState } from './module-state.js';
import { unmetFor } from './prerequisites.js';
import { formatCalendarDate, isCoveredBy, scheduleStatus, type SyncSchedule } from './sync-schedule.js';
import { explainCause } from '../errors/explain-cause.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { vatDiscrepancies } from './vat-check.js';
import type { CorrectedInvoice } from './corrected-invoice.js';
import { invoiceNotSent } from '../wording/credit-note.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

export interface DecisionContext {
  readonly state: ModuleState;
  readonly schedule: SyncSchedule;
  readonly now: Instant;
  /** Whether the document is already in QuickBooks (stored mapping, or found by its number). */
  readonly inQuickBooks: boolean;
  /** The last prerequisite check; only those that block this document count. */
  readonly unmet: readonly UnmetPrerequisite[];
  /**
   * The document is sent by the launched initial sync: the launch chose it by the schedule of its
   * day, and the initial sync cannot be cancelled, so a later schedule (a suspension, a later
   * sync-from day) applies to automatic sync only and does not hold it; nor does a launch whose jobs
   * are queued but whose state is not stored yet (the launch stores it right after).
   */
  readonly launchedInitialSync?: boolean;
  /** For a credit note: where the invoice it corrects stands (absent: not looked at, as for an invoice). */
  readonly correctedInvoice?: CorrectedInvoice;
}

/**
 * What to do with a validated document now. Refusals come first (they never change), then holds in
 * the order the user resolves them: connect, launch the initial sync, wait for the suspension to
 * end, the sync-from day, then what QuickBooks lacks. Suspension is read from the schedule at `now`,
 * not from the state, because it ends by itself when the day comes.
 */
export const decideDocument = (doc: OgustineDocument, context: DecisionContext): DocumentDecision => {
  const { state, schedule, now } = context;
  if (context.inQuickBooks) return { kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } };
  const numbering = docNumberFor(doc.number);
  if (numbering.isErr())
    return { kind: 'refuse', reason: { kind: 'refusal.number-not-representable', detail: explainNumberingError(numbering.error) } };
  const discrepancies = vatDiscrepancies(doc);
  if (discrepancies.length > 0)
    return { kind: 'refuse', reason: { kind: 'refusal.vat-inconsistent', discrepancies, currency: doc.currency } };
  const hold = (reason: HoldReason): DocumentDecision => ({ kind: 'hold', reason });
  if (state.connection.kind === 'not-connected') return hold({ kind: 'hold.not-connected' });
  if (state.initialSync.kind === 'not-launched' && context.launchedInitialSync !== true)
    return hold({ kind: 'hold.initial-sync-not-launched' });
  if (context.launchedInitialSync !== true && !isCoveredBy(doc, schedule)) {
    // Created before the sync-from day: never sent automatically. While that day is still ahead, the
    // user reads it as a suspension, and is told plainly that such documents are not sent.
    const status = scheduleStatus(schedule, now);
    return hold(
      status.kind === 'suspended'
        ? { kind: 'hold.suspended', until: status.until }
        : { kind: 'hold.created-before-sync-from', syncFrom: schedule.syncFrom },
    );
  }
  const blocking = unmetFor(doc, context.unmet);
  if (blocking.length > 0) return hold({ kind: 'hold.prerequisites', unmet: blocking });
  // A credit note goes after its invoice: while the invoice is to be sent, the note waits for it.
  const invoice = context.correctedInvoice;
  if (invoice?.kind === 'not-sent') return hold({ kind: 'hold.invoice-not-sent', invoiceNumber: invoice.number, failed: invoice.failed });
  return { kind: 'send-now', docNumber: numbering.value };
};

/** Why a document waits, in plain words. */
export const explainHoldReason = (reason: HoldReason): Localized => {
  switch (reason.kind) {
    case 'hold.not-connected':
      return {
        fr: "En attente : aucune entreprise QuickBooks n'est connectée. Cliquez sur « Se connecter à QuickBooks » dans les paramètres du module.",
        en: 'Waiting: no QuickBooks company is connected. Click "Connect to QuickBooks" in the module settings.',
      };
    case 'hold.initial-sync-not-launched':
      return {
        fr: "En attente : la synchronisation initiale n'a pas encore été lancée. Ce document fera partie de la première synchronisation.",
        en: 'Waiting: the initial synchronisation has not been launched yet. This document will be part of the first synchronisation.',
      };
    case 'hold.suspended': {
      const until = formatCalendarDate(reason.until);
      return {
        fr: `Non envoyé : la synchronisation automatique est suspendue jusqu'au ${until.fr}, et seuls les documents créés à partir de cette date seront envoyés. Ce document a été créé avant : il ne sera pas envoyé. Pour l'envoyer, reprogrammez une synchronisation avec une date antérieure à sa création.`,
        en: `Not sent: automatic synchronisation is suspended until ${until.en}, and only documents created from that date on will be sent. This document was created before: it will not be sent. To send it, reschedule a synchronisation from a date before it was created.`,
      };
    }
    case 'hold.created-before-sync-from': {
      const from = formatCalendarDate(reason.syncFrom);
      return {
        fr: `Non envoyé : ce document a été créé avant le ${from.fr}, date à partir de laquelle les factures sont synchronisées. Pour l'envoyer, reprogrammez une synchronisation avec une date antérieure.`,
        en: `Not sent: this document was created before ${from.en}, the date from which invoices are synchronised. To send it, reschedule a synchronisation from an earlier date.`,
      };
    }
    case 'hold.invoice-not-sent':
      return invoiceNotSent(reason.invoiceNumber, reason.failed);
    case 'hold.prerequisites':
      return {
        fr: `En attente : votre entreprise QuickBooks doit d'abord être configurée. ${reason.unmet.map((u) => `${u.message.fr} ${u.fix.fr}`).join(' ')}`,
        en: `Waiting: your QuickBooks company must be set up first. ${reason.unmet.map((u) => `${u.message.en} ${u.fix.en}`).join(' ')}`,
      };
  }
};

/** Why a document will not be sent as it is, in plain words. */
export const explainRefusal = (reason: RefusalReason): Localized => {
  switch (reason.kind) {
    case 'refusal.already-in-quickbooks':
      return {
        fr: 'Déjà dans QuickBooks : ce document ne sera pas envoyé une seconde fois.',
        en: 'Already in QuickBooks: this document will not be sent a second time.',
      };
    case 'refusal.number-not-representable':
      // The numbering text already says that the document cannot be sent as it is.
      return reason.detail;
    case 'refusal.vat-inconsistent': {
      const cause = refusalCause(reason);
      return cause === null ? { fr: 'TVA incohérente.', en: 'Inconsistent VAT.' } : explainCause(cause).message;
    }
  }
};

/** The decision for a document, as its status line reads. */
export const explainDecision = (decision: DocumentDecision): Localized => {
  switch (decision.kind) {
    case 'send-now':
      return { fr: 'Envoi vers QuickBooks en cours.', en: 'Being sent to QuickBooks.' };
    case 'hold':
      return explainHoldReason(decision.reason);
    case 'refuse':
      return explainRefusal(decision.reason);
  }
};

/**
 * The error-history cause of a refusal that the user must see there: a number QBO cannot take, a
 * VAT that cannot be trusted (its first discrepancy, with its numbers). Already in QBO is no error.
 * @returns the cause, or null for a refusal that is not an error
 */
export const refusalCause = (reason: RefusalReason): SyncFailureCause | null => {
  switch (reason.kind) {
    case 'refusal.already-in-quickbooks':
      return null;
    case 'refusal.number-not-representable':
      return { kind: 'cause.number-not-representable', detail: reason.detail };
    case 'refusal.vat-inconsistent': {
      const [first] = reason.discrepancies;
      return first === undefined ? null : { kind: 'cause.vat-inconsistent', ...first, currency: reason.currency };
    }
  }
};
