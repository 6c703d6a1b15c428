import { newSyncRecord, type ErrorRecord, type SyncFailureCause } from '@ogustine-qbo/domain';
import { aCustomer, aDocument } from '@ogustine-qbo/domain/testing';
import type { ResultAsync } from 'neverthrow';
import { SqlDocumentStore, SqlErrorHistoryStore, SqlSyncRecordStore, type SqlDatabase } from '@ogustine-qbo/adapters/sql';

// The bench's data, written through the stores themselves (a transaction per thousand rows, so
// filling 100,000 documents takes seconds, not minutes).

export const DAY = 86_400_000;
export const T0 = Date.UTC(2023, 0, 1);
const BATCH = 1_000;

const CAUSES: readonly SyncFailureCause[] = [
  { kind: 'cause.discounts-disabled', qboCode: '6000', qboDetail: 'Discounts are off' },
  { kind: 'cause.qbo-unavailable', reason: 'server-error', status: 503 },
];

export interface AccountShape {
  readonly accountId: string;
  readonly documents: number;
  readonly errors: number;
}

const unwrap = async <T, E>(result: ResultAsync<T, E>): Promise<T> => (await result)._unsafeUnwrap();

/** Documents 0…n-1 of the account, created every 5 minutes from T0; the first half are in QBO with a sync record. */
export const seedAccount = async (database: SqlDatabase, shape: AccountShape): Promise<void> => {
  for (let start = 0; start < shape.documents; start += BATCH) {
    await database.db.transaction().execute(async (trx) => {
      const inTrx = { ...database, db: trx };
      const documents = new SqlDocumentStore(inTrx);
      const records = new SqlSyncRecordStore(inTrx);
      for (let n = start; n < Math.min(shape.documents, start + BATCH); n += 1) {
        const id = `D${n}`;
        const doc = aDocument({
          id,
          accountId: shape.accountId,
          number: `${2023 + Math.floor(n / 50_000)}-${String(n).padStart(6, '0')}`,
          createdAt: T0 + n * 300_000,
          customer: aCustomer({ id: `C${n % 2_000}` }),
          ...(n % 10 === 9 ? { kind: 'credit_note' as const } : {}),
        });
        await unwrap(documents.record(doc, doc.createdAt + 1_000));
        if (n < shape.documents / 2) {
          await unwrap(
            records.save(
              newSyncRecord({
                accountId: shape.accountId,
                documentId: id,
                realmId: `realm-${shape.accountId}`,
                type: 'Invoice',
                docNumber: `OGUSTINE_${n}`,
              }),
            ),
          );
          await unwrap(documents.markInQuickBooks(shape.accountId, id, true));
        }
      }
    });
  }
  const errors = new SqlErrorHistoryStore(database);
  for (let start = 0; start < shape.errors; start += BATCH) {
    const batch: ErrorRecord[] = [];
    for (let e = start; e < Math.min(shape.errors, start + BATCH); e += 1) {
      const occurredAt = T0 + e * 600_000;
      batch.push({
        id: `E${e}`,
        accountId: shape.accountId,
        documentId: `D${(e * 7) % Math.max(1, shape.documents)}`,
        documentKind: 'invoice',
        attempt: 1,
        occurredAt,
        cause: CAUSES[e % CAUSES.length] as SyncFailureCause,
        state: e % 3 === 0 ? 'resolved' : 'open',
        ...(e % 3 === 0 ? { resolvedAt: occurredAt + 1 } : {}),
        history: [{ state: 'open', at: occurredAt }],
        version: 0,
      });
    }
    await unwrap(errors.put(batch));
  }
};
