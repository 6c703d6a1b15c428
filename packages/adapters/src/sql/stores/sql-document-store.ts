import {
  pageLimit,
  type AccountId,
  type DocumentFilter,
  type DocumentId,
  type DocumentStore,
  type DocumentSummary,
  type OgustineDocument,
  type Page,
  type PageRequest,
  type RecordDocumentOutcome,
  type StoreError,
} from '@ogustine-qbo/domain';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { Result, errAsync, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { chunksOf } from '../chunks.js';
import { fromJson, toJson } from '../json-column.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';
import type { Database } from '../schema.js';
import { selectWithIndex } from '../index-hint.js';
import { isUniqueViolation, storeCall } from '../sql-errors.js';
import { writeTransaction } from '../write-transaction.js';

type DocumentQuery<O> = SelectQueryBuilder<Database, 'document', O>;

/**
 * Documents in the `document` table: the snapshot as received (JSON; the decimals' bigints kept
 * exactly), plus the columns pages, filters and summaries are computed on.
 * Each call is one statement (two for a summary); the unique key (account, document id) makes a
 * second `record` a no-op. Pages are cut by keyset on (created_at, number, document_id), the order
 * of `compareByCreation`.
 */
export class SqlDocumentStore implements DocumentStore {
  constructor(private readonly database: SqlDatabase) {}

  record(document: OgustineDocument, receivedAt: number): ResultAsync<RecordDocumentOutcome, StoreError> {
    return storeCall(async (): Promise<RecordDocumentOutcome> => {
      try {
        await this.database.db.insertInto('document').values(documentRow(document, receivedAt)).execute();
        return 'recorded';
      } catch (e) {
        if (isUniqueViolation(e)) return 'already-recorded';
        throw e;
      }
    });
  }

  /**
   * One transaction: the group's keys already stored are read, the others inserted together. A
   * document another writer inserted in between makes the insert clash: the transaction is rolled
   * back and run again, and then reads it as already recorded.
   */
  recordAll(documents: readonly OgustineDocument[], receivedAt: number): ResultAsync<readonly RecordDocumentOutcome[], StoreError> {
    return storeCall(async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await writeTransaction(this.database, (trx) => recordGroup(trx, documents, receivedAt));
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= RECORD_GROUP_ATTEMPTS) throw e;
        }
      }
    });
  }

  get(accountId: AccountId, documentId: DocumentId): ResultAsync<OgustineDocument | null, StoreError> {
    return storeCall(() =>
      this.database.db
        .selectFrom('document')
        .select('snapshot')
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .executeTakeFirst(),
    ).andThen((row) => (row === undefined ? ok(null) : toDocument(row.snapshot)));
  }

  markInQuickBooks(accountId: AccountId, documentId: DocumentId, inQuickBooks: boolean): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db
        .updateTable('document')
        .set({ in_quickbooks: inQuickBooks ? 1 : 0 })
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .execute();
    });
  }

  forgetInQuickBooks(accountId: AccountId): ResultAsync<void, StoreError> {
    return storeCall(async () => {
      await this.database.db.updateTable('document').set({ in_quickbooks: 0 }).where('account_id', '=', accountId).execute();
    });
  }

  page(accountId: AccountId, filter: DocumentFilter, request?: PageRequest): ResultAsync<Page<OgustineDocument>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n', 's', 's']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    return storeCall(() => {
      let query = filtered(
        this.database.db.selectFrom('document').select(['snapshot', 'created_at', 'number', 'document_id']),
        accountId,
        filter,
      );
      const key = after.value;
      if (key !== undefined) {
        const [createdAt, number, documentId] = key as [number, string, string];
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '>', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('number', '>', number)]),
            eb.and([eb('created_at', '=', createdAt), eb('number', '=', number), eb('document_id', '>', documentId)]),
          ]),
        );
      }
      const ordered = query
        .orderBy('created_at')
        .orderBy('number')
        .orderBy('document_id')
        .limit(limit + 1);
      return selectWithIndex(
        this.database,
        ordered,
        'document',
        // An invoice's credit notes are a few rows of their own index; any other filter walks the
        // account's documents in page order (ordering by the index rather than sorting them all).
        filter.correctsInvoiceId !== undefined
          ? 'document_account_corrects'
          : filter.inQuickBooks === undefined
            ? 'document_account_created'
            : 'document_account_qbo_created',
      );
    }).andThen((rows) => {
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next =
        rows.length > limit && last !== undefined ? encodeCursor([Number(last.created_at), last.number, last.document_id]) : null;
      return Result.combine(items.map((row) => toDocument(row.snapshot))).map((documents) => ({ items: documents, next }));
    });
  }

  summarize(accountId: AccountId, filter: DocumentFilter): ResultAsync<DocumentSummary, StoreError> {
    return storeCall(async (): Promise<DocumentSummary> => {
      const counts = await filtered(
        this.database.db
          .selectFrom('document')
          .select((eb) => [
            eb.fn.countAll().as('count'),
            eb.fn.sum(eb.case().when('kind', '=', 'invoice').then(1).else(0).end()).as('invoices'),
            eb.fn.count('customer_id').distinct().as('customers'),
          ]),
        accountId,
        filter,
      ).executeTakeFirstOrThrow();
      const gross = await filtered(
        this.database.db.selectFrom('document').select((eb) => ['currency', eb.fn.sum('gross_cents').as('cents')]),
        accountId,
        filter,
      )
        .groupBy('currency')
        .orderBy('currency')
        .execute();
      const count = Number(counts.count);
      const invoices = Number(counts.invoices ?? 0);
      return {
        count,
        invoices,
        creditNotes: count - invoices,
        customers: Number(counts.customers),
        gross: gross.map((g) => ({ currency: g.currency, cents: Number(g.cents) })),
      };
    });
  }
}

/** The account's documents that the filter selects (every filter uses the leading columns of an index). */
const filtered = <O>(query: DocumentQuery<O>, accountId: AccountId, filter: DocumentFilter): DocumentQuery<O> =>
  query
    .where('account_id', '=', accountId)
    .$if(filter.inQuickBooks !== undefined, (q) => q.where('in_quickbooks', '=', filter.inQuickBooks === true ? 1 : 0))
    .$if(filter.createdFrom !== undefined, (q) => q.where('created_at', '>=', filter.createdFrom ?? 0))
    .$if(filter.createdBefore !== undefined, (q) => q.where('created_at', '<', filter.createdBefore ?? 0))
    .$if(filter.recordedUpTo !== undefined, (q) => q.where('received_at', '<=', filter.recordedUpTo ?? 0))
    .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind ?? 'invoice'))
    .$if(filter.correctsInvoiceId !== undefined, (q) => q.where('corrects_invoice_id', '=', filter.correctsInvoiceId ?? ''));

/**
 * A group clashing with another writer this many times in a row is reported as a conflict. Each
 * clash means another writer committed one of the group's documents, and the next attempt reads it
 * as recorded: the clashes in a row are bounded by the writers whose groups overlap this one (a
 * worker receives up to 4 groups at once, and several workers run), not by 3, which 8 overlapping
 * writers on a loaded machine did exhaust.
 */
export const RECORD_GROUP_ATTEMPTS = 10;

const documentRow = (document: OgustineDocument, receivedAt: number) => ({
  account_id: document.accountId,
  document_id: document.id,
  kind: document.kind,
  number: document.number,
  customer_id: document.customer.id,
  currency: document.currency,
  created_at: document.createdAt,
  gross_cents: document.totals.gross,
  received_at: receivedAt,
  in_quickbooks: 0,
  corrects_invoice_id: document.correctsInvoiceId ?? null,
  snapshot: toJson(document),
});

/** `recordAll`'s reads and writes, inside a transaction of the caller's. */
export const recordGroup = async (
  trx: Kysely<Database>,
  documents: readonly OgustineDocument[],
  receivedAt: number,
): Promise<RecordDocumentOutcome[]> => {
  const stored = new Set<string>();
  const accounts = [...new Set(documents.map((d) => d.accountId))];
  for (const accountId of accounts)
    for (const ids of chunksOf([...new Set(documents.filter((d) => d.accountId === accountId).map((d) => d.id))])) {
      const rows = await trx
        .selectFrom('document')
        .select('document_id')
        .where('account_id', '=', accountId)
        .where('document_id', 'in', ids)
        .execute();
      for (const row of rows) stored.add(JSON.stringify([accountId, row.document_id]));
    }
  const outcomes: RecordDocumentOutcome[] = [];
  const rows: ReturnType<typeof documentRow>[] = [];
  for (const document of documents) {
    const key = JSON.stringify([document.accountId, document.id]);
    outcomes.push(stored.has(key) ? 'already-recorded' : 'recorded');
    if (stored.has(key)) continue;
    stored.add(key);
    rows.push(documentRow(document, receivedAt));
  }
  for (const chunk of chunksOf(rows)) await trx.insertInto('document').values(chunk).execute();
  return outcomes;
};

/** A document as stored (its snapshot column). */
export const snapshotToDocument = (snapshot: string): Result<OgustineDocument, StoreError> =>
  fromJson<OgustineDocument>(snapshot, 'document');
const toDocument = snapshotToDocument;
