import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { applyErrorHistoryOperation, errorHistoryOperationsArb, type ErrorHistoryOperation } from '../testing/arbitraries/error-history.js';
import {
  emptyErrorHistory,
  entriesFor,
  groupByCause,
  historyView,
  openErrors,
  resolveDocument,
  type ErrorHistory,
  type ErrorState,
} from './error-history.js';

const run = (operations: readonly ErrorHistoryOperation[]): ErrorHistory[] => {
  const states = [emptyErrorHistory];
  for (const operation of operations) {
    const before = states[states.length - 1] ?? emptyErrorHistory;
    states.push(applyErrorHistoryOperation(before, operation).unwrapOr(before));
  }
  return states;
};

const last = (states: readonly ErrorHistory[]): ErrorHistory => states[states.length - 1] ?? emptyErrorHistory;

const ALLOWED: Readonly<Record<ErrorState, readonly ErrorState[]>> = {
  open: ['retrying', 'resolved'],
  retrying: ['open', 'resolved'],
  resolved: [],
};

const sameEntry = (a: { state: ErrorState; at: number } | undefined, b: { state: ErrorState; at: number } | undefined): boolean =>
  a !== undefined && b !== undefined && a.state === b.state && a.at === b.at;

// Collects every violation, so each run stays cheap (one assertion at the end).
const deletions = (before: ErrorHistory, after: ErrorHistory): string[] => {
  const problems: string[] = [];
  if (after.records.size < before.records.size) problems.push('fewer records');
  for (const [id, old] of before.records) {
    const now = after.records.get(id);
    if (now === undefined) problems.push(`record ${id} deleted`);
    else {
      if (now.history.length < old.history.length || old.history.some((entry, k) => !sameEntry(entry, now.history[k])))
        problems.push(`history of ${id} rewritten`);
      if (now.cause !== old.cause || now.occurredAt !== old.occurredAt || now.attempt !== old.attempt || now.documentId !== old.documentId)
        problems.push(`record ${id} altered`);
    }
  }
  return problems;
};

test.prop([errorHistoryOperationsArb()])('error lifecycle transitions never delete history', (operations) => {
  const states = run(operations);
  const problems = states.slice(1).flatMap((after, i) => deletions(states[i] ?? emptyErrorHistory, after));
  expect(problems).toEqual([]);
});

test.prop([errorHistoryOperationsArb()])(
  'every record follows the lifecycle: open first, then only allowed moves, its state is its last entry',
  (operations) => {
    const problems: string[] = [];
    for (const record of last(run(operations)).records.values()) {
      if (!sameEntry(record.history[0], { state: 'open', at: record.occurredAt })) problems.push(`${record.id} does not start open`);
      for (let i = 1; i < record.history.length; i += 1) {
        const from = record.history[i - 1]?.state ?? 'resolved';
        const to = record.history[i]?.state ?? 'open';
        if (!ALLOWED[from].includes(to)) problems.push(`${record.id}: ${from} → ${to}`);
      }
      if (record.history[record.history.length - 1]?.state !== record.state) problems.push(`${record.id}: state is not its last entry`);
      if ((record.resolvedAt !== undefined) !== (record.state === 'resolved')) problems.push(`${record.id}: resolvedAt out of step`);
    }
    expect(problems).toEqual([]);
  },
);

test.prop([errorHistoryOperationsArb()])('attempts of a document are numbered 1, 2, 3… in the order they were recorded', (operations) => {
  const history = last(run(operations));
  for (const documentId of new Set([...history.records.values()].map((r) => r.documentId))) {
    expect(entriesFor(history, documentId).map((r) => r.attempt)).toEqual(entriesFor(history, documentId).map((_, i) => i + 1));
  }
});

test.prop([errorHistoryOperationsArb(), fc.constantFrom('doc-1', 'doc-2', 'doc-3', 'doc-4', 'doc-5'), fc.integer({ min: 0 })])(
  "a document's errors are all resolved after a success and stay listed, greyed",
  (operations, documentId, delay) => {
    const before = last(run(operations));
    const at = Math.max(0, ...[...before.records.values()].map((r) => r.occurredAt)) + delay;
    const after = resolveDocument(before, documentId, at);
    const entries = entriesFor(after, documentId);
    expect(entries.map((e) => e.id)).toEqual(entriesFor(before, documentId).map((e) => e.id));
    expect(after.records.size).toBe(before.records.size);
    expect(entries.every((e) => e.state === 'resolved')).toBe(true);
    const accountId = entries[0]?.accountId;
    if (accountId !== undefined) {
      const view = historyView(after, accountId).filter((v) => v.record.documentId === documentId);
      expect(view.map((v) => v.greyed)).toEqual(entries.map(() => true));
      expect(openErrors(after, accountId).some((r) => r.documentId === documentId)).toBe(false);
    }
  },
);

test.prop([errorHistoryOperationsArb()])('resolved errors are never counted in groups of open causes', (operations) => {
  const history = last(run(operations));
  const problems: string[] = [];
  for (const accountId of ['acct-A', 'acct-B']) {
    const unresolved = new Set(openErrors(history, accountId).map((r) => r.documentId));
    const groups = groupByCause(history, accountId);
    const grouped = groups.flatMap((g) => g.documentIds);
    // Each blocked document exactly once, and only blocked ones.
    if (grouped.length !== unresolved.size || grouped.some((d) => !unresolved.has(d)))
      problems.push(`${accountId}: groups ${grouped.join()} vs blocked ${[...unresolved].join()}`);
    for (const [i, group] of groups.entries()) {
      if (group.count !== group.documentIds.length || group.state === 'resolved')
        problems.push(`${accountId}: group ${group.key} miscounted`);
      if (i > 0 && (groups[i - 1]?.count ?? 0) < group.count) problems.push(`${accountId}: groups not sorted by count`);
    }
  }
  expect(problems).toEqual([]);
});

test.prop([errorHistoryOperationsArb()])('tenants are isolated: an account never sees another account’s errors', (operations) => {
  const history = last(run(operations));
  const leaks = ['acct-A', 'acct-B'].flatMap((accountId) => [
    ...historyView(history, accountId).filter((v) => v.record.accountId !== accountId),
    ...openErrors(history, accountId).filter((r) => r.accountId !== accountId),
  ]);
  expect(leaks).toEqual([]);
});
