import { ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { decideDocument, refusalCause } from '../policy/decide-document.js';
import type { SyncSchedule } from '../policy/sync-schedule.js';
import type { DocumentDecision } from '../policy/document-decision.js';
import type { Ids } from '../ports/ids.js';
import type { AccountSettings, SettingsStore } from '../ports/settings-store.js';
import type { SyncJob, SyncQueue } from '../ports/sync-queue.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';
import { transactionOf, type SyncRecord } from '../sync/sync-record.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { ErrorJournal, ErrorJournalError } from './error-journal.js';
import type { Steps } from './steps.js';
import { jobsFor } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

/** What became of a recorded document once decided. */
export type DecidedOutcome =
  | { readonly kind: 'queued'; readonly documentId: DocumentId }
  /** Held or refused: kept, visible in the document's status; sent when what holds it changes. */
  | { readonly kind: 'not-queued'; readonly documentId: DocumentId; readonly decision: Exclude<DocumentDecision, { kind: 'send-now' }> }
  | { readonly kind: 'already-in-quickbooks'; readonly documentId: DocumentId };

export interface DecideAndQueuePorts {
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly ids: Ids;
}

/** What the policy makes of one recorded document: its outcome, the realm to queue it in, the cause to record. */
export interface Decided {
  readonly outcome: DecidedOutcome;
  readonly queueIn: RealmId | null;
  readonly cause: SyncFailureCause | null;
}

/** An account's settings and the schedule they put in force now (read once for all its documents: it reads the time-zone database). */
interface AccountNow {
  readonly settings: AccountSettings;
  readonly schedule: SyncSchedule;
}

const accountNow = (settings: AccountSettings, now: Instant): AccountNow => ({ settings, schedule: scheduleOf(settings, now) });

/** The decision alone, pure: from the document, its account's settings and its sync record. */
const decided = (doc: OgustineDocument, { settings, schedule }: AccountNow, record: SyncRecord | null, now: Instant): Decided => {
  const inQuickBooks = record !== null && transactionOf(record) !== null;
  if (inQuickBooks) return { outcome: { kind: 'already-in-quickbooks', documentId: doc.id }, queueIn: null, cause: null };
  const decision = decideDocument(doc, {
    state: settings.moduleState,
    schedule,
    now,
    inQuickBooks,
    unmet: lastUnmet(settings),
  });
  const { connection } = settings.moduleState;
  if (decision.kind === 'send-now' && connection.kind === 'connected')
    return { outcome: { kind: 'queued', documentId: doc.id }, queueIn: connection.realmId, cause: null };
  if (decision.kind === 'send-now') {
    const held = { kind: 'hold', reason: { kind: 'hold.not-connected' } } as const;
    return { outcome: { kind: 'not-queued', documentId: doc.id, decision: held }, queueIn: null, cause: null };
  }
  const cause = decision.kind === 'refuse' ? refusalCause(decision.reason) : null;
  return { outcome: { kind: 'not-queued', documentId: doc.id, decision }, queueIn: null, cause };
};

/**
 * The step after recording validated documents: let the policy decide each (send now, hold,
 * refuse), queue in one call those to be sent now, in the order given; a refusal is recorded in its
 * history once (visible, whatever the redeliveries). Reads each account's settings once and its
 * documents' sync records together. Idempotent (the queue's enqueue and the journal's once), so the
 * receipt and the sweep can both run it.
 * @returns ok(outcomes), one per document in the order given
 * @returns err(store.* | queue.*) if a store or the queue failed
 */
export const decideAndQueueMany = (
  p: DecideAndQueuePorts,
  docs: readonly OgustineDocument[],
  now: Instant,
): ResultAsync<readonly DecidedOutcome[], InfrastructureError> =>
  safeTry<readonly DecidedOutcome[], InfrastructureError>(async function* (): Steps<readonly DecidedOutcome[], InfrastructureError> {
    const all = yield* decideMany(p, docs, now);
    const jobs = docs.flatMap((doc, i) => jobsOfDecided(p.ids, doc, all[i]));
    if (jobs.length > 0) yield* p.queue.enqueue(jobs);
    for (const [i, doc] of docs.entries()) {
      const cause = all[i]?.cause ?? null;
      if (cause !== null) yield* recordOnce(p.journal, doc, cause);
    }
    return ok(all.map((d) => d.outcome));
  });

/** The jobs a decided document is queued with (none unless sent now). */
export const jobsOfDecided = (ids: Ids, doc: OgustineDocument, decided: Decided | undefined): SyncJob[] =>
  decided === undefined || decided.queueIn === null ? [] : jobsFor(ids, decided.queueIn, [doc], 'validated');

/**
 * The policy's decision for each document, nothing written: each account's settings read once, its
 * documents' sync records together.
 * @returns ok(decisions), one per document in the order given
 * @returns err(store.*) if a store failed
 */
export const decideMany = (
  p: Pick<DecideAndQueuePorts, 'records' | 'settings'>,
  docs: readonly OgustineDocument[],
  now: Instant,
): ResultAsync<readonly Decided[], StoreError> =>
  safeTry<readonly Decided[], StoreError>(async function* (): Steps<readonly Decided[], StoreError> {
    const accounts = new Map<AccountId, AccountNow>();
    const recordsOf = new Map<AccountId, ReadonlyMap<DocumentId, SyncRecord>>();
    for (const accountId of new Set(docs.map((d) => d.accountId))) {
      accounts.set(accountId, accountNow((yield* p.settings.get(accountId)) ?? freshSettings(accountId), now));
      const ids = docs.filter((d) => d.accountId === accountId).map((d) => d.id);
      recordsOf.set(
        accountId,
        ids.length === 1 ? yield* oneRecord(p.records, accountId, ids[0] ?? '') : yield* p.records.getMany(accountId, ids),
      );
    }
    return ok(
      docs.map((doc) =>
        decided(
          doc,
          accounts.get(doc.accountId) ?? accountNow(freshSettings(doc.accountId), now),
          recordsOf.get(doc.accountId)?.get(doc.id) ?? null,
          now,
        ),
      ),
    );
  });

/** A single document's record as `getMany` gives it (one read by key, as a document alone always was). */
const oneRecord = (records: SyncRecordStore, accountId: AccountId, documentId: DocumentId) =>
  records.get(accountId, documentId).map((r): ReadonlyMap<DocumentId, SyncRecord> => new Map(r === null ? [] : [[documentId, r]]));

/**
 * `decideAndQueueMany` for one document.
 * @returns ok(outcome)
 * @returns err(store.* | queue.*) if a store or the queue failed
 */
export const decideAndQueue = (
  p: DecideAndQueuePorts,
  doc: OgustineDocument,
  now: Instant,
): ResultAsync<DecidedOutcome, InfrastructureError> =>
  decideAndQueueMany(p, [doc], now).map((outcomes) => outcomes[0] ?? { kind: 'already-in-quickbooks', documentId: doc.id });

/** Records a cause in the document's history unless an unresolved record of the same cause is there already. */
export const recordOnce = (journal: ErrorJournal, doc: OgustineDocument, cause: SyncFailureCause): ResultAsync<void, ErrorJournalError> =>
  journal
    .forDocument(doc.accountId, doc.id)
    .andThen((history) =>
      [...history.records.values()].some((r) => r.state !== 'resolved' && r.cause.kind === cause.kind)
        ? okAsync(undefined)
        : journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).map(() => undefined),
    );
