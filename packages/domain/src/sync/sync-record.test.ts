import { describe, expect, it } from 'vitest';
import { isIn, newSyncRecord, transactionOf, type PostedTransaction, type SyncRecord } from './sync-record.js';

const fresh = newSyncRecord({ accountId: 'A1', documentId: 'D1', realmId: 'R1', type: 'CreditMemo', docNumber: 'OGUSTINE_2024-01-16' });
const posted: PostedTransaction = { type: 'CreditMemo', qboId: '7', docNumber: 'OGUSTINE_2024-01-16', totalAmount: 5000 };

describe('sync records', () => {
  it('start pending, at generation 0 and version 0, with the document’s fields', () => {
    expect(fresh).toEqual({
      accountId: 'A1',
      documentId: 'D1',
      realmId: 'R1',
      type: 'CreditMemo',
      docNumber: 'OGUSTINE_2024-01-16',
      state: { kind: 'pending' },
      generation: 0,
      version: 0,
    });
  });

  it('narrow to the state kinds given', () => {
    expect(isIn(fresh, 'pending')).toBe(true);
    expect(isIn(fresh, 'intent', 'uncertain')).toBe(false);
    expect(isIn(fresh, 'sent', 'pending')).toBe(true);
    expect(isIn(fresh)).toBe(false);
  });

  it('give the QBO transaction only when the document is in QBO, with or without its PDF', () => {
    const at = 1;
    const states: SyncRecord['state'][] = [
      { kind: 'pending' },
      { kind: 'intent', requestId: 'r', generation: 1, at },
      { kind: 'uncertain', requestId: 'r', generation: 1, at },
    ];
    for (const state of states) expect(transactionOf({ ...fresh, state })).toBeNull();
    expect(transactionOf({ ...fresh, state: { kind: 'sent', transaction: posted, at } })).toBe(posted);
    expect(transactionOf({ ...fresh, state: { kind: 'attached', transaction: posted, at } })).toBe(posted);
  });
});
