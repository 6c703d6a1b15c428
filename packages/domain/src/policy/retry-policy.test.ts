import { describe, expect, test } from 'vitest';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { failureHandling, isTransient, QUIET_RETRIES, RETRY_DELAY_MS } from './retry-policy.js';

const NOW = 1_000_000;
const outage: SyncFailureCause = { kind: 'cause.qbo-unavailable', reason: 'server-error', status: 503 };
const needsAFix: SyncFailureCause = { kind: 'cause.business-validation', qboCode: '6000' };

describe('retry policy', () => {
  test('a transient cause is retried quietly 3 times, 30 s apart, before it is recorded', () => {
    expect(QUIET_RETRIES).toBe(3);
    for (const deliveries of [0, 1, 2]) {
      expect(failureHandling(outage, deliveries, NOW)).toEqual({ kind: 'quiet', retryAt: NOW + 30_000 });
    }
    expect(failureHandling(outage, 3, NOW).kind).toBe('record');
  });

  test('a transient cause past its quiet retries is recorded and still retried, later each time', () => {
    expect(failureHandling(outage, 3, NOW)).toEqual({ kind: 'record', retryAt: NOW + 4 * RETRY_DELAY_MS });
    expect(failureHandling(outage, 7, NOW)).toEqual({ kind: 'record', retryAt: NOW + 8 * RETRY_DELAY_MS });
  });

  test('a cause that needs a fix is recorded at once and not retried, unless told to retry anyway', () => {
    expect(failureHandling(needsAFix, 0, NOW)).toEqual({ kind: 'record' });
    expect(failureHandling(needsAFix, 0, NOW, true)).toEqual({ kind: 'record', retryAt: NOW + RETRY_DELAY_MS });
    expect(failureHandling(needsAFix, 2, NOW, true)).toEqual({ kind: 'record', retryAt: NOW + 3 * RETRY_DELAY_MS });
  });

  test.each<[SyncFailureCause, boolean]>([
    [{ kind: 'cause.qbo-unavailable', reason: 'throttled' }, true],
    [{ kind: 'cause.outcome-unknown' }, true],
    [{ kind: 'cause.stale-object' }, true],
    [{ kind: 'cause.pdf-attachment-failed' }, true],
    [{ kind: 'cause.authorization-lost' }, false],
    [{ kind: 'cause.invalid-reference' }, false],
    [{ kind: 'cause.total-mismatch', expected: 1, actual: 2, currency: 'EUR' }, false],
    [{ kind: 'cause.unknown' }, false],
  ])('%o goes away by itself (transient): %s', (cause, transient) => {
    expect(isTransient(cause)).toBe(transient);
  });
});
