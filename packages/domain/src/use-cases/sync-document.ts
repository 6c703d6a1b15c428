import { err, errAsync, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, CustomerSnapshot, DocumentId, OgustineDocument, ServiceRef } from '../documents/document.js';
import { docNumberFor } from '../documents/numbering.js';
import { causeFromQboFailure } from '../errors/cause-from-qbo-failure.js';
import { explainCause } from '../errors/explain-cause.js';
import type { QboFailure } from '../errors/qbo-fault.js';
import { causeFromPrerequisite, type SyncFailureCause } from '../errors/sync-failure-cause.js';
import { customerPayload } from '../mapping/customer-payload.js';
import { incomeAccountFor, serviceItemPayload } from '../mapping/item-payload.js';
import { mapDocument } from '../mapping/map-document.js';
import { decideDocument } from '../policy/decide-document.js';
import type { HoldReason, RefusalReason } from '../policy/document-decision.js';
import { initialSyncFinished, recordProgress } from '../policy/module-state.js';
import { checkPrerequisites } from '../policy/prerequisites.js';
import type { Accounting } from '../ports/accounting.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentFiles } from '../ports/document-files.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { Mapping, MappedKind, MappingScope, MappingStore } from '../ports/mapping-store.js';
import type { DocumentProgress, ProgressFeed } from '../ports/progress-feed.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncJob } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { QboId } from '../qbo/company-profile.js';
import type { QboTransactionPayload } from '../qbo/transaction-payload.js';
import type { Instant } from '../shared/time.js';
import { causeFromMappingErrors } from '../sync/mapping-failure-cause.js';
import { isIn, newSyncRecord, transactionOf, type PostedTransaction, type SyncRecord } from '../sync/sync-record.js';
import {
  afterLookUp,
  afterPost,
  declareIntent,
  lookUpFailed,
  nextWriteStep,
  pdfAttached,
  postFailureEffect,
} from '../sync/write-protocol.js';
import { freshSettings, scheduleOf } from './account-settings.js';
import type { ErrorJournal, ErrorJournalError } from './error-journal.js';
import type { Steps } from './steps.js';

/** QBO asks to wait 60 s after a 429. */
export const THROTTLE_DELAY_MS = 60_000;
/** Before trying again after QBO or Ogustine was unavailable, or its answer was lost (the write protocol may then wait longer). */
export const RETRY_DELAY_MS = 30_000;
/** Transient failures are retried quietly this many times before they show in the error history. */
export const QUIET_RETRIES = 3;

/** What became of one sync job. The worker completes the job unless it says when to try again. */
export type SyncDocumentOutcome =
  /** In QBO with its PDF (now, or already before). `totalMismatch` when QBO's total differs (recorded). */
  | { readonly kind: 'synced'; readonly transaction: PostedTransaction; readonly totalMismatch: boolean }
  /** Waits (not connected, suspended, before the sync-from day…): it is sent when that changes. */
  | { readonly kind: 'held'; readonly reason: HoldReason }
  | { readonly kind: 'refused'; readonly reason: RefusalReason }
  /** Recorded in the error history. `retryAt`: retried automatically; absent: after a fix and a resync. */
  | { readonly kind: 'failed'; readonly cause: SyncFailureCause; readonly retryAt?: Instant }
  /** Nothing to tell the user (throttled, outcome being checked, a brief outage): try again at `retryAt`. */
  | { readonly kind: 'postponed'; readonly why: 'throttled' | 'checking' | 'unavailable'; readonly retryAt: Instant };

export type SyncDocumentError =
  { readonly kind: 'sync.document-unknown'; readonly documentId: DocumentId } | StoreError | ErrorJournalError;

export interface SyncDocumentPorts {
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  readonly gateway: AccountingGateway;
  readonly mappings: MappingStore;
  readonly records: SyncRecordStore;
  readonly files: DocumentFiles;
  readonly journal: ErrorJournal;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
  readonly ids: Ids;
}

type Failure = QboFailure | StoreError;
const isQboFailure = (f: Failure): f is QboFailure => f.kind.startsWith('qbo.');
const isDuplicateName = (f: QboFailure): boolean => f.kind === 'qbo.fault' && f.errors.some((e) => e.code === '6240');

/**
 * One sync job: bring one validated document into its account's QBO company, exactly once. Steps:
 * policy (hold / refuse) → QBO prerequisites → customer and services (stored mapping, else create,
 * adopting an existing one on a duplicate name) → the transaction through the no-duplicate write
 * protocol → the PDF on its own → resolve the document's open errors → progress event. Every
 * step resumes from the stored sync record, so running a job twice, or again after a crash, is safe.
 */
export class SyncDocument {
  constructor(private readonly ports: SyncDocumentPorts) {}

  /**
   * @param deliveries how many times the queue handed this job out before (quiet retries are counted on it)
   * @returns ok(outcome) for every outcome a user or the worker acts on, failures included (recorded)
   * @returns err(sync.document-unknown) if the document was never recorded (dead-letter the job)
   * @returns err(store.* | error-history.*) if a store failed: retry the job later
   */
  run(job: SyncJob, deliveries = 0): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { documents, settings: settingsStore, records, gateway, clock } = this.ports;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: SyncDocument): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const doc = yield* documents.get(job.accountId, job.documentId);
        if (doc === null) return err({ kind: 'sync.document-unknown', documentId: job.documentId });
        const settings = (yield* settingsStore.get(doc.accountId)) ?? freshSettings(doc.accountId);
        const stored = yield* records.get(doc.accountId, doc.id);

        // The policy decides new sends only: a write already started is carried through.
        if (stored === null || stored.state.kind === 'pending') {
          const now = clock.now();
          // Prerequisites are checked live on the company below, not from the last (maybe stale) check.
          const decision = decideDocument(doc, {
            state: settings.moduleState,
            schedule: scheduleOf(settings, now),
            now,
            inQuickBooks: false,
            unmet: [],
          });
          if (decision.kind === 'hold') return ok(yield* self.finish(job, doc, 'held', { kind: 'held', reason: decision.reason }));
          if (decision.kind === 'refuse') {
            if (decision.reason.kind === 'refusal.number-not-representable') {
              yield* self.ports.journal.recordFailure(doc.accountId, doc.id, doc.kind, {
                kind: 'cause.number-not-representable',
                detail: decision.reason.detail,
              });
            }
            return ok(yield* self.finish(job, doc, 'failed', { kind: 'refused', reason: decision.reason }));
          }
        }

        const opened = await gateway.open(doc.accountId);
        if (opened.isErr()) {
          const e = opened.error;
          switch (e.kind) {
            case 'connection.missing':
              return ok(yield* self.finish(job, doc, 'held', { kind: 'held', reason: { kind: 'hold.not-connected' } }));
            case 'auth.invalid-grant':
              return ok(yield* self.fail(job, doc, { kind: 'cause.authorization-lost' }, deliveries));
            default:
              return ok({ kind: 'postponed', why: 'unavailable', retryAt: clock.now() + RETRY_DELAY_MS });
          }
        }
        const accounting = opened.value;
        let record: SyncRecord;
        if (stored === null) {
          const docNumber = docNumberFor(doc.number);
          // decideDocument refused unrepresentable numbers above.
          if (docNumber.isErr()) throw new Error(`SyncDocument: ${doc.id} has an unrepresentable number past the policy`);
          record = yield* records.save(
            newSyncRecord({
              accountId: doc.accountId,
              documentId: doc.id,
              realmId: accounting.realmId,
              type: doc.kind === 'invoice' ? 'Invoice' : 'CreditMemo',
              docNumber: docNumber.value,
            }),
          );
        } else record = stored;
        return ok(yield* self.write(job, doc, accounting, record, deliveries));
      })(this),
    );
  }

  /** Runs the write protocol from the stored record until the document is in QBO with its PDF, or a step fails. */
  private write(
    job: SyncJob,
    doc: OgustineDocument,
    accounting: Accounting,
    start: SyncRecord,
    deliveries: number,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { records, clock, ids, files } = this.ports;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: SyncDocument): Steps<SyncDocumentOutcome, SyncDocumentError> {
        let record = start;
        let payload: QboTransactionPayload | undefined;
        // Each pass moves the record one state forward; a look-up that proves absence goes back to pending once.
        for (let pass = 0; pass < 6; pass += 1) {
          const step = nextWriteStep(record, clock.now());
          switch (step.kind) {
            case 'wait':
              // Nothing changed, so no progress event: it could land after the owner's "sent" and contradict it.
              return ok({ kind: 'postponed', why: 'checking', retryAt: step.until });
            case 'declare-intent': {
              if (payload === undefined) {
                const prepared = await self.preparePayload(doc, accounting);
                if (prepared.isErr()) {
                  const e = prepared.error;
                  if ('cause' in e) return ok(yield* self.fail(job, doc, e.cause, deliveries));
                  if (isQboFailure(e)) return ok(yield* self.failOnQbo(job, doc, e, deliveries, false));
                  return err(e);
                }
                payload = prepared.value;
              }
              if (!isIn(record, 'pending')) throw new Error('SyncDocument: declare-intent from a record that is not pending');
              const intent = yield* records.save(declareIntent(record, ids.next(), clock.now()));
              if (!isIn(intent, 'intent')) throw new Error('SyncDocument: the saved intent lost its state');
              const posted = await accounting.postTransaction(payload, intent.state.requestId);
              record = yield* records.save(afterPost(intent, posted, clock.now()));
              if (posted.isErr()) {
                return ok(yield* self.failOnQbo(job, doc, posted.error, deliveries, postFailureEffect(posted.error) === 'outcome-unknown'));
              }
              break;
            }
            case 'look-up': {
              if (!isIn(record, 'intent', 'uncertain'))
                throw new Error('SyncDocument: look-up from a record that is not intent or uncertain');
              const found = await accounting.findTransactionByDocNumber(step.type, step.docNumber);
              if (found.isErr()) {
                yield* records.save(lookUpFailed(record));
                return ok(yield* self.failOnQbo(job, doc, found.error, deliveries, true));
              }
              record = yield* records.save(afterLookUp(record, found.value, clock.now()));
              break;
            }
            case 'attach-pdf': {
              if (!isIn(record, 'sent')) throw new Error('SyncDocument: attach-pdf from a record that is not sent');
              const file = await files.fetchPdf(doc.accountId, doc.id);
              if (file.isErr()) {
                const cause: SyncFailureCause = {
                  kind: 'cause.pdf-attachment-failed',
                  qboDetail: file.error.kind === 'files.not-found' ? 'Ogustine has no PDF for this document' : file.error.detail,
                };
                return ok(yield* self.fail(job, doc, cause, deliveries, file.error.kind === 'files.unavailable'));
              }
              const attached = await accounting.attachPdf(
                { type: step.transaction.type, qboId: step.transaction.qboId },
                file.value,
                ids.next(),
              );
              if (attached.isErr()) {
                const cause = causeFromQboFailure(attached.error);
                if (attached.error.kind === 'qbo.throttled')
                  return ok({ kind: 'postponed', why: 'throttled', retryAt: clock.now() + THROTTLE_DELAY_MS });
                return ok(
                  yield* self.fail(
                    job,
                    doc,
                    cause.kind === 'cause.qbo-unavailable' ? cause : { kind: 'cause.pdf-attachment-failed', ...traceOf(cause) },
                    deliveries,
                    true,
                  ),
                );
              }
              record = yield* records.save(pdfAttached(record, clock.now()));
              break;
            }
            case 'done':
              return ok(yield* self.succeed(job, doc, step.transaction));
          }
        }
        throw new Error(`SyncDocument: the write protocol did not settle for ${doc.id}`);
      })(this),
    );
  }

  /** Prerequisites (live), then the customer and the services, then the mapping. */
  private preparePayload(
    doc: OgustineDocument,
    accounting: Accounting,
  ): ResultAsync<QboTransactionPayload, Failure | { readonly cause: SyncFailureCause }> {
    type Prepared = Steps<QboTransactionPayload, Failure | { readonly cause: SyncFailureCause }>;
    return safeTry<QboTransactionPayload, Failure | { readonly cause: SyncFailureCause }>(() =>
      (async function* (self: SyncDocument): Prepared {
        const profile = yield* accounting.readProfile();
        const [unmet] = checkPrerequisites(profile, [doc]);
        if (unmet !== undefined) return err({ cause: causeFromPrerequisite(unmet) });
        const income = incomeAccountFor(profile);
        if (income === undefined) throw new Error('SyncDocument: checkPrerequisites passed without an income account');
        const scope: MappingScope = { accountId: doc.accountId, realmId: accounting.realmId };
        const customer = yield* self.resolveCustomer(accounting, scope, doc.customer);
        const items = new Map<string, QboId>();
        for (const service of uniqueServices(doc)) items.set(service.id, yield* self.resolveService(accounting, scope, service, income.id));
        const payload = mapDocument(doc, profile, { customer, items });
        if (payload.isErr()) return err({ cause: causeFromMappingErrors(payload.error, doc.currency) });
        return ok(payload.value);
      })(this),
    );
  }

  private resolveCustomer(accounting: Accounting, scope: MappingScope, customer: CustomerSnapshot): ResultAsync<QboId, Failure> {
    const payload = customerPayload(customer);
    return this.resolve(
      scope,
      'customer',
      customer.id,
      () => accounting.createCustomer(payload, this.ports.ids.next()),
      () => accounting.findCustomerByDisplayName(payload.displayName),
    );
  }

  private resolveService(
    accounting: Accounting,
    scope: MappingScope,
    service: ServiceRef,
    incomeAccountId: QboId,
  ): ResultAsync<QboId, Failure> {
    const payload = serviceItemPayload(service, { id: incomeAccountId, name: '', accountType: 'Income', active: true });
    return this.resolve(
      scope,
      'service',
      service.id,
      () => accounting.createServiceItem(payload, this.ports.ids.next()).map((qboId) => ({ qboId })),
      () => accounting.findItemByName(payload.name).map((qboId) => (qboId === null ? null : { qboId })),
    );
  }

  /**
   * Stored mapping, else create; a duplicate name (6240) or a lost answer is settled by a look-up by
   * name: the names carry the Ogustine id, so the one found is ours (created by an earlier attempt).
   */
  private resolve(
    scope: MappingScope,
    kind: MappedKind,
    ogustineId: string,
    create: () => ResultAsync<Mapping, QboFailure>,
    findByName: () => ResultAsync<Mapping | null, QboFailure>,
  ): ResultAsync<QboId, Failure> {
    const { mappings } = this.ports;
    return mappings.find(scope, kind, ogustineId).andThen((mapped): ResultAsync<QboId, Failure> => {
      if (mapped !== null) return okAsync(mapped.qboId);
      return create()
        .orElse((failure) =>
          isDuplicateName(failure) || postFailureEffect(failure) === 'outcome-unknown'
            ? findByName().andThen((found) => (found === null ? errAsync(failure) : okAsync(found)))
            : errAsync(failure),
        )
        .andThen((found) => mappings.save(scope, kind, ogustineId, found).map(() => found.qboId));
    });
  }

  private failOnQbo(
    job: SyncJob,
    doc: OgustineDocument,
    failure: QboFailure,
    deliveries: number,
    duringWrite: boolean,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const now = this.ports.clock.now();
    if (failure.kind === 'qbo.throttled') return okAsync({ kind: 'postponed', why: 'throttled', retryAt: now + THROTTLE_DELAY_MS });
    const cause = causeFromQboFailure(failure, { duringWrite });
    // A write that may have happened is never reported as failed: "checking QuickBooks…" until the look-up settles it.
    if (cause.kind === 'cause.outcome-unknown')
      return this.finish(job, doc, 'uncertain', { kind: 'postponed', why: 'checking', retryAt: now + RETRY_DELAY_MS });
    return this.fail(job, doc, cause, deliveries);
  }

  /** Records a failure, unless it is transient and still within its quiet retries. */
  private fail(
    job: SyncJob,
    doc: OgustineDocument,
    cause: SyncFailureCause,
    deliveries: number,
    retryAnyway = false,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const now = this.ports.clock.now();
    const transient = explainCause(cause).transient;
    if (transient && deliveries < QUIET_RETRIES) return okAsync({ kind: 'postponed', why: 'unavailable', retryAt: now + RETRY_DELAY_MS });
    const outcome: SyncDocumentOutcome =
      transient || retryAnyway ? { kind: 'failed', cause, retryAt: now + RETRY_DELAY_MS * (deliveries + 1) } : { kind: 'failed', cause };
    return this.ports.journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).andThen(() => this.finish(job, doc, 'failed', outcome));
  }

  private succeed(
    job: SyncJob,
    doc: OgustineDocument,
    transaction: PostedTransaction,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { journal } = this.ports;
    const totalMismatch = transaction.totalAmount !== doc.totals.gross;
    if (!totalMismatch)
      return journal
        .resolve(doc.accountId, doc.id)
        .andThen(() => this.finish(job, doc, 'sent', { kind: 'synced', transaction, totalMismatch }));
    // QBO holds a total different from Ogustine's: in QBO, yet visibly wrong until someone looks.
    return journal
      .load(doc.accountId)
      .andThen((history) => {
        const known = [...history.records.values()].some(
          (r) => r.documentId === doc.id && r.state !== 'resolved' && r.cause.kind === 'cause.total-mismatch',
        );
        return known
          ? okAsync(undefined)
          : journal
              .recordFailure(doc.accountId, doc.id, doc.kind, {
                kind: 'cause.total-mismatch',
                expected: doc.totals.gross,
                actual: transaction.totalAmount,
                currency: doc.currency,
              })
              .map(() => undefined);
      })
      .andThen(() => this.finish(job, doc, 'sent', { kind: 'synced', transaction, totalMismatch }));
  }

  /** Progress event (a courtesy: a lost event loses nothing), and the initial sync's counts. */
  private finish(
    job: SyncJob,
    doc: OgustineDocument,
    status: DocumentProgress,
    outcome: SyncDocumentOutcome,
  ): ResultAsync<SyncDocumentOutcome, SyncDocumentError> {
    const { progress, clock } = this.ports;
    return progress
      .publish({ kind: 'progress.document', accountId: doc.accountId, documentId: doc.id, status, at: clock.now() })
      .orElse(() => okAsync(undefined))
      .andThen(() => (job.reason === 'initial-sync' ? this.countInitialSync(doc.accountId) : okAsync(undefined)))
      .map(() => outcome);
  }

  /** Counts the planned documents sent or failed; the initial sync is done once each is one or the other. */
  private countInitialSync(accountId: AccountId): ResultAsync<void, SyncDocumentError> {
    const { settings: settingsStore, records, journal } = this.ports;
    return settingsStore.get(accountId).andThen((settings) => {
      if (settings === null || settings.moduleState.initialSync.kind !== 'running') return okAsync(undefined);
      const planned = settings.initialSyncDocumentIds ?? [];
      return records.list(accountId).andThen((all) =>
        journal.load(accountId).andThen((history) => {
          const sent = new Set(all.filter((r) => transactionOf(r) !== null).map((r) => r.documentId));
          const failing = new Set([...history.records.values()].filter((r) => r.state !== 'resolved').map((r) => r.documentId));
          const done = planned.filter((id) => sent.has(id)).length;
          const failed = planned.filter((id) => !sent.has(id) && failing.has(id)).length;
          const progressed = recordProgress(settings.moduleState, { done, failed }).unwrapOr(settings.moduleState);
          const state = done + failed === planned.length ? initialSyncFinished(progressed).unwrapOr(progressed) : progressed;
          return state === settings.moduleState ? okAsync(undefined) : settingsStore.save({ ...settings, moduleState: state });
        }),
      );
    });
  }
}

const uniqueServices = (doc: OgustineDocument): readonly ServiceRef[] => [
  ...new Map(doc.lines.map((l) => [l.service.id, l.service])).values(),
];

const traceOf = (cause: SyncFailureCause): { qboCode?: string; qboDetail?: string; intuitTid?: string } => {
  const trace: { qboCode?: string; qboDetail?: string; intuitTid?: string } = {};
  if ('qboCode' in cause && cause.qboCode !== undefined) trace.qboCode = cause.qboCode;
  if ('qboDetail' in cause && cause.qboDetail !== undefined) trace.qboDetail = cause.qboDetail;
  if ('intuitTid' in cause && cause.intuitTid !== undefined) trace.intuitTid = cause.intuitTid;
  return trace;
};
