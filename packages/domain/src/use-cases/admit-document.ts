import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { OgustineDocument } from '../documents/document.js';
import { snapshotChanges } from '../documents/snapshot-changes.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Instant } from '../shared/time.js';
import { recordOnce, type DecideAndQueuePorts } from './decide-and-queue.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

/** What admitting a validated document (recording it, then `decideAndQueue`) needs. */
export interface AdmitDocumentPorts extends DecideAndQueuePorts {
  readonly documents: DocumentStore;
}

/** Whether the store knew the document before, and with the same snapshot. */
export type SnapshotOutcome =
  { readonly kind: 'new' } | { readonly kind: 'same' } | { readonly kind: 'changed'; readonly fields: readonly string[] };

/**
 * Keeps the document's first snapshot. A second, identical snapshot is no news; a differing one is
 * the visible error « document modifié après sa validation » (once per document), the first kept.
 * @returns ok(new | same | changed with the fields that differ)
 * @returns err(store.* | error-history.*) if a store failed
 */
export const recordSnapshot = (
  p: AdmitDocumentPorts,
  doc: OgustineDocument,
  now: Instant,
): ResultAsync<SnapshotOutcome, InfrastructureError> =>
  safeTry<SnapshotOutcome, InfrastructureError>(async function* (): Steps<SnapshotOutcome, InfrastructureError> {
    if ((yield* p.documents.record(doc, now)) === 'recorded') return ok({ kind: 'new' });
    const first = yield* p.documents.get(doc.accountId, doc.id);
    const fields = first === null ? [] : snapshotChanges(first, doc);
    if (fields.length === 0) return ok({ kind: 'same' });
    yield* recordOnce(p.journal, doc, { kind: 'cause.document-changed', fields });
    return ok({ kind: 'changed', fields });
  });
