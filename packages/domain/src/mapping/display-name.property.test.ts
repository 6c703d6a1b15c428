import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { customerIdArb, customerSnapshotArb, serviceRefArb } from '../testing/arbitraries/document.js';
import { customerDisplayName } from './display-name.js';
import { serviceItemName } from './item-name.js';

/** Thousands of runs of string-heavy arbitraries can take seconds on a loaded machine. */

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const FORBIDDEN = /[:\t\n\r\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const expectValid = (name: string): void => {
  expect(name).not.toMatch(FORBIDDEN);
  expect(name.length).toBeGreaterThan(0);
  expect(name.length).toBeLessThanOrEqual(100);
  expect(name).toBe(name.trim());
  expect(name).not.toMatch(/\s{2}/);
  expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
};

test.prop([customerSnapshotArb, customerSnapshotArb, customerIdArb])(
  'display names are valid (no `:` tab newline, ≤ 100, non-empty) and distinct for distinct customers',
  (a, b, otherId) => {
    const homonym = { ...a, id: otherId };
    for (const c of [a, b, homonym]) expectValid(customerDisplayName(c));
    if (a.id !== b.id) expect(customerDisplayName(a)).not.toBe(customerDisplayName(b));
    if (a.id !== otherId) expect(customerDisplayName(a)).not.toBe(customerDisplayName(homonym));
  },
);

test.prop([customerSnapshotArb])('display names are stable: the same customer always gets the same name', (c) => {
  expect(customerDisplayName(structuredClone(c))).toBe(customerDisplayName(c));
});

test.prop([fc.uniqueArray(customerIdArb, { minLength: 2, maxLength: 30 }), fc.string()])(
  'display names of many homonyms are pairwise distinct',
  (ids, name) => {
    const names = ids.map((id) => customerDisplayName({ id, kind: 'person', name }));
    expect(new Set(names).size).toBe(ids.length);
  },
);

test.prop([serviceRefArb, serviceRefArb, customerIdArb])(
  'item names are valid (no `:` tab newline, ≤ 100, non-empty) and distinct for distinct services',
  (a, b, otherId) => {
    const homonym = { ...a, id: otherId };
    for (const s of [a, b, homonym]) expectValid(serviceItemName(s));
    if (a.id !== b.id) expect(serviceItemName(a)).not.toBe(serviceItemName(b));
    if (a.id !== otherId) expect(serviceItemName(a)).not.toBe(serviceItemName(homonym));
  },
);

test.prop([serviceRefArb])('item names are stable: the same service always gets the same name', (s) => {
  expect(serviceItemName(structuredClone(s))).toBe(serviceItemName(s));
});
