// What a test or a person can do to a running sandbox: add accounts and documents, emit new ones,
// take a PDF away, inject faults. The same operations back the /__admin HTTP API and page.
import { randomUUID } from 'node:crypto';
import type { DocumentEvent } from '../events/document-event.js';
import type { FaultRequest } from '../faults/fault-injector.js';
import { newDocument, type EmitKind } from '../emit/new-document.js';
import { AccountHistory } from '../history/account-history.js';
import { accountSpec, MAX_SEEDED_DOCUMENTS, type AccountSpec } from '../seed/account-spec.js';
import { pdfKey, type SandboxState } from '../server/sandbox-state.js';

export interface AccountSummary {
  readonly accountId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly documents: number;
}

export type EmitOutcome =
  { readonly kind: 'emitted'; readonly event: DocumentEvent } | { readonly kind: 'unknown-account' } | { readonly kind: 'no-invoice' };

export interface SandboxAdmin {
  accounts(): AccountSummary[];
  /** Adds an account (seeded with `documents` documents), or replaces nothing if it exists. @returns false if it existed */
  addAccount(spec: Partial<AccountSpec> & { readonly accountId: string }): boolean;
  /**
   * Adds validated documents to an account as the billing core would send them (kept as given, even
   * unreadable), without publishing events. @returns how many were new, or undefined for an unknown account
   */
  addDocuments(accountId: string, documents: readonly unknown[]): number | undefined;
  /** Takes a document's PDF away (the document stays). */
  removePdf(accountId: string, documentId: string): void;
  /** Validates a new document now and publishes its event. */
  emit(accountId: string, kind: EmitKind): Promise<EmitOutcome>;
  injectFaults(request: FaultRequest): void;
  resetFaults(): void;
  /** The last events emitted, newest last. */
  events(): readonly DocumentEvent[];
}

const MAX_EVENTS = 200;

export const createAdmin = (state: SandboxState): SandboxAdmin => ({
  accounts: () =>
    [...state.accounts.values()].map((h) => ({
      accountId: h.spec.accountId,
      name: h.spec.name,
      timeZone: h.spec.timeZone,
      locale: h.spec.locale,
      documents: h.size,
    })),
  addAccount: (partial) => {
    if (state.accounts.has(partial.accountId)) return false;
    const spec = accountSpec(partial);
    if (!Number.isInteger(spec.documents) || spec.documents < 0 || spec.documents > MAX_SEEDED_DOCUMENTS) {
      throw new RangeError(`documents must be an integer from 0 to ${MAX_SEEDED_DOCUMENTS}, got ${spec.documents}`);
    }
    state.accounts.set(spec.accountId, new AccountHistory(state.seed, spec));
    return true;
  },
  addDocuments: (accountId, documents) => {
    const history = state.accounts.get(accountId);
    if (history === undefined) return undefined;
    const now = state.clock().getTime();
    return documents.filter((d) => history.add(d, now)).length;
  },
  removePdf: (accountId, documentId) => {
    state.pdfMissing.add(pdfKey(accountId, documentId));
  },
  emit: async (accountId, kind) => {
    const history = state.accounts.get(accountId);
    if (history === undefined) return { kind: 'unknown-account' };
    const emitted = state.emitted.get(accountId) ?? [];
    const now = state.clock();
    const document = newDocument(state.seed, history, emitted, kind, now);
    if (document === undefined) return { kind: 'no-invoice' };
    emitted.push(document);
    state.emitted.set(accountId, emitted);
    history.add(document, now.getTime());
    const event: DocumentEvent = {
      version: 1,
      eventId: randomUUID(),
      occurredAt: now.toISOString(),
      accountId,
      type: kind === 'credit_note' ? 'credit_note.validated' : 'invoice.validated',
      document,
    };
    state.events.push(event);
    if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
    await state.publisher?.publish(event);
    return { kind: 'emitted', event };
  },
  injectFaults: (request) => state.faults.inject(request),
  resetFaults: () => {
    state.faults.reset();
    state.pdfMissing.clear();
  },
  events: () => state.events,
});
