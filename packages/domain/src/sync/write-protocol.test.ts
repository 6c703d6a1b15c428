import { describe, expect, it } from 'vitest';
import { err, ok } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import { isIn, newSyncRecord, type PostedTransaction } from './sync-record.js';
import {
  afterLookUp,
  afterPost,
  declareIntent,
  IN_FLIGHT_WINDOW_MS,
  lookUpFailed,
  nextSettleStep,
  nextWriteStep,
  settlementFor,
  pdfAttached,
  postFailureEffect,
} from './write-protocol.js';

const fresh = newSyncRecord({
  accountId: 'acc-1',
  documentId: 'doc-1',
  realmId: 'realm-1',
  type: 'Invoice',
  docNumber: 'OGUSTINE_2024-01-15',
});
const posted: PostedTransaction = { type: 'Invoice', qboId: '42', docNumber: 'OGUSTINE_2024-01-15', totalAmount: 12000 };
/** Long after any post could still be in flight. */
const LATER = 10 + IN_FLIGHT_WINDOW_MS * 10;
const fault = (status: number, code: string): QboFailure => ({
  kind: 'qbo.fault',
  status,
  faultType: 'ValidationFault',
  errors: [{ code, message: 'm', detail: 'd' }],
});

describe('the no-duplicate write protocol', () => {
  it('starts a fresh document by declaring an intent with a first generation', () => {
    expect(nextWriteStep(fresh, 10)).toEqual({ kind: 'declare-intent', record: fresh });
    const intent = declareIntent(fresh, 'rid-1', 10);
    expect(intent.state).toEqual({ kind: 'intent', requestId: 'rid-1', generation: 1, at: 10 });
    expect(intent.generation).toBe(1);
  });

  it('looks the document up before anything else when an intent was left behind (crash between intent and send)', () => {
    const intent = declareIntent(fresh, 'rid-1', 10);
    expect(nextWriteStep(intent, LATER)).toEqual({
      kind: 'look-up',
      record: intent,
      type: 'Invoice',
      docNumber: 'OGUSTINE_2024-01-15',
    });
  });

  it('waits while an intent may still be posting elsewhere, and looks up from the end of the in-flight window on', () => {
    const intent = declareIntent(fresh, 'rid-1', 10);
    const until = 10 + IN_FLIGHT_WINDOW_MS;
    expect(nextWriteStep(intent, 10)).toEqual({ kind: 'wait', until });
    expect(nextWriteStep(intent, until - 1)).toEqual({ kind: 'wait', until });
    expect(nextWriteStep(intent, until)).toEqual({ kind: 'look-up', record: intent, type: 'Invoice', docNumber: 'OGUSTINE_2024-01-15' });
  });

  it('waits out the window after a lost answer too, from when it was lost: QBO may still be running the request', () => {
    const uncertain = afterPost(declareIntent(fresh, 'rid-1', 10), err({ kind: 'qbo.timeout' }), 50);
    expect(nextWriteStep(uncertain, 50 + IN_FLIGHT_WINDOW_MS - 1)).toEqual({ kind: 'wait', until: 50 + IN_FLIGHT_WINDOW_MS });
    expect(nextWriteStep(uncertain, 50 + IN_FLIGHT_WINDOW_MS).kind).toBe('look-up');
  });

  it('does not restart the window when a look-up could not answer', () => {
    const failedLookUp = lookUpFailed(declareIntent(fresh, 'rid-1', 10));
    expect(failedLookUp.state).toEqual({ kind: 'uncertain', requestId: 'rid-1', generation: 1, at: 10 });
    expect(nextWriteStep(failedLookUp, 10 + IN_FLIGHT_WINDOW_MS).kind).toBe('look-up');
  });

  it('becomes uncertain, never failed, when the answer of a post is lost', () => {
    const after = afterPost(declareIntent(fresh, 'rid-1', 10), err({ kind: 'qbo.timeout' }), 11);
    expect(after.state).toEqual({ kind: 'uncertain', requestId: 'rid-1', generation: 1, at: 11 });
    expect(nextWriteStep(after, LATER).kind).toBe('look-up');
  });

  it('adopts what the look-up finds and then only attaches the PDF', () => {
    const uncertain = lookUpFailed(declareIntent(fresh, 'rid-1', 10));
    const adopted = afterLookUp(uncertain, posted, 12);
    expect(nextWriteStep(adopted, 12)).toEqual({ kind: 'attach-pdf', record: adopted, transaction: posted });
    if (!isIn(adopted, 'sent')) throw new Error('the adopted record should be sent');
    const attached = pdfAttached(adopted, 13);
    expect(nextWriteStep(attached, 13)).toEqual({ kind: 'done', record: attached, transaction: posted });
  });

  it("a credit note's application: waits out the in-flight window after its intent, and a used credit is never applied again", () => {
    expect(nextSettleStep(undefined, 0)).toEqual({ kind: 'settle' });
    const intent = { kind: 'intent' as const, requestId: 'r', at: 100 };
    expect(nextSettleStep(intent, 100 + IN_FLIGHT_WINDOW_MS - 1)).toEqual({ kind: 'wait', until: 100 + IN_FLIGHT_WINDOW_MS });
    expect(nextSettleStep(intent, 100 + IN_FLIGHT_WINDOW_MS)).toEqual({ kind: 'settle' });
    const result = { kind: 'invoice-paid' as const, credit: 5 };
    expect(nextSettleStep({ kind: 'settled', result }, 0)).toEqual({ kind: 'settled', result });
    expect(settlementFor({ creditTotal: 30, remainingCredit: 30, invoiceBalance: 100 }, false)).toEqual({ kind: 'apply', amount: 30 });
    expect(settlementFor({ creditTotal: 30, remainingCredit: 30, invoiceBalance: 20 }, false)).toEqual({ kind: 'apply', amount: 20 });
    expect(settlementFor({ creditTotal: 30, remainingCredit: 30, invoiceBalance: 0 }, false)).toEqual({ kind: 'invoice-paid', credit: 30 });
    expect(settlementFor({ creditTotal: 30, remainingCredit: 10, invoiceBalance: 80 }, true)).toEqual({
      kind: 'applied',
      amount: 20,
      rest: 10,
    });
    expect(settlementFor({ creditTotal: 30, remainingCredit: 10, invoiceBalance: 80 }, false)).toEqual({ kind: 'applied-elsewhere' });
  });

  it('mints a new requestid only after a look-up proved the document absent', () => {
    const absent = afterLookUp(lookUpFailed(declareIntent(fresh, 'rid-1', 10)), null, 12);
    expect(absent.state.kind).toBe('pending');
    expect(nextWriteStep(absent, 12)).toEqual({ kind: 'declare-intent', record: absent });
    if (!isIn(absent, 'pending')) throw new Error('the record should be pending');
    expect(declareIntent(absent, 'rid-2', 13).state).toMatchObject({ requestId: 'rid-2', generation: 2 });
  });

  it('goes back to pending when QBO refused the post, and to sent when it accepted it', () => {
    const intent = declareIntent(fresh, 'rid-1', 10);
    expect(afterPost(intent, err(fault(400, '6000')), 11).state).toEqual({ kind: 'pending' });
    expect(afterPost(intent, ok(posted), 11).state).toEqual({ kind: 'sent', transaction: posted, at: 11 });
  });

  it('treats only answers that prove QBO did nothing as not written', () => {
    expect(postFailureEffect({ kind: 'qbo.throttled' })).toBe('not-written');
    expect(postFailureEffect({ kind: 'qbo.unauthorized' })).toBe('not-written');
    expect(postFailureEffect(fault(400, '6070'))).toBe('not-written');
    expect(postFailureEffect(fault(400, '6140'))).toBe('outcome-unknown');
    expect(postFailureEffect(fault(500, '10000'))).toBe('outcome-unknown');
    expect(postFailureEffect({ kind: 'qbo.unavailable', status: 503 })).toBe('outcome-unknown');
    expect(postFailureEffect({ kind: 'qbo.network' })).toBe('outcome-unknown');
  });
});
