import { describe, expect, it } from 'vitest';
import { err, ok } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import { isIn, newSyncRecord, type PostedTransaction } from './sync-record.js';
import {
  afterLookUp,
  afterPost,
  declareIntent,
  IN_FLIGHT_WINDOW_MS,
  deletedInQuickBooks,
  firstSettlement,
  FRESH_CREDIT_MS,
  inAnotherCompany,
  lookUpFailed,
  nextSettleStep,
  nextWriteStep,
  notProvenOurs,
  settlementFor,
  pdfAttached,
  pdfLeftOut,
  postFailureEffect,
  uploadTried,
  withSettlement,
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

  it('counts a 5xx fault and a duplicate requestid (600) as an unknown outcome, a 4xx validation fault as not written', () => {
    expect(postFailureEffect(fault(499, '6000'))).toBe('not-written');
    expect(postFailureEffect(fault(500, '6000'))).toBe('outcome-unknown');
    expect(postFailureEffect(fault(400, '600'))).toBe('outcome-unknown');
    const both: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [
        { code: '6000', message: 'm', detail: 'd' },
        { code: '600', message: 'Duplicate Request ID', detail: 'd' },
      ],
    };
    expect(postFailureEffect(both)).toBe('outcome-unknown');
    expect(postFailureEffect({ kind: 'qbo.timeout' })).toBe('outcome-unknown');
  });

  it('keeps the requestid, generation and time of the intent when the answer of a post is lost', () => {
    const intent = declareIntent({ ...fresh, generation: 2 }, 'rid-3', 10);
    expect(intent.state).toEqual({ kind: 'intent', requestId: 'rid-3', generation: 3, at: 10 });
    expect(afterPost(intent, err({ kind: 'qbo.timeout' }), 25)).toEqual({
      ...intent,
      state: { kind: 'uncertain', requestId: 'rid-3', generation: 3, at: 25 },
    });
  });

  it('steps: a sent record attaches its PDF, an attached one is done', () => {
    const sent = afterLookUp(declareIntent(fresh, 'rid-1', 10), posted, 20);
    expect(nextWriteStep(sent, LATER)).toEqual({ kind: 'attach-pdf', record: sent, transaction: posted });
    if (!isIn(sent, 'sent')) throw new Error('expected sent');
    const attached = pdfAttached(sent, 30);
    expect(attached.state).toEqual({ kind: 'attached', transaction: posted, at: 30 });
    expect(nextWriteStep(attached, LATER)).toEqual({ kind: 'done', record: attached, transaction: posted });
  });

  it('a credit memo just attached is first applied unread, the smaller total; a later or second try reads the balances', () => {
    const creditMemo: PostedTransaction = { type: 'CreditMemo', qboId: '50', docNumber: 'OGUSTINE_2024-01-16-A', totalAmount: 3000 };
    const sent = afterLookUp(declareIntent({ ...fresh, type: 'CreditMemo' }, 'rid-1', 10), creditMemo, 20);
    if (!isIn(sent, 'sent')) throw new Error('expected sent');
    const attached = pdfAttached(sent, 30);
    expect(firstSettlement(attached, posted, 30)).toEqual({ amount: 3000, rest: 0 });
    expect(firstSettlement(attached, { ...posted, totalAmount: 1000 }, 30)).toEqual({ amount: 1000, rest: 2000 });
    expect(firstSettlement(attached, posted, 30 + FRESH_CREDIT_MS + 1)).toBeUndefined();
    expect(firstSettlement(withSettlement(attached, { kind: 'intent', requestId: 'p-1', at: 31 }), posted, 32)).toBeUndefined();
    expect(firstSettlement(attached, { ...posted, totalAmount: 0 }, 30)).toBeUndefined();
  });

  it('a credit memo is fresh for exactly FRESH_CREDIT_MS after it was attached, at any instant of the calendar', () => {
    const creditMemo: PostedTransaction = { type: 'CreditMemo', qboId: '50', docNumber: 'OGUSTINE_2024-01-16-A', totalAmount: 3000 };
    const at = Date.UTC(2024, 0, 16, 9);
    const sent = afterLookUp(declareIntent({ ...fresh, type: 'CreditMemo' }, 'rid-1', at - 20), creditMemo, at - 10);
    if (!isIn(sent, 'sent')) throw new Error('expected sent');
    const attached = pdfAttached(sent, at);
    expect(firstSettlement(attached, posted, at + FRESH_CREDIT_MS)).toEqual({ amount: 3000, rest: 0 });
    expect(firstSettlement(attached, posted, at + FRESH_CREDIT_MS + 1)).toBeUndefined();
    // A settlement taken back leaves no trace of one on the record.
    const settled = withSettlement(attached, { kind: 'intent', requestId: 'p-1', at: at + 1 });
    expect(Object.keys(withSettlement(settled, undefined).state)).not.toContain('settlement');
  });

  it('notes an upload about to be sent, and a PDF left out by the account, keeping the transaction', () => {
    const sent = afterLookUp(declareIntent(fresh, 'rid-1', 10), posted, 20);
    if (!isIn(sent, 'sent')) throw new Error('expected sent');
    expect(uploadTried(sent)).toEqual({ ...sent, state: { kind: 'sent', transaction: posted, at: 20, uploadTried: true } });
    const leftOut = pdfLeftOut(sent, 30);
    expect(leftOut).toEqual({ ...sent, state: { kind: 'attached', transaction: posted, at: 30, withoutPdf: true } });
    expect(nextWriteStep(leftOut, LATER)).toEqual({ kind: 'done', record: leftOut, transaction: posted });
  });

  it('a record of another company becomes uncertain in the one connected: looked up at once, its generation kept', () => {
    const sent = afterLookUp(declareIntent(fresh, 'rid-1', 10), posted, 20);
    const moved = inAnotherCompany(sent, 'realm-2');
    expect(moved).toEqual({ ...sent, realmId: 'realm-2', state: { kind: 'uncertain', requestId: '', generation: 1, at: 0 } });
    expect(nextWriteStep(moved, Date.UTC(2024, 0, 16))).toMatchObject({
      kind: 'look-up',
      type: 'Invoice',
      docNumber: 'OGUSTINE_2024-01-15',
    });
  });

  it('adopts only the transaction fields a post keeps, and goes back to pending when not proven ours or deleted in QBO', () => {
    const intent = declareIntent(fresh, 'rid-1', 10);
    const found = { ...posted, privateNote: 'Ogustine:doc-1', customerRef: '3' } as PostedTransaction;
    const adopted = afterLookUp(intent, found, 20);
    expect(adopted.state).toEqual({ kind: 'sent', transaction: posted, at: 20 });
    expect(notProvenOurs(intent)).toEqual({ ...intent, state: { kind: 'pending' } });
    if (!isIn(adopted, 'sent')) throw new Error('expected sent');
    expect(deletedInQuickBooks(adopted)).toEqual({ ...adopted, state: { kind: 'pending' } });
    expect(deletedInQuickBooks(pdfAttached(adopted, 30)).generation).toBe(1);
  });

  it('waits exactly until the in-flight window ends', () => {
    const intent = declareIntent(fresh, 'rid-1', 10);
    expect(nextWriteStep(intent, 10 + IN_FLIGHT_WINDOW_MS - 1)).toEqual({ kind: 'wait', until: 10 + IN_FLIGHT_WINDOW_MS });
    expect(nextWriteStep(intent, 10 + IN_FLIGHT_WINDOW_MS)).toEqual({
      kind: 'look-up',
      record: intent,
      type: 'Invoice',
      docNumber: 'OGUSTINE_2024-01-15',
    });
    expect(lookUpFailed(intent)).toEqual({ ...intent, state: { kind: 'uncertain', requestId: 'rid-1', generation: 1, at: 10 } });
  });
});
