import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { qboFailureArb, qboFaultArb } from '../testing/arbitraries/error-history.js';
import { causeFromQboFailure } from './cause-from-qbo-failure.js';
import { explainCause } from './explain-cause.js';
import type { QboFailure } from './qbo-fault.js';

test.prop([qboFailureArb, fc.boolean()])('causeFromQboFailure is total (never throws, any fault)', (failure, duringWrite) => {
  const cause = causeFromQboFailure(failure, { duringWrite });
  expect(cause.kind.startsWith('cause.')).toBe(true);
  expect(() => explainCause(cause)).not.toThrow();
});

// The adapter builds failures from untrusted bodies: even malformed values must classify.
test.prop([fc.anything()])('causeFromQboFailure is total even on malformed values (nulls, wrong shapes)', (junk) => {
  const shapes = [
    junk,
    { kind: 'qbo.fault', status: junk, errors: junk, faultType: junk },
    { kind: 'qbo.fault', status: 400, errors: [junk, { code: junk, message: junk, detail: junk }], faultType: '' },
  ];
  for (const shape of shapes) expect(causeFromQboFailure(shape as QboFailure).kind.startsWith('cause.')).toBe(true);
});

test.prop([qboFaultArb])('a 401 always asks to reconnect, and never keeps a detail that may quote the token', (fault) => {
  const cause = causeFromQboFailure({ ...fault, status: 401 });
  expect(cause.kind).toBe('cause.authorization-lost');
  expect('qboDetail' in cause).toBe(false);
});

test.prop([qboFailureArb])(
  'a write with no usable answer, or meeting a duplicate number (maybe our own earlier post), is never reported as a plain failure: outcome unknown',
  (failure) => {
    const plain = causeFromQboFailure(failure);
    const duringWrite = causeFromQboFailure(failure, { duringWrite: true });
    const maybeWritten =
      (plain.kind === 'cause.qbo-unavailable' && plain.reason !== 'throttled') || plain.kind === 'cause.duplicate-document-number';
    if (maybeWritten) expect(duringWrite.kind).toBe('cause.outcome-unknown');
    else expect(duringWrite).toEqual(plain);
  },
);
