import { aDocument } from '@ogustine-qbo/domain/testing';
import { describe, expect, it } from 'vitest';
import { countRows } from '../testing/rows-touched.js';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlDocumentStore } from './sql-document-store.js';

// An invoice's credit notes are read each time an invoice lands in QBO (to queue them after it):
// with an account's whole history not in QBO yet (an initial sync), that read must not walk it.
// Counted by MariaDB's handlers, so a plan that walks the account shows here, not as a slow test.

const DOCUMENTS = 2_000;

describe.skipIf(!engines.includes('mysql'))('documents on mysql: an invoice’s credit notes among 2,000 documents not in QBO', () => {
  const database = useMigratedDatabase('mysql');

  it('reads the credit notes of one invoice, not the account', async () => {
    await database
      .current()
      .db.transaction()
      .execute(async (trx) => {
        const inTrx = new SqlDocumentStore({ ...database.current(), db: trx });
        for (let n = 0; n < DOCUMENTS; n += 1) {
          const doc = aDocument({ id: `D${n}`, number: `N-${String(n).padStart(5, '0')}`, createdAt: 1_000 + n });
          (await inTrx.record(doc, 2_000 + n))._unsafeUnwrap();
        }
        const note = aDocument({ id: 'CN', number: 'N-CN', kind: 'credit_note', correctsInvoiceId: 'D7', createdAt: 5_000 });
        (await inTrx.record(note, 6_000))._unsafeUnwrap();
      });
    await database
      .current()
      .db.connection()
      .execute(async (connection) => {
        const onConnection = new SqlDocumentStore({ ...database.current(), db: connection });
        const { value, rows } = await countRows(connection, async () =>
          (await onConnection.page('A1', { correctsInvoiceId: 'D7', inQuickBooks: false }))._unsafeUnwrap(),
        );
        expect(value.items.map((d) => d.id)).toEqual(['CN']);
        expect(rows).toBeLessThan(20);
      });
  });
});
