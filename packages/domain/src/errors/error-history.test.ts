import { describe, expect, it } from 'vitest';
import { decimal } from '../shared/decimal.js';
import {
  emptyErrorHistory,
  entriesFor,
  errorHistoryOf,
  groupByCause,
  historyView,
  markRetrying,
  openErrors,
  recordFailure,
  resolvedGroups,
  resolveDocument,
  retryFailed,
  type ErrorHistory,
  type FailureToRecord,
} from './error-history.js';
import type { SyncFailureCause } from './sync-failure-cause.js';

const TAX_55: SyncFailureCause = { kind: 'cause.tax-code-missing', rate: decimal(55, 1) };
const DISCOUNTS: SyncFailureCause = { kind: 'cause.discounts-disabled', qboCode: '6000' };

const failure = (over: Partial<FailureToRecord> & Pick<FailureToRecord, 'id' | 'documentId'>): FailureToRecord => ({
  accountId: 'acct-A',
  documentKind: 'invoice',
  occurredAt: 1_000,
  cause: TAX_55,
  ...over,
});

const record = (history: ErrorHistory, over: Partial<FailureToRecord> & Pick<FailureToRecord, 'id' | 'documentId'>): ErrorHistory =>
  recordFailure(history, failure(over))._unsafeUnwrap();

describe('error lifecycle', () => {
  it('records one open record per failed attempt, counting attempts per document; earlier ones stay open', () => {
    let h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1', occurredAt: 1_000 });
    h = record(h, { id: 'e2', documentId: 'd2', occurredAt: 2_000 });
    h = record(h, { id: 'e3', documentId: 'd1', occurredAt: 3_000, cause: DISCOUNTS });
    expect(entriesFor(h, 'd1').map((r) => [r.id, r.attempt, r.state])).toEqual([
      ['e1', 1, 'open'],
      ['e3', 2, 'open'],
    ]);
    expect(entriesFor(h, 'd1')[0]?.history).toEqual([{ state: 'open', at: 1_000 }]);
  });

  it('a retry that fails: open → retrying → open, plus a new record for the failed retry', () => {
    let h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1', occurredAt: 1_000 });
    h = markRetrying(h, ['d1'], 2_000)._unsafeUnwrap();
    expect(entriesFor(h, 'd1')[0]?.state).toBe('retrying');
    h = retryFailed(h, 'd1', 3_000)._unsafeUnwrap();
    h = record(h, { id: 'e2', documentId: 'd1', occurredAt: 3_000 });
    const [first, second] = entriesFor(h, 'd1');
    expect(first?.history).toEqual([
      { state: 'open', at: 1_000 },
      { state: 'retrying', at: 2_000 },
      { state: 'open', at: 3_000 },
    ]);
    expect(second).toMatchObject({ attempt: 2, state: 'open' });
  });

  it('a success resolves every open or retrying record of the document, which stay listed, greyed', () => {
    let h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1', occurredAt: 1_000 });
    h = record(h, { id: 'e2', documentId: 'd1', occurredAt: 2_000 });
    h = markRetrying(h, ['d1'], 3_000)._unsafeUnwrap();
    h = resolveDocument(h, 'd1', 4_000);
    expect(entriesFor(h, 'd1').map((r) => [r.state, r.resolvedAt])).toEqual([
      ['resolved', 4_000],
      ['resolved', 4_000],
    ]);
    expect(openErrors(h, 'acct-A')).toEqual([]);
    expect(historyView(h, 'acct-A').map((v) => [v.record.id, v.greyed, v.canResync])).toEqual([
      ['e2', true, false],
      ['e1', true, false],
    ]);
  });

  it('resolving a document without unresolved errors changes nothing (replayed successes are harmless)', () => {
    const h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1' });
    expect(resolveDocument(h, 'd2', 5_000)).toBe(h);
    const resolved = resolveDocument(h, 'd1', 5_000);
    expect(resolveDocument(resolved, 'd1', 6_000)).toBe(resolved);
  });

  it('invalid transitions are errors and change nothing', () => {
    const h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1' });
    expect(markRetrying(h, ['nope'], 2_000)._unsafeUnwrapErr()).toEqual({ kind: 'error-history.unknown-record', documentId: 'nope' });
    expect(retryFailed(h, 'nope', 2_000)._unsafeUnwrapErr().kind).toBe('error-history.unknown-record');
    expect(retryFailed(h, 'd1', 2_000)._unsafeUnwrapErr()).toEqual({
      kind: 'error-history.invalid-transition',
      documentId: 'd1',
      to: 'open',
      from: ['open'],
    });
    const retrying = markRetrying(h, ['d1'], 2_000)._unsafeUnwrap();
    expect(markRetrying(retrying, ['d1'], 3_000)._unsafeUnwrapErr()).toEqual({
      kind: 'error-history.invalid-transition',
      documentId: 'd1',
      to: 'retrying',
      from: ['retrying'],
    });
    const resolved = resolveDocument(h, 'd1', 2_000);
    expect(markRetrying(resolved, ['d1'], 3_000)._unsafeUnwrapErr().kind).toBe('error-history.invalid-transition');
  });

  it('markRetrying is all or nothing across documents', () => {
    let h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1' });
    h = record(h, { id: 'e2', documentId: 'd2' });
    h = resolveDocument(h, 'd2', 2_000);
    expect(markRetrying(h, ['d1', 'd2'], 3_000).isErr()).toBe(true);
    expect(entriesFor(h, 'd1')[0]?.state).toBe('open');
  });

  it('rejects a reused record id and a document recorded under another account', () => {
    const h = record(emptyErrorHistory, { id: 'e1', documentId: 'd1' });
    expect(recordFailure(h, failure({ id: 'e1', documentId: 'd2' }))._unsafeUnwrapErr()).toEqual({
      kind: 'error-history.duplicate-id',
      id: 'e1',
    });
    expect(recordFailure(h, failure({ id: 'e2', documentId: 'd1', accountId: 'acct-B' }))._unsafeUnwrapErr()).toEqual({
      kind: 'error-history.account-mismatch',
      documentId: 'd1',
      accountId: 'acct-B',
    });
  });

  it('rebuilds from stored records, refusing duplicates', () => {
    const h = record(record(emptyErrorHistory, { id: 'e1', documentId: 'd1' }), { id: 'e2', documentId: 'd2' });
    const records = [...h.records.values()];
    expect(errorHistoryOf(records)._unsafeUnwrap()).toEqual(h);
    expect(errorHistoryOf([...records, records[0]!])._unsafeUnwrapErr().kind).toBe('error-history.duplicate-id');
  });
});

describe('queries', () => {
  const build = (): ErrorHistory => {
    let h = emptyErrorHistory;
    for (let i = 1; i <= 12; i += 1) h = record(h, { id: `tax-${i}`, documentId: `inv-${i}`, occurredAt: 1_000 + i });
    h = record(h, { id: 'disc-1', documentId: 'inv-20', occurredAt: 2_000, cause: DISCOUNTS });
    h = record(h, { id: 'disc-2', documentId: 'cn-21', documentKind: 'credit_note', occurredAt: 2_001, cause: DISCOUNTS });
    h = record(h, { id: 'other-account', documentId: 'inv-99', accountId: 'acct-B', occurredAt: 2_002 });
    return h;
  };

  it('groups open errors by cause, largest first, with a plain label', () => {
    const groups = groupByCause(build(), 'acct-A');
    expect(groups.map((g) => [g.key, g.count, g.state])).toEqual([
      ['tax-code-missing:5.5', 12, 'open'],
      ['discounts-disabled', 2, 'open'],
    ]);
    expect(groups[0]?.label).toEqual({
      fr: '12 factures bloquées : taux de TVA 5,5 % sans code de taxe',
      en: '12 invoices blocked: VAT rate 5.5% has no tax code',
    });
    expect(groups[1]?.label.fr).toBe('2 documents bloqués : prise en charge des rabais non activée dans QuickBooks');
  });

  it('agrees the label in number and gender', () => {
    let h = record(emptyErrorHistory, { id: 'a', documentId: 'inv-1' });
    h = record(h, { id: 'b', documentId: 'cn-1', documentKind: 'credit_note', cause: DISCOUNTS });
    h = record(h, { id: 'c', documentId: 'cn-2', documentKind: 'credit_note', cause: DISCOUNTS });
    const labels = groupByCause(h, 'acct-A').map((g) => g.label.fr);
    expect(labels).toEqual([
      '2 avoirs bloqués : prise en charge des rabais non activée dans QuickBooks',
      '1 facture bloquée : taux de TVA 5,5 % sans code de taxe',
    ]);
  });

  it('counts each document once, under the cause of its latest unresolved attempt', () => {
    let h = record(emptyErrorHistory, { id: 'a', documentId: 'inv-1', occurredAt: 1, cause: DISCOUNTS });
    h = record(h, { id: 'b', documentId: 'inv-1', occurredAt: 2 });
    h = record(h, { id: 'c', documentId: 'inv-2', occurredAt: 3 });
    expect(groupByCause(h, 'acct-A').map((g) => [g.key, g.documentIds])).toEqual([['tax-code-missing:5.5', ['inv-2', 'inv-1']]]);
  });

  it('a group being retried as a whole says so; resolved ones are listed apart', () => {
    let h = build();
    h = markRetrying(h, ['inv-20', 'cn-21'], 3_000)._unsafeUnwrap();
    h = resolveDocument(h, 'inv-1', 3_000);
    h = resolveDocument(h, 'inv-2', 3_000);
    const groups = groupByCause(h, 'acct-A');
    expect(groups.map((g) => [g.key, g.count, g.state])).toEqual([
      ['tax-code-missing:5.5', 10, 'open'],
      ['discounts-disabled', 2, 'retrying'],
    ]);
    expect(groups[1]?.label.fr).toBe('2 documents en cours de renvoi : prise en charge des rabais non activée dans QuickBooks');
    const resolved = resolvedGroups(h, 'acct-A');
    expect(resolved.map((g) => [g.key, g.count, g.state, g.label.fr])).toEqual([
      ['tax-code-missing:5.5', 2, 'resolved', '2 factures résolues : taux de TVA 5,5 % sans code de taxe'],
    ]);
  });

  it('openErrors and historyView show one account only, newest first', () => {
    const h = resolveDocument(build(), 'inv-12', 5_000);
    expect(
      openErrors(h, 'acct-A')
        .map((r) => r.id)
        .slice(0, 3),
    ).toEqual(['disc-2', 'disc-1', 'tax-11']);
    expect(openErrors(h, 'acct-B').map((r) => r.id)).toEqual(['other-account']);
    const view = historyView(h, 'acct-A');
    expect(view).toHaveLength(14);
    expect(view.find((v) => v.record.id === 'tax-12')).toMatchObject({ greyed: true, canResync: false });
    expect(view[0]).toMatchObject({ greyed: false, canResync: true });
    expect(view[0]?.explanation.message.fr).toBe('La prise en charge des rabais n’est pas activée dans QuickBooks.');
  });
});
