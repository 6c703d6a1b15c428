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
import type { SelectQueryBuilder } from 'kysely';
import { Result, errAsync, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';
import type { Database } from '../schema.js';
import { selectWithIndex } from '../index-hint.js';
import { isUniqueViolation, storeCall } from '../sql-errors.js';

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
        await this.database.db
          .insertInto('document')
          .values({
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
          })
          .execute();
        return 'recorded';
      } catch (e) {
        if (isUniqueViolation(e)) return 'already-recorded';
        throw e;
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
        filter.inQuickBooks === undefined ? 'document_account_created' : 'document_account_qbo_created',
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

const toDocument = (snapshot: string): Result<OgustineDocument, StoreError> => fromJson<OgustineDocument>(snapshot, 'document');
