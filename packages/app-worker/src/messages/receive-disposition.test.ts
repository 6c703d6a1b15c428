import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { notJson, receiveDisposition } from './receive-disposition.js';

describe('receiveDisposition', () => {
  it('acknowledges every outcome of a recorded document, and a message handled before', () => {
    for (const outcome of [
      { kind: 'duplicate-message' },
      { kind: 'queued', documentId: 'D1' },
      { kind: 'already-in-quickbooks', documentId: 'D1' },
      { kind: 'not-queued', documentId: 'D1', decision: { kind: 'hold', reason: { kind: 'hold.not-connected' } } },
    ] as const)
      expect(receiveDisposition(ok(outcome))).toEqual({ kind: 'ack' });
  });

  it('dead-letters an invalid document with its issues put under document', () => {
    const issues = [
      { path: 'lines[0].vatRate', code: 'range', message: 'too high' },
      { path: '', code: 'type', message: 'not an object' },
    ] as const;
    expect(receiveDisposition(err({ kind: 'receive.invalid-document', issues, reason: 'x' }))).toEqual({
      kind: 'dead-letter',
      reason: 'invalid event: document.lines[0].vatRate (range): too high; document (type): not an object',
      issues: [
        { path: 'document.lines[0].vatRate', code: 'range', message: 'too high' },
        { path: 'document', code: 'type', message: 'not an object' },
      ],
    });
  });

  it('retries when a store or the queue did not answer', () => {
    expect(receiveDisposition(err({ kind: 'store.unavailable', detail: 'down' }))).toEqual({
      kind: 'retry',
      reason: 'store.unavailable: down',
    });
    expect(receiveDisposition(err({ kind: 'store.conflict', detail: 'raced' }))).toEqual({
      kind: 'retry',
      reason: 'store.conflict: raced',
    });
    expect(receiveDisposition(err({ kind: 'queue.unavailable', detail: 'gone' }))).toEqual({
      kind: 'retry',
      reason: 'queue.unavailable: gone',
    });
  });

  it('dead-letters what a retry would only repeat: the error history refusing', () => {
    expect(receiveDisposition(err({ kind: 'error-history.unknown-record', documentId: 'D1' }))).toEqual({
      kind: 'dead-letter',
      reason: 'error-history.unknown-record for document D1',
    });
    expect(
      receiveDisposition(err({ kind: 'error-history.invalid-transition', documentId: 'D2', to: 'resolved', from: ['resolved'] })),
    ).toEqual({ kind: 'dead-letter', reason: 'error-history.invalid-transition for document D2' });
    expect(receiveDisposition(err({ kind: 'error-history.account-mismatch', documentId: 'D3', accountId: 'A2' }))).toEqual({
      kind: 'dead-letter',
      reason: 'error-history.account-mismatch for document D3',
    });
    expect(receiveDisposition(err({ kind: 'error-history.duplicate-id', id: 'E1' }))).toEqual({
      kind: 'dead-letter',
      reason: 'error-history.duplicate-id: E1',
    });
  });

  it('names a body that is not JSON', () => {
    expect(notJson('Unexpected end')).toEqual({
      kind: 'dead-letter',
      reason: 'invalid event: the body is not UTF-8 JSON (Unexpected end)',
    });
  });
});
