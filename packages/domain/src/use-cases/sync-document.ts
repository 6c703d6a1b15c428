import { err, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import { openErrors } from '../errors/error-history.js';
import { awaitedInvoiceRetryAt, correctedInvoiceOf, type CorrectedInvoice } from '../policy/corrected-invoice.js';
import type { OgustineDocument } from '../documents/document.js';
import { decideDocument } from '../policy/decide-document.js';
import type { DocumentDecision } from '../policy/document-decision.js';
import type { Accounting } from '../ports/accounting.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { CompanyProfileCache } from '../ports/company-profile-cache.js';
import type { DocumentFiles } from '../ports/document-files.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { MappingStore } from '../ports/mapping-store.js';
import type { ProgressFeed } from '../ports/progress-feed.js';
import type { RunStore } from '../ports/run-store.js';
import type { AccountSettings, SettingsStore } from '../ports/settings-store.js';
import type { SyncJob, SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { Instant } from '../shared/time.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { SyncDocumentError, SyncDocumentOutcome } from '../sync/sync-outcome.js';
import { newSyncRecord, transactionOf, type SyncRecord } from '../sync/sync-record.js';
import { inAnotherCompany } from '../sync/write-protocol.js';
import { attachesPdf, freshSettings, scheduleOf } from './account-settings.js';
import { CompanyProfiles } from './company-profiles.js';
import type { ErrorJournal } from './error-journal.js';
import type { Steps } from './steps.js';
import type { Attempt } from './sync-document/attempt.js';
import { AttemptOutcomes } from './sync-document/attempt-outcomes.js';
import { PreparePayload } from './sync-document/prepare-payload.js';
import { ProgressCounting } from './sync-document/progress-counting.js';
import { WriteTransaction } from './sync-document/write-transaction.js';

export interface SyncDocumentPorts {
  /** Where an invoice's held credit notes are queued once it is in QBO. */
  readonly queue: SyncQueue;
  /** The company profile of each realm, read once for every process (rule 11). */
  readonly profiles: CompanyProfileCache;
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  readonly gateway: AccountingGateway;
  readonly mappings: MappingStore;
  readonly records: SyncRecordStore;
  readonly files: DocumentFiles;
  readonly journal: ErrorJournal;
  readonly runs: RunStore;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
  readonly ids: Ids;
}

const connectedRealm = (settings: AccountSettings): string | null =>
  settings.moduleState.connection.kind === 'connected' ? settings.moduleState.connection.realmId : null;

/** Where a job starts: a write already under way is carried through; otherwise the policy decides. */
type Start =
  | { readonly kind: 'resume'; readonly record: SyncRecord }
  | { readonly kind: 'begin'; readonly docNumber: string }
  | Exclude<DocumentDecision, { readonly kind: 'send-now' }>;

const launchedFor = (settings: AccountSettings, realmId: RealmId): boolean => {
  const { connection, initialSync } = settings.moduleState;
  if (connection.kind !== 'connected' || connection.realmId !== realmId) return false;
  return initialSync.kind === 'not-launched' || initialSync.realmId === realmId;
};

const startOf = (
  job: SyncJob,
  doc: OgustineDocument,
  settings: AccountSettings,
  stored: SyncRecord | null,
  now: Instant,
  correctedInvoice: CorrectedInvoice,
): Start => {
  if (stored !== null && stored.state.kind !== 'pending') return { kind: 'resume', record: stored };
  // Prerequisites are checked live on the company when the payload is prepared, not from the last (maybe stale) check.
  const decision = decideDocument(doc, {
    state: settings.moduleState,
    schedule: scheduleOf(settings, now),
    now,
    inQuickBooks: false,
    unmet: [],
    // A job of the initial sync exists only because the launch (irrevocable) queued it, maybe a moment
    // before the launch itself is stored: it goes, as long as the company connected is the one it was
    // launched for (another company starts afresh).
    launchedInitialSync: job.reason === 'initial-sync' && launchedFor(settings, job.realmId),
    correctedInvoice,
  });
  if (decision.kind !== 'send-now') return decision;
  return stored === null ? { kind: 'begin', docNumber: decision.docNumber } : { kind: 'resume', record: stored };
};

/** A job made ready for the write protocol, or already ended (held, refused, the company not opened). */
export type Begun =
  | { readonly kind: 'ended'; readonly outcome: SyncDocumentOutcome }
  | { readonly kind: 'write'; readonly attempt: Attempt; readonly accounting: Accounting; readonly record: SyncRecord };

/**
 * One sync job: bring one validated document into its account's QBO company, exactly once. The
 * policy decides whether to send (hold / refuse); the company is opened; then `WriteTransaction`
 * carries the no-duplicate write protocol from the stored record (`PreparePayload` makes the
 * transaction when it is to be posted), and `AttemptOutcomes` says how the attempt ends (error
 * history, retry policy, progress through `ProgressCounting`). Every step resumes from the stored sync
 * record, so running a job twice, or again after a crash, is safe. The queue's side of the result
 * is `jobDisposition` (policy).
 */
export class SyncDocument {
  /** Shared with `SyncBatch`: the batch path ends attempts and runs the protocol with these same parts. */
  readonly outcomes: AttemptOutcomes;
  readonly write: WriteTransaction;

  constructor(private readonly ports: SyncDocumentPorts) {
    this.outcomes = new AttemptOutcomes(ports, new ProgressCounting(ports));
    const profiles = new CompanyProfiles(ports);
    this.write = new WriteTransaction(ports, new PreparePayload(ports, profiles), profiles, this.outcomes);
  }

  /**
   * @param deliveries how many times the queue handed this job out before (quiet retries are counted on it)
   * @returns ok(outcome) for every outcome a user or the worker acts on, failures included (recorded)
   * @returns err(sync.document-unknown) if the document was never recorded (dead-letter the job)
   * @returns err(store.* | error-history.*) if a store failed: retry the job later
   */
  run(job: SyncJob, deliveries = 0): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    return this.begin(job, deliveries).andThen((begun) =>
      begun.kind === 'ended' ? okAsync(begun.outcome) : this.write.run(begun.attempt, begun.accounting, begun.record),
    );
  }

  /**
   * Everything before the write protocol, shared with `SyncBatch`: the document, the policy's
   * decision (hold / refuse end the attempt), the company opened, the record started or resumed.
   * @returns ok(ended) with the outcome, or ok(write) with what `WriteTransaction` needs
   * @returns err(…) as `run`
   */
  begin(job: SyncJob, deliveries = 0): ResultAsync<Begun, SyncDocumentError> {
    const { documents, settings: settingsStore, records, gateway, clock } = this.ports;
    return safeTry<Begun, SyncDocumentError>(() =>
      (async function* (self: SyncDocument): Steps<Begun, SyncDocumentError> {
        const doc = yield* documents.get(job.accountId, job.documentId);
        if (doc === null) return err({ kind: 'sync.document-unknown', documentId: job.documentId });
        const ended = (outcome: SyncDocumentOutcome): Begun => ({ kind: 'ended', outcome });
        const settings = (yield* settingsStore.get(doc.accountId)) ?? freshSettings(doc.accountId);
        const now = clock.now();
        const correctedInvoice = yield* self.correctedInvoice(doc, settings, now);
        const attempt: Attempt = { job, doc, deliveries, correctedInvoice, attachPdf: attachesPdf(settings) };
        const start = startOf(job, doc, settings, yield* records.get(doc.accountId, doc.id), now, correctedInvoice);
        if (start.kind === 'hold') return ok(ended(yield* self.outcomes.held(attempt, start.reason)));
        if (start.kind === 'refuse') return ok(ended(yield* self.outcomes.refused(attempt, start.reason)));
        // A fresh credit note whose invoice never reached the module: its event may be on its way.
        const lookAgainAt = start.kind === 'begin' ? awaitedInvoiceRetryAt(doc, correctedInvoice, now) : null;
        if (lookAgainAt !== null) return ok(ended(yield* self.outcomes.postponed('invoice-awaited', lookAgainAt)));

        const opened = await gateway.open(doc.accountId);
        if (opened.isErr()) {
          switch (opened.error.kind) {
            case 'connection.missing':
              return ok(ended(yield* self.outcomes.held(attempt, { kind: 'hold.not-connected' })));
            case 'auth.invalid-grant':
              return ok(ended(yield* self.outcomes.failed(attempt, { kind: 'cause.authorization-lost' })));
            default:
              return ok(ended(yield* self.outcomes.unavailable()));
          }
        }
        const accounting = opened.value;
        const record =
          start.kind === 'resume'
            ? start.record.realmId === accounting.realmId
              ? start.record
              : yield* records.save(inAnotherCompany(start.record, accounting.realmId))
            : yield* records.save(
                newSyncRecord({
                  accountId: doc.accountId,
                  documentId: doc.id,
                  realmId: accounting.realmId,
                  type: doc.kind === 'invoice' ? 'Invoice' : 'CreditMemo',
                  docNumber: start.docNumber,
                }),
              );
        return ok({ kind: 'write', attempt, accounting, record });
      })(this),
    );
  }

  /** For a credit note, where its invoice stands: received, in QBO, outside the sync, or failed. */
  private correctedInvoice(
    doc: OgustineDocument,
    settings: AccountSettings,
    now: Instant,
  ): ResultAsync<CorrectedInvoice, SyncDocumentError> {
    const { documents, records, journal } = this.ports;
    const invoiceId = doc.kind === 'credit_note' ? doc.correctsInvoiceId : undefined;
    if (invoiceId === undefined) return okAsync({ kind: 'none' });
    return safeTry<CorrectedInvoice, SyncDocumentError>(async function* (): Steps<CorrectedInvoice, SyncDocumentError> {
      const invoice = yield* documents.get(doc.accountId, invoiceId);
      const record = invoice === null ? null : yield* records.get(doc.accountId, invoiceId);
      const history = invoice === null ? null : yield* journal.forDocument(doc.accountId, invoiceId);
      return ok(
        correctedInvoiceOf(doc, {
          invoice,
          // Only a transaction in the company connected now: another company's invoice is not this one's.
          transaction: record === null || record.realmId !== connectedRealm(settings) ? null : transactionOf(record),
          hasOpenError: history !== null && openErrors(history, doc.accountId).length > 0,
          schedule: scheduleOf(settings, now),
        }),
      );
    });
  }
}
