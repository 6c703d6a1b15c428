import { err, ok, type Result } from 'neverthrow';
import type { AccountId, DocumentId, DocumentKind } from '../documents/document.js';
import type { Localized } from '../shared/localized.js';
import type { Instant } from '../shared/time.js';
import { explainCause, type CauseExplanation } from './explain-cause.js';
import { causeKey, type SyncFailureCause } from './sync-failure-cause.js';

export type ErrorRecordId = string;

/** `open`: waits for a fix; `retrying`: a retry was asked for; `resolved`: a later attempt succeeded (greyed). */
export type ErrorState = 'open' | 'retrying' | 'resolved';

export interface ErrorStateChange {
  readonly state: ErrorState;
  readonly at: Instant;
}

/** One failed attempt to send one document. Records are never deleted, only moved to `resolved`. */
export interface ErrorRecord {
  readonly id: ErrorRecordId;
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  /** Lets a group say "factures" or "avoirs"; absent when the caller did not know it. */
  readonly documentKind?: DocumentKind;
  /** 1 for the document's first failure, then 2, 3… */
  readonly attempt: number;
  readonly occurredAt: Instant;
  readonly cause: SyncFailureCause;
  readonly state: ErrorState;
  readonly resolvedAt?: Instant;
  /** Resolved by the user (« marquer comme traitée »): an error that cannot succeed, kept and greyed, not by a success. */
  readonly handled?: true;
  /** Every state the record went through, oldest first; the first entry is `open` at `occurredAt`. */
  readonly history: readonly ErrorStateChange[];
  /** Bumped by each store: the store's compare-and-set guard (0 for a record never stored). */
  readonly version: number;
}

/** The error history of the module: an audit trail, an immutable value. Change it with the functions below. */
export interface ErrorHistory {
  /** In the order they were recorded. */
  readonly records: ReadonlyMap<ErrorRecordId, ErrorRecord>;
}

export type ErrorHistoryError =
  | { readonly kind: 'error-history.unknown-record'; readonly documentId: DocumentId }
  | {
      readonly kind: 'error-history.invalid-transition';
      readonly documentId: DocumentId;
      readonly to: ErrorState;
      /** The states the document's records were in: none of them can move to `to`. */
      readonly from: readonly ErrorState[];
    }
  | { readonly kind: 'error-history.duplicate-id'; readonly id: ErrorRecordId }
  /** A document id already recorded for another account: tenants never share records. */
  | { readonly kind: 'error-history.account-mismatch'; readonly documentId: DocumentId; readonly accountId: AccountId };

export const emptyErrorHistory: ErrorHistory = { records: new Map() };

/**
 * An error history rebuilt from stored records (kept in the order given).
 * @returns ok(history)
 * @returns err('error-history.duplicate-id') if two records share an id
 */
export const errorHistoryOf = (records: readonly ErrorRecord[]): Result<ErrorHistory, ErrorHistoryError> => {
  const byId = new Map<ErrorRecordId, ErrorRecord>();
  for (const record of records) {
    if (byId.has(record.id)) return err({ kind: 'error-history.duplicate-id', id: record.id });
    byId.set(record.id, record);
  }
  return ok({ records: byId });
};

const recordsOf = (history: ErrorHistory, documentId: DocumentId): ErrorRecord[] =>
  [...history.records.values()].filter((r) => r.documentId === documentId);

const withRecords = (history: ErrorHistory, changed: readonly ErrorRecord[]): ErrorHistory => {
  const records = new Map(history.records);
  for (const record of changed) records.set(record.id, record);
  return { records };
};

const moveTo = (record: ErrorRecord, state: ErrorState, at: Instant): ErrorRecord => {
  const { resolvedAt: _previous, ...rest } = record;
  return {
    ...rest,
    state,
    ...(state === 'resolved' ? { resolvedAt: at } : {}),
    history: [...record.history, { state, at }],
  };
};

export interface FailureToRecord {
  readonly id: ErrorRecordId;
  readonly accountId: AccountId;
  readonly documentId: DocumentId;
  readonly documentKind?: DocumentKind;
  readonly occurredAt: Instant;
  readonly cause: SyncFailureCause;
}

/**
 * Records one failed attempt as a new open record. The document's earlier records are left as they
 * are: an earlier open error stays open until a success resolves them all.
 * @returns ok(history) with the record added, `attempt` = the document's earlier records + 1
 * @returns err('error-history.duplicate-id') if the id is already used
 * @returns err('error-history.account-mismatch') if the document has records under another account
 */
export const recordFailure = (history: ErrorHistory, failure: FailureToRecord): Result<ErrorHistory, ErrorHistoryError> => {
  if (history.records.has(failure.id)) return err({ kind: 'error-history.duplicate-id', id: failure.id });
  const earlier = recordsOf(history, failure.documentId);
  if (earlier.some((r) => r.accountId !== failure.accountId)) {
    return err({ kind: 'error-history.account-mismatch', documentId: failure.documentId, accountId: failure.accountId });
  }
  const record: ErrorRecord = {
    id: failure.id,
    accountId: failure.accountId,
    documentId: failure.documentId,
    ...(failure.documentKind === undefined ? {} : { documentKind: failure.documentKind }),
    attempt: earlier.length + 1,
    occurredAt: failure.occurredAt,
    cause: failure.cause,
    state: 'open',
    history: [{ state: 'open', at: failure.occurredAt }],
    version: 0,
  };
  return ok(withRecords(history, [record]));
};

/**
 * Marks the open errors of documents as being retried (one element, or a relaunched synchronisation).
 * All or nothing: on an error, nothing changes.
 * @returns ok(history) with every open record of those documents now `retrying`
 * @returns err('error-history.unknown-record') if a document has no record at all
 * @returns err('error-history.invalid-transition') if a document has no open record (all retrying or resolved)
 */
export const markRetrying = (
  history: ErrorHistory,
  documentIds: readonly DocumentId[],
  at: Instant,
): Result<ErrorHistory, ErrorHistoryError> => {
  const changed: ErrorRecord[] = [];
  for (const documentId of new Set(documentIds)) {
    const records = recordsOf(history, documentId);
    if (records.length === 0) return err({ kind: 'error-history.unknown-record', documentId });
    const open = records.filter((r) => r.state === 'open');
    if (open.length === 0) {
      return err({ kind: 'error-history.invalid-transition', documentId, to: 'retrying', from: records.map((r) => r.state) });
    }
    changed.push(...open.map((r) => moveTo(r, 'retrying', at)));
  }
  return ok(withRecords(history, changed));
};

/**
 * A retry failed: the document's `retrying` records go back to `open`. The failure of the retry itself
 * is recorded separately, with `recordFailure`.
 * @returns ok(history) with every retrying record of the document open again
 * @returns err('error-history.unknown-record') if the document has no record
 * @returns err('error-history.invalid-transition') if none of its records is retrying
 */
export const retryFailed = (history: ErrorHistory, documentId: DocumentId, at: Instant): Result<ErrorHistory, ErrorHistoryError> => {
  const records = recordsOf(history, documentId);
  if (records.length === 0) return err({ kind: 'error-history.unknown-record', documentId });
  const retrying = records.filter((r) => r.state === 'retrying');
  if (retrying.length === 0) {
    return err({ kind: 'error-history.invalid-transition', documentId, to: 'open', from: records.map((r) => r.state) });
  }
  return ok(
    withRecords(
      history,
      retrying.map((r) => moveTo(r, 'open', at)),
    ),
  );
};

/**
 * The document is now in QuickBooks: every open or retrying record of it becomes resolved (greyed),
 * and stays in the history. Resolving a document with nothing unresolved changes nothing, so a
 * success replayed or redelivered is harmless; that is why it cannot fail.
 */
export const resolveDocument = (history: ErrorHistory, documentId: DocumentId, at: Instant): ErrorHistory => {
  const unresolved = recordsOf(history, documentId).filter((r) => r.state !== 'resolved');
  return unresolved.length === 0
    ? history
    : withRecords(
        history,
        unresolved.map((r) => moveTo(r, 'resolved', at)),
      );
};

/**
 * The user marks the document's errors as handled (an error that cannot succeed, dealt with outside
 * the module): its unresolved records become resolved, flagged `handled`, kept and greyed; a later
 * "relaunch all" no longer counts them.
 * @returns ok(history) with the document's unresolved records resolved and handled
 * @returns err('error-history.unknown-record') if the document has no record
 * @returns err('error-history.invalid-transition') if all its records are resolved already
 */
export const markHandled = (history: ErrorHistory, documentId: DocumentId, at: Instant): Result<ErrorHistory, ErrorHistoryError> => {
  const records = recordsOf(history, documentId);
  if (records.length === 0) return err({ kind: 'error-history.unknown-record', documentId });
  const unresolved = records.filter((r) => r.state !== 'resolved');
  if (unresolved.length === 0)
    return err({ kind: 'error-history.invalid-transition', documentId, to: 'resolved', from: records.map((r) => r.state) });
  return ok(
    withRecords(
      history,
      unresolved.map((r) => ({ ...moveTo(r, 'resolved', at), handled: true as const })),
    ),
  );
};

/**
 * The unresolved record a new failure of the same cause repeats, if any: an error is recorded once
 * per document and cause, not once per relaunch (the relaunch puts it back to open instead).
 * @returns the document's latest unresolved record with the same `causeKey`, or undefined
 */
export const repeatedFailure = (history: ErrorHistory, documentId: DocumentId, cause: SyncFailureCause): ErrorRecord | undefined => {
  const key = causeKey(cause);
  return newestFirst(recordsOf(history, documentId).filter((r) => r.state !== 'resolved' && causeKey(r.cause) === key))[0];
};

// Newest first; equal times keep the latest recorded first.
const newestFirst = (records: readonly ErrorRecord[]): ErrorRecord[] =>
  records
    .map((record, order) => ({ record, order }))
    .sort((a, b) => b.record.occurredAt - a.record.occurredAt || b.order - a.order)
    .map(({ record }) => record);

const ofAccount = (history: ErrorHistory, accountId: AccountId): ErrorRecord[] =>
  [...history.records.values()].filter((r) => r.accountId === accountId);

/** The account's unresolved errors (open or retrying), newest first. */
export const openErrors = (history: ErrorHistory, accountId: AccountId): readonly ErrorRecord[] =>
  newestFirst(ofAccount(history, accountId).filter((r) => r.state !== 'resolved'));

/** Every record of a document, resolved ones included, in the order of its attempts. */
export const entriesFor = (history: ErrorHistory, documentId: DocumentId): readonly ErrorRecord[] =>
  recordsOf(history, documentId).sort((a, b) => a.attempt - b.attempt);

export interface CauseGroup {
  readonly key: string;
  /** The cause of the group's most recent record. */
  readonly cause: SyncFailureCause;
  /** "12 factures bloquées : taux de TVA 5,5 % sans code de taxe". */
  readonly label: Localized;
  readonly documentIds: readonly DocumentId[];
  /** Number of documents (not of attempts). */
  readonly count: number;
  /** `retrying` when every document of the group is being retried. */
  readonly state: ErrorState;
}

const plural = (count: number, kinds: ReadonlySet<DocumentKind | undefined>): Localized => {
  const many = count > 1;
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  if (only === 'invoice') return { fr: many ? 'factures' : 'facture', en: many ? 'invoices' : 'invoice' };
  if (only === 'credit_note') return { fr: many ? 'avoirs' : 'avoir', en: many ? 'credit notes' : 'credit note' };
  return { fr: many ? 'documents' : 'document', en: many ? 'documents' : 'document' };
};

// Past participles agree with the noun: "factures bloquées", "avoirs bloqués".
const feminine = (kinds: ReadonlySet<DocumentKind | undefined>): boolean => kinds.size === 1 && kinds.has('invoice');

const groupLabel = (count: number, kinds: ReadonlySet<DocumentKind | undefined>, state: ErrorState, title: Localized): Localized => {
  const noun = plural(count, kinds);
  const e = feminine(kinds) ? 'e' : '';
  const s = count > 1 ? 's' : '';
  const fr =
    state === 'resolved'
      ? `${count} ${noun.fr} résolu${e}${s}`
      : state === 'retrying'
        ? `${count} ${noun.fr} en cours de renvoi`
        : `${count} ${noun.fr} bloqué${e}${s}`;
  const en =
    state === 'resolved'
      ? `${count} ${noun.en} resolved`
      : state === 'retrying'
        ? `${count} ${noun.en} being retried`
        : `${count} ${noun.en} blocked`;
  return { fr: `${fr} : ${title.fr}`, en: `${en}: ${title.en}` };
};

const buildGroups = (records: readonly ErrorRecord[], stateOf: (members: readonly ErrorRecord[]) => ErrorState): CauseGroup[] => {
  const byKey = new Map<string, ErrorRecord[]>();
  for (const record of records) {
    const key = causeKey(record.cause);
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const groups = [...byKey.entries()].map(([key, members]): CauseGroup => {
    const latest = newestFirst(members)[0] as ErrorRecord;
    const documentIds = [...new Set(members.map((r) => r.documentId))];
    const state = stateOf(members);
    const kinds = new Set(members.map((r) => r.documentKind));
    return {
      key,
      cause: latest.cause,
      label: groupLabel(documentIds.length, kinds, state, explainCause(latest.cause).title),
      documentIds,
      count: documentIds.length,
      state,
    };
  });
  return groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/**
 * What blocks the account's documents now, one group per cause, largest first: each unresolved
 * document counts once, under the cause of its latest unresolved attempt (earlier open attempts are
 * in `historyView`). Resolved errors are never counted here (see `resolvedGroups`).
 */
export const groupByCause = (history: ErrorHistory, accountId: AccountId): readonly CauseGroup[] => {
  const latestByDocument = new Map<DocumentId, ErrorRecord>();
  for (const record of newestFirst(ofAccount(history, accountId).filter((r) => r.state !== 'resolved'))) {
    if (!latestByDocument.has(record.documentId)) latestByDocument.set(record.documentId, record);
  }
  return buildGroups([...latestByDocument.values()], (members) => (members.every((r) => r.state === 'retrying') ? 'retrying' : 'open'));
};

/** The account's resolved errors grouped by cause, largest first (listed apart from the open groups). */
export const resolvedGroups = (history: ErrorHistory, accountId: AccountId): readonly CauseGroup[] =>
  buildGroups(
    ofAccount(history, accountId).filter((r) => r.state === 'resolved'),
    () => 'resolved',
  );

export interface ErrorHistoryEntryView {
  readonly record: ErrorRecord;
  readonly explanation: CauseExplanation;
  /** Resolved errors are shown greyed: kept as an audit trail. */
  readonly greyed: boolean;
  /** "Resynchroniser cet élément" is offered. */
  readonly canResync: boolean;
}

/** How one record shows in the history: explained, greyed once resolved, with "Resynchroniser" when it makes sense. */
export const entryView = (record: ErrorRecord): ErrorHistoryEntryView => {
  const explanation = explainCause(record.cause);
  return { record, explanation, greyed: record.state === 'resolved', canResync: record.state === 'open' && explanation.retryable };
};

/** The *Historique des erreurs de synchronisation* of an account: every record, newest first. */
export const historyView = (history: ErrorHistory, accountId: AccountId): readonly ErrorHistoryEntryView[] =>
  newestFirst(ofAccount(history, accountId)).map(entryView);

/** A group of the screen as a store counts it (`ErrorHistoryStore.tallyByCause`), without its documents' ids. */
export interface CauseGroupTally {
  readonly key: string;
  readonly cause: SyncFailureCause;
  readonly documents: number;
  readonly kinds: readonly DocumentKind[];
  readonly state: ErrorState;
}

/** A group of the screen from a store's tally: "12 factures bloquées : …". */
export interface CauseGroupView {
  readonly key: string;
  readonly cause: SyncFailureCause;
  readonly label: Localized;
  readonly count: number;
  readonly state: ErrorState;
}

/** The label and figures of a counted group, worded as `groupByCause` words its groups. */
export const causeGroupView = (tally: CauseGroupTally): CauseGroupView => ({
  key: tally.key,
  cause: tally.cause,
  label: groupLabel(tally.documents, new Set(tally.kinds), tally.state, explainCause(tally.cause).title),
  count: tally.documents,
  state: tally.state,
});
