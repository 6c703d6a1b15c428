import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import {
  corruptedDocumentWireArb,
  documentWireArb,
  parseableDocumentArb,
  wirePathText,
  withWireField,
  type WirePath,
} from '../testing/arbitraries/document-wire.js';
import { toDocumentWire, type DocumentWire } from './document-wire.js';
import { parseDocument, type ParseIssue } from './parse-document.js';

const CODES = ['required', 'type', 'format', 'range', 'inconsistent'];

const wellFormed = (issue: ParseIssue): boolean => typeof issue.path === 'string' && CODES.includes(issue.code) && issue.message.length > 0;

/** Every amount of a wire document, as paths. */
const centsPaths = (wire: DocumentWire): WirePath[] => [
  ...wire.lines.map((_, i): WirePath => ['lines', i, 'totalCents']),
  ['totals', 'netCents'],
  ['totals', 'grossCents'],
  ...wire.totals.vat.flatMap((_, j): WirePath[] => [
    ['totals', 'vat', j, 'baseCents'],
    ['totals', 'vat', j, 'amountCents'],
  ]),
];

const readPath = (value: unknown, path: WirePath): unknown =>
  path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], value);

describe('parseDocument properties', () => {
  test.prop([parseableDocumentArb()])('parse(toDocumentWire(doc)) returns doc, also through JSON text', (doc) => {
    const wire: unknown = JSON.parse(JSON.stringify(toDocumentWire(doc)));
    expect(parseDocument(wire)._unsafeUnwrap()).toEqual(doc);
  });

  test.prop([corruptedDocumentWireArb()])('a corrupted field yields an issue naming its path', ({ corruption, corrupted }) => {
    const issues = parseDocument(corrupted)._unsafeUnwrapErr();
    expect(issues.map((i) => `${i.path} ${i.code}`)).toContain(`${wirePathText(corruption.path)} ${corruption.code}`);
  });

  test.prop([documentWireArb().chain((wire) => fc.constantFrom(...centsPaths(wire)).map((path) => ({ wire, path })))])(
    'one amount off by a cent makes the document inconsistent',
    ({ wire, path }) => {
      const shifted = withWireField(wire, path, (readPath(wire, path) as number) + 1);
      const issues = parseDocument(shifted)._unsafeUnwrapErr();
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i) => i.code === 'inconsistent')).toBe(true);
    },
  );

  test.prop([fc.jsonValue()])('parse never throws on arbitrary JSON, and every issue is well formed', (value) => {
    parseDocument(value).mapErr((issues) => {
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every(wellFormed)).toBe(true);
    });
  });

  test.prop([
    fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  ])('parse never throws on any value at all', (value) => {
    expect(() => parseDocument(value)).not.toThrow();
  });

  test.prop([
    documentWireArb().chain((wire) =>
      fc.record({
        wire: fc.constant(wire),
        path: fc.constantFrom(...Object.keys(wire), 'lines', 'totals'),
        value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true })),
      }),
    ),
  ])('parse never throws when one field of a real document holds any value', ({ wire, path, value }) => {
    const result = parseDocument(withWireField(wire, [path], value));
    result.mapErr((issues) => expect(issues.every(wellFormed)).toBe(true));
  });
});
