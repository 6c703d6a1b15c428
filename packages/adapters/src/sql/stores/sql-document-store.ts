import {
  parseDocument,
  toDocumentWire,
  type AccountId,
  type DocumentId,
  type DocumentStore,
  type OgustineDocument,
  type RecordDocumentOutcome,
  type StoreError,
} from '@ogustine-qbo/domain';
import { Result, err, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { isUniqueViolation, storeCall } from '../sql-errors.js';

/**
 * Documents in the `document` table: the snapshot in its wire form (what Ogustine sent, decimals as
 * text so they keep their scale), plus the columns pages and totals are computed on. Each method is
 * one statement; the unique key (account, document id) makes a second `record` a no-op.
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
            issued_on: document.issuedOn,
            validated_at: document.validatedAt,
            gross_cents: document.totals.gross,
            received_at: receivedAt,
            snapshot: toJson(toDocumentWire(document)),
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

  list(accountId: AccountId): ResultAsync<readonly OgustineDocument[], StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('document').select('snapshot').where('account_id', '=', accountId).orderBy('seq').execute(),
    ).andThen((rows) => Result.combine(rows.map((row) => toDocument(row.snapshot))));
  }
}

const toDocument = (snapshot: string): Result<OgustineDocument, StoreError> =>
  fromJson<unknown>(snapshot, 'document').andThen((wire) =>
    parseDocument(wire).orElse(() =>
      err<OgustineDocument, StoreError>({ kind: 'store.unavailable', detail: 'stored document unreadable' }),
    ),
  );
