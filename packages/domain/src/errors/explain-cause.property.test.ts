import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { qboFailureArb, syncFailureCauseArb } from '../testing/arbitraries/error-history.js';
import { causeFromQboFailure } from './cause-from-qbo-failure.js';
import { explainCause } from './explain-cause.js';
import { causeKey } from './sync-failure-cause.js';
import { isTransient } from '../policy/retry-policy.js';

// What a user must never read: JSON, a stack trace, an unfilled placeholder, an empty text.
const looksRaw = (text: string): boolean => text.trim() === '' || /[{}]|\bat\s+\S+\s+\(|undefined|null|NaN|\[object /.test(text);

test.prop([syncFailureCauseArb])('every cause is explained in plain French and English, never raw', (cause) => {
  const { title, message, fix } = explainCause(cause);
  for (const text of [title.fr, title.en, message.fr, message.en, fix.fr, fix.en]) expect(looksRaw(text)).toBe(false);
  expect(message.fr).not.toBe(message.en);
  expect(fix.fr).not.toBe(fix.en);
});

test.prop([syncFailureCauseArb])('QBO detail never leaks into the user message: it stays in qboDetail', (cause) => {
  const explanation = explainCause(cause);
  const detail = 'qboDetail' in cause ? cause.qboDetail : undefined;
  expect(explanation.qboDetail).toBe(detail);
  if (detail !== undefined && detail.length > 12) {
    expect(explanation.message.fr).not.toContain(detail);
    expect(explanation.fix.fr).not.toContain(detail);
  }
});

test.prop([syncFailureCauseArb, fc.string({ maxLength: 10 })])('causeKey ignores the intuit_tid: one cause, one group', (cause, tid) => {
  expect(causeKey({ ...cause, intuitTid: tid } as typeof cause)).toBe(causeKey(cause));
});

test.prop([
  fc.oneof(
    syncFailureCauseArb,
    qboFailureArb.map((f) => causeFromQboFailure(f)),
  ),
])('a cause the retry policy retries by itself (transient) is one the user may resync too (retryable)', (cause) => {
  if (isTransient(cause)) expect(explainCause(cause).retryable).toBe(true);
});
