import {
  causeKey,
  pageLimit,
  type AccountId,
  type CauseTally,
  type DocumentId,
  type DocumentKind,
  type ErrorFilter,
  type ErrorHistoryStore,
  type ErrorRecord,
  type ErrorState,
  type ErrorStateChange,
  type Page,
  type PageRequest,
  type StoreError,
  type SyncFailureCause,
} from '@ogustine-qbo/domain';
import type { Selectable } from 'kysely';
import { Result, errAsync, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';
import type { ErrorRecordTable } from '../schema.js';
import { ConflictError, storeCall } from '../sql-errors.js';

type Row = Selectable<ErrorRecordTable>;

const UNRESOLVED: readonly ErrorState[] = ['open', 'retrying'];

/**
 * The error history in `error_record`: rows are added and updated, never deleted. `put` is a
 * compare-and-set on every record's `version`, in one transaction (all or none). Pages are cut by
 * keyset on (occurred_at, seq), newest first; `seq` is the order records were first stored in.
 */
export class SqlErrorHistoryStore implements ErrorHistoryStore {
  constructor(private readonly database: SqlDatabase) {}

  forDocument(accountId: AccountId, documentId: DocumentId): ResultAsync<readonly ErrorRecord[], StoreError> {
    return storeCall(() =>
      this.database.db
        .selectFrom('error_record')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .orderBy('seq')
        .execute(),
    ).andThen((rows) => Result.combine(rows.map(toRecord)));
  }

  page(accountId: AccountId, filter: ErrorFilter, request?: PageRequest): ResultAsync<Page<ErrorRecord>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n', 'n']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    const { states, causeKey: key, occurredFrom, occurredBefore } = filter;
    return storeCall(() =>
      this.database.db
        .selectFrom('error_record')
        .selectAll()
        .where('account_id', '=', accountId)
        .$if(states !== undefined, (q) => q.where('state', 'in', states === undefined || states.length === 0 ? [''] : [...states]))
        .$if(key !== undefined, (q) => q.where('cause_key', '=', key ?? ''))
        .$if(occurredFrom !== undefined, (q) => q.where('occurred_at', '>=', occurredFrom ?? 0))
        .$if(occurredBefore !== undefined, (q) => q.where('occurred_at', '<', occurredBefore ?? 0))
        .$if(after.value !== undefined, (q) => {
          const [occurredAt, seq] = after.value as [number, number];
          return q.where((eb) =>
            eb.or([eb('occurred_at', '<', occurredAt), eb.and([eb('occurred_at', '=', occurredAt), eb('seq', '<', seq)])]),
          );
        })
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit + 1)
        .execute(),
    ).andThen((rows) => {
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next = rows.length > limit && last !== undefined ? encodeCursor([Number(last.occurred_at), Number(last.seq)]) : null;
      return Result.combine(items.map(toRecord)).map((records) => ({ items: records, next }));
    });
  }

  documentsWithUnresolved(accountId: AccountId, request?: PageRequest): ResultAsync<Page<DocumentId>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    return storeCall(async () => {
      const rows = await this.database.db
        .selectFrom('error_record')
        .select((eb) => ['document_id', eb.fn.min('seq').as('first')])
        .where('account_id', '=', accountId)
        .where('state', 'in', [...UNRESOLVED])
        .groupBy('document_id')
        .$if(after.value !== undefined, (q) => q.having((eb) => eb.fn.min('seq'), '>', Number(after.value?.[0] ?? 0)))
        .orderBy('first')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => r.document_id),
        next: rows.length > limit && last !== undefined ? encodeCursor([Number(last.first)]) : null,
      };
    });
  }

  tallyByCause(accountId: AccountId, which: 'unresolved' | 'resolved'): ResultAsync<readonly CauseTally[], StoreError> {
    return storeCall(() =>
      this.database.db
        .selectFrom('error_record')
        .select(['cause_key', 'document_id', 'document_kind', 'state', 'occurred_at', 'seq', 'cause'])
        .where('account_id', '=', accountId)
        .where('state', 'in', which === 'resolved' ? ['resolved'] : [...UNRESOLVED])
        .execute(),
    ).andThen((rows) => Result.combine(tally(which === 'resolved' ? rows : latestPerDocument(rows), which)));
  }

  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError> {
    return storeCall(() =>
      this.database.db.transaction().execute(async (trx) => {
        for (const record of records) {
          const row = toRow(record);
          if (record.version === 0) {
            await trx.insertInto('error_record').values(row).execute();
            continue;
          }
          const updated = await trx
            .updateTable('error_record')
            .set(row)
            .where('account_id', '=', record.accountId)
            .where('id', '=', record.id)
            .where('version', '=', record.version)
            .executeTakeFirst();
          if (updated.numUpdatedRows === 0n) throw new ConflictError(`error record ${record.id} is no longer at version ${record.version}`);
        }
      }),
    );
  }
}

type TallyRow = Pick<Row, 'cause_key' | 'document_id' | 'document_kind' | 'state' | 'occurred_at' | 'seq' | 'cause'>;

const isNewer = (a: TallyRow, b: TallyRow): boolean =>
  Number(a.occurred_at) > Number(b.occurred_at) || (Number(a.occurred_at) === Number(b.occurred_at) && Number(a.seq) > Number(b.seq));

/** Each document's latest unresolved record (newest: occurred_at, then seq). */
const latestPerDocument = (rows: readonly TallyRow[]): TallyRow[] => {
  const latest = new Map<string, TallyRow>();
  for (const row of rows) {
    const known = latest.get(row.document_id);
    if (known === undefined || isNewer(row, known)) latest.set(row.document_id, row);
  }
  return [...latest.values()];
};

/**
 * The groups, from their member rows: one row per unresolved document (its latest) or per resolved
 * record. The member rows are read whole (a few columns): the screen counts every document waiting
 * for a fix; the history itself is only ever read by page.
 */
const tally = (rows: readonly TallyRow[], which: 'unresolved' | 'resolved'): Result<CauseTally, StoreError>[] => {
  const groups = new Map<string, TallyRow[]>();
  for (const row of rows) groups.set(row.cause_key, [...(groups.get(row.cause_key) ?? []), row]);
  return [...groups.entries()]
    .map(([key, members]) => {
      const latest = members.reduce((a, b) =>
        Number(b.occurred_at) > Number(a.occurred_at) || (Number(b.occurred_at) === Number(a.occurred_at) && Number(b.seq) > Number(a.seq))
          ? b
          : a,
      );
      const kinds = [...new Set(members.flatMap((m) => (m.document_kind === null ? [] : [m.document_kind as DocumentKind])))];
      const state: ErrorState = which === 'resolved' ? 'resolved' : members.every((m) => m.state === 'retrying') ? 'retrying' : 'open';
      return { key, latest, kinds, state, documents: new Set(members.map((m) => m.document_id)).size };
    })
    .sort((a, b) => b.documents - a.documents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, latest, kinds, state, documents }) =>
      fromJson<SyncFailureCause>(latest.cause, 'error cause').map((cause) => ({ key, cause, documents, kinds, state })),
    );
};

const toRow = (record: ErrorRecord): Omit<Row, 'seq'> => ({
  account_id: record.accountId,
  id: record.id,
  document_id: record.documentId,
  document_kind: record.documentKind ?? null,
  attempt: record.attempt,
  occurred_at: record.occurredAt,
  cause_key: causeKey(record.cause),
  cause: toJson(record.cause),
  state: record.state,
  resolved_at: record.resolvedAt ?? null,
  history: toJson(record.history),
  version: record.version + 1,
});

const toRecord = (row: Row): Result<ErrorRecord, StoreError> =>
  fromJson<SyncFailureCause>(row.cause, 'error cause').andThen((cause) =>
    fromJson<readonly ErrorStateChange[]>(row.history, 'error history').map((history) => ({
      id: row.id,
      accountId: row.account_id,
      documentId: row.document_id,
      ...(row.document_kind === null ? {} : { documentKind: row.document_kind as DocumentKind }),
      attempt: Number(row.attempt),
      occurredAt: Number(row.occurred_at),
      cause,
      state: row.state as ErrorState,
      ...(row.resolved_at === null ? {} : { resolvedAt: Number(row.resolved_at) }),
      history,
      version: Number(row.version),
    })),
  );
