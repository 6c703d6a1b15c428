import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, DocumentKind } from '../../documents/document.js';
import type { ErrorRecord, ErrorRecordId, ErrorState } from '../../errors/error-history.js';
import { causeKey } from '../../errors/sync-failure-cause.js';
import type { CauseTally, ErrorFilter, ErrorHistoryStore } from '../../ports/error-history-store.js';
import { pageLimit, type Page, type PageRequest } from '../../ports/page.js';
import type { StoreError } from '../../ports/store-error.js';
import { RowMeter } from './row-meter.js';

interface Row {
  record: ErrorRecord;
  /** Order of first store. */
  readonly seq: number;
}

/** Newest first; equal times: the one stored later first. */
const newestFirst = (a: Row, b: Row): number => b.record.occurredAt - a.record.occurredAt || b.seq - a.seq;

const selects = (f: ErrorFilter) => (r: ErrorRecord) =>
  (f.states === undefined || f.states.includes(r.state)) &&
  (f.causeKey === undefined || causeKey(r.cause) === f.causeKey) &&
  (f.occurredFrom === undefined || r.occurredAt >= f.occurredFrom) &&
  (f.occurredBefore === undefined || r.occurredAt < f.occurredBefore);

const tally = (rows: readonly Row[], stateOf: (members: readonly Row[]) => ErrorState): CauseTally[] => {
  const byKey = new Map<string, Row[]>();
  for (const row of [...rows].sort(newestFirst)) {
    const key = causeKey(row.record.cause);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey.entries()]
    .map(([key, members]): CauseTally => {
      const [latest] = members as [Row, ...Row[]];
      const kinds = new Set(members.flatMap((m): DocumentKind[] => (m.record.documentKind === undefined ? [] : [m.record.documentKind])));
      return {
        key,
        cause: latest.record.cause,
        documents: new Set(members.map((m) => m.record.documentId)).size,
        kinds: [...kinds],
        state: stateOf(members),
      };
    })
    .sort((a, b) => b.documents - a.documents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

export class InMemoryErrorHistoryStore implements ErrorHistoryStore {
  private readonly rows = new Map<ErrorRecordId, Row>();
  private seq = 0;

  constructor(readonly meter = new RowMeter()) {}

  forDocument(accountId: AccountId, documentId: DocumentId): ResultAsync<readonly ErrorRecord[], StoreError> {
    const records = this.ofAccount(accountId)
      .filter((r) => r.record.documentId === documentId)
      .map((r) => r.record);
    this.meter.read('errors.forDocument', records.length);
    return okAsync(records);
  }

  page(accountId: AccountId, filter: ErrorFilter, request?: PageRequest): ResultAsync<Page<ErrorRecord>, StoreError> {
    const cursor = request?.cursor === undefined ? undefined : (JSON.parse(request.cursor) as [number, number]);
    const selected = this.ofAccount(accountId)
      .filter((r) => selects(filter)(r.record))
      .filter((r) => cursor === undefined || r.record.occurredAt < cursor[0] || (r.record.occurredAt === cursor[0] && r.seq < cursor[1]))
      .sort(newestFirst);
    const limit = pageLimit(request);
    const items = selected.slice(0, limit);
    const last = items[items.length - 1];
    this.meter.read('errors.page', items.length);
    return okAsync({
      items: items.map((r) => r.record),
      next: selected.length > limit && last !== undefined ? JSON.stringify([last.record.occurredAt, last.seq]) : null,
    });
  }

  documentsWithUnresolved(accountId: AccountId, request?: PageRequest): ResultAsync<Page<DocumentId>, StoreError> {
    const firstUnresolved = new Map<DocumentId, number>();
    for (const r of this.ofAccount(accountId)) {
      if (r.record.state !== 'resolved' && !firstUnresolved.has(r.record.documentId)) firstUnresolved.set(r.record.documentId, r.seq);
    }
    const after = request?.cursor === undefined ? 0 : Number(request.cursor);
    const selected = [...firstUnresolved.entries()].filter(([, seq]) => seq > after).sort(([, a], [, b]) => a - b);
    const limit = pageLimit(request);
    const items = selected.slice(0, limit);
    const last = items[items.length - 1];
    this.meter.read('errors.documentsWithUnresolved', items.length);
    return okAsync({ items: items.map(([id]) => id), next: selected.length > limit && last !== undefined ? String(last[1]) : null });
  }

  tallyByCause(accountId: AccountId, which: 'unresolved' | 'resolved'): ResultAsync<readonly CauseTally[], StoreError> {
    const rows = this.ofAccount(accountId);
    let tallies: CauseTally[];
    if (which === 'resolved') {
      tallies = tally(
        rows.filter((r) => r.record.state === 'resolved'),
        () => 'resolved',
      );
    } else {
      const latest = new Map<DocumentId, Row>();
      for (const r of rows.filter((row) => row.record.state !== 'resolved').sort(newestFirst)) {
        if (!latest.has(r.record.documentId)) latest.set(r.record.documentId, r);
      }
      tallies = tally([...latest.values()], (members) => (members.every((m) => m.record.state === 'retrying') ? 'retrying' : 'open'));
    }
    this.meter.read('errors.tallyByCause', tallies.length);
    return okAsync(tallies);
  }

  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError> {
    for (const record of records) {
      const stored = this.rows.get(record.id);
      const current = stored === undefined ? 0 : stored.record.version;
      if ((stored === undefined) !== (record.version === 0) || current !== record.version) {
        return errAsync({ kind: 'store.conflict', detail: `error record ${record.id}: version ${record.version}, stored ${current}` });
      }
    }
    for (const record of records) {
      const stored = this.rows.get(record.id);
      const saved = { ...record, version: record.version + 1 };
      if (stored === undefined) {
        this.seq += 1;
        this.rows.set(record.id, { record: saved, seq: this.seq });
      } else stored.record = saved;
    }
    return okAsync(undefined);
  }

  /** Every record of the account, in the order first stored: for tests that check the whole history (not a port method). */
  allRecords(accountId: AccountId): readonly ErrorRecord[] {
    return this.ofAccount(accountId).map((r) => r.record);
  }

  private ofAccount(accountId: AccountId): Row[] {
    return [...this.rows.values()].filter((r) => r.record.accountId === accountId);
  }
}
