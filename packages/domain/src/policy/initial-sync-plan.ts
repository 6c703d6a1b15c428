import type { CustomerSnapshot, DocumentId, OgustineDocument, ServiceRef } from '../documents/document.js';
import { docNumberFor, explainNumberingError } from '../documents/numbering.js';
import type { Localized } from '../shared/localized.js';
import type { HoldReason, RefusalReason } from './document-decision.js';
import { explainHoldReason, explainRefusal } from './decide-document.js';
import { unmetFor } from './prerequisites.js';
import { inSendingOrder } from './sending-order.js';
import { isCoveredBy, type SyncSchedule } from './sync-schedule.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

/**
 * One step of the first synchronisation. Customers and services are found through the stored
 * mapping or created in QuickBooks before the first document that uses them.
 */
export type SyncStep =
  | { readonly kind: 'customer'; readonly customer: CustomerSnapshot }
  | { readonly kind: 'service'; readonly service: ServiceRef }
  | { readonly kind: 'document'; readonly document: OgustineDocument };

/** Why a document of the initial sync set cannot be sent; the preview shows it. */
export type BlockedReason =
  | Extract<HoldReason, { readonly kind: 'hold.prerequisites' }>
  | Extract<RefusalReason, { readonly kind: 'refusal.number-not-representable' }>
  | { readonly kind: 'blocked.corrects-blocked-invoice'; readonly invoiceId: DocumentId; readonly invoiceNumber: string };

export interface BlockedDocument {
  readonly document: OgustineDocument;
  readonly reason: BlockedReason;
}

export interface InitialSyncPlanCounts {
  readonly invoices: number;
  readonly creditNotes: number;
  readonly customers: number;
  readonly services: number;
  readonly blocked: number;
  /** Not in the plan because QuickBooks already has them. */
  readonly alreadyInQuickBooks: number;
  /** Not in the plan because they were created before the sync-from day. */
  readonly beforeSyncFrom: number;
}

export interface InitialSyncPlan {
  readonly steps: readonly SyncStep[];
  readonly blocked: readonly BlockedDocument[];
  readonly counts: InitialSyncPlanCounts;
}

export interface InitialSyncContext {
  readonly schedule: SyncSchedule;
  readonly inQuickBooks: ReadonlySet<DocumentId>;
  readonly unmet: readonly UnmetPrerequisite[];
}

const blockedReasonOf = (doc: OgustineDocument, unmet: readonly UnmetPrerequisite[]): BlockedReason | undefined => {
  const numbering = docNumberFor(doc.number);
  if (numbering.isErr()) return { kind: 'refusal.number-not-representable', detail: explainNumberingError(numbering.error) };
  const blocking = unmetFor(doc, unmet);
  return blocking.length > 0 ? { kind: 'hold.prerequisites', unmet: blocking } : undefined;
};

/**
 * The preview and the order of the first synchronisation. The set: documents not yet in QuickBooks,
 * created since the sync-from day (all documents given are validated ones). Each is either planned
 * or blocked with its reason, never dropped. Steps: the distinct customers, then the distinct
 * services of the planned documents, then the documents in sending order (by creation, then number;
 * an invoice before the credit notes that correct it). A credit note whose invoice is blocked is
 * blocked too, so it never reaches QuickBooks before the invoice it corrects.
 */
export const planInitialSync = (documents: readonly OgustineDocument[], context: InitialSyncContext): InitialSyncPlan => {
  const inQuickBooks = documents.filter((d) => context.inQuickBooks.has(d.id));
  const remaining = documents.filter((d) => !context.inQuickBooks.has(d.id));
  const candidates = remaining.filter((d) => isCoveredBy(d, context.schedule));

  const reasons = new Map<DocumentId, BlockedReason>();
  for (const doc of candidates) {
    const reason = blockedReasonOf(doc, context.unmet);
    if (reason !== undefined) reasons.set(doc.id, reason);
  }
  // By id: a credit note names the invoice it corrects, so only an invoice is ever found here.
  const blockedById = new Map(candidates.filter((d) => reasons.has(d.id)).map((d) => [d.id, d]));
  for (const doc of candidates) {
    const invoice = doc.kind === 'credit_note' && doc.correctsInvoiceId !== undefined ? blockedById.get(doc.correctsInvoiceId) : undefined;
    if (invoice !== undefined && !reasons.has(doc.id)) {
      reasons.set(doc.id, { kind: 'blocked.corrects-blocked-invoice', invoiceId: invoice.id, invoiceNumber: invoice.number });
    }
  }

  const ordered = inSendingOrder(candidates);
  const planned = ordered.filter((d) => !reasons.has(d.id));
  const blocked = ordered.flatMap((document) => {
    const reason = reasons.get(document.id);
    return reason === undefined ? [] : [{ document, reason }];
  });

  const customers = new Map<string, CustomerSnapshot>();
  const services = new Map<string, ServiceRef>();
  for (const doc of planned) {
    if (!customers.has(doc.customer.id)) customers.set(doc.customer.id, doc.customer);
    for (const line of doc.lines) if (!services.has(line.service.id)) services.set(line.service.id, line.service);
  }

  const steps: SyncStep[] = [
    ...[...customers.values()].map((customer) => ({ kind: 'customer' as const, customer })),
    ...[...services.values()].map((service) => ({ kind: 'service' as const, service })),
    ...planned.map((document) => ({ kind: 'document' as const, document })),
  ];
  return {
    steps,
    blocked,
    counts: {
      invoices: planned.filter((d) => d.kind === 'invoice').length,
      creditNotes: planned.filter((d) => d.kind === 'credit_note').length,
      customers: customers.size,
      services: services.size,
      blocked: blocked.length,
      alreadyInQuickBooks: inQuickBooks.length,
      beforeSyncFrom: remaining.length - candidates.length,
    },
  };
};

/** The documents of a plan, in the order they are sent. */
export const plannedDocuments = (plan: InitialSyncPlan): readonly OgustineDocument[] =>
  plan.steps.flatMap((s) => (s.kind === 'document' ? [s.document] : []));

/** Why a document is blocked in the preview, in plain words. */
export const explainBlockedReason = (reason: BlockedReason): Localized => {
  switch (reason.kind) {
    case 'hold.prerequisites':
      return explainHoldReason(reason);
    case 'refusal.number-not-representable':
      return explainRefusal(reason);
    case 'blocked.corrects-blocked-invoice':
      return {
        fr: `Bloqué : l'avoir corrige une facture bloquée (${reason.invoiceNumber}). Il sera envoyé après elle, une fois le problème de la facture résolu.`,
        en: `Blocked: the credit note corrects a blocked invoice (${reason.invoiceNumber}). It will be sent after it, once the invoice's problem is solved.`,
      };
  }
};
