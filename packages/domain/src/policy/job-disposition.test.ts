import { err, ok } from 'neverthrow';
import { describe, expect, test } from 'vitest';
import type { PostedTransaction } from '../sync/sync-record.js';
import { jobDisposition, STORE_RETRY_DELAY_MS } from './job-disposition.js';

const NOW = 5_000_000;
const transaction: PostedTransaction = { type: 'Invoice', qboId: '1', docNumber: 'OGUSTINE_2024-01-15', totalAmount: 1000 };

describe('job disposition', () => {
  test('an outcome without a retry time completes the job', () => {
    expect(jobDisposition(ok({ kind: 'synced', transaction, totalMismatch: false }), NOW)).toEqual({ kind: 'complete' });
    expect(jobDisposition(ok({ kind: 'held', reason: { kind: 'hold.not-connected' } }), NOW)).toEqual({ kind: 'complete' });
    expect(jobDisposition(ok({ kind: 'refused', reason: { kind: 'refusal.already-in-quickbooks' } }), NOW)).toEqual({ kind: 'complete' });
    expect(jobDisposition(ok({ kind: 'failed', cause: { kind: 'cause.stale-object' } }), NOW)).toEqual({ kind: 'complete' });
  });

  test('a postponed or failed outcome with a retry time is handed out again then', () => {
    expect(jobDisposition(ok({ kind: 'postponed', why: 'throttled', retryAt: NOW + 60_000 }), NOW)).toEqual({
      kind: 'retry-at',
      at: NOW + 60_000,
    });
    expect(jobDisposition(ok({ kind: 'failed', cause: { kind: 'cause.outcome-unknown' }, retryAt: NOW + 7 }), NOW)).toEqual({
      kind: 'retry-at',
      at: NOW + 7,
    });
  });

  test('an unknown document is dead-lettered; a store failure is retried shortly', () => {
    expect(jobDisposition(err({ kind: 'sync.document-unknown', documentId: 'D1' }), NOW)).toEqual({
      kind: 'dead-letter',
      reason: 'sync.document-unknown',
    });
    expect(jobDisposition(err({ kind: 'store.unavailable', detail: 'down' }), NOW)).toEqual({
      kind: 'retry-at',
      at: NOW + STORE_RETRY_DELAY_MS,
    });
    expect(STORE_RETRY_DELAY_MS).toBe(1_000);
  });
});
