import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { customerSnapshotArb } from '../testing/arbitraries/document.js';
import { customerFingerprint } from './customer-fingerprint.js';
import { customerPayload } from './customer-payload.js';

describe('customer fingerprint', () => {
  test.prop([customerSnapshotArb, customerSnapshotArb])(
    'two snapshots get the same fingerprint exactly when they write the same customer to QBO (an update is sent only on a change)',
    (a, b) => {
      const pa = customerPayload(a);
      const pb = customerPayload(b);
      expect(customerFingerprint(pa) === customerFingerprint(pb)).toBe(JSON.stringify(pa) === JSON.stringify(pb));
    },
  );

  test.prop([customerSnapshotArb, fc.string({ minLength: 1, maxLength: 20 })])(
    'a new e-mail or name changes the fingerprint',
    (c, extra) => {
      const before = customerFingerprint(customerPayload(c));
      const renamed = customerPayload({ ...c, name: `${c.name} ${extra}`, firstName: `${c.firstName ?? ''}${extra}` });
      fc.pre(JSON.stringify(renamed) !== JSON.stringify(customerPayload(c)));
      expect(customerFingerprint(renamed)).not.toBe(before);
    },
  );
});
