import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { documentSyncFactsArb } from '../testing/arbitraries/error-history.js';
import { documentSyncStatus } from './document-sync-status.js';

const looksRaw = (text: string): boolean => text.trim() === '' || /[{}]|undefined|null|NaN|\[object /.test(text);

test.prop([documentSyncFactsArb])('every status has a French and an English explanation', (facts) => {
  const { label, explanation } = documentSyncStatus(facts);
  const texts = [label.fr, label.en, explanation.fr, explanation.en];
  expect(texts.filter(looksRaw)).toEqual([]);
  expect(explanation.fr).not.toBe(explanation.en);
});

test.prop([documentSyncFactsArb])('a document known in QuickBooks is always reported sent, with its QBO number', (facts) => {
  const status = documentSyncStatus(facts);
  expect(status.kind === 'status.sent').toBe(facts.inQuickBooks !== undefined);
  if (status.kind === 'status.sent') expect(status.label.fr).toContain(facts.inQuickBooks?.docNumber ?? '?');
});

test.prop([documentSyncFactsArb])('an uncertain write is never reported failed nor sent unless QuickBooks has it', (facts) => {
  const status = documentSyncStatus(facts);
  if (facts.writeInProgress === 'uncertain' && facts.inQuickBooks === undefined) expect(status.kind).toBe('status.checking');
});

test.prop([documentSyncFactsArb])('a failure always shows one of the document’s own unresolved errors', (facts) => {
  const status = documentSyncStatus(facts);
  if (status.kind === 'status.failed') {
    expect(facts.openErrors).toContain(status.error);
    expect(status.error.occurredAt).toBe(Math.max(...facts.openErrors.map((e) => e.occurredAt)));
  }
});
