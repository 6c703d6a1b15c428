import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { aCreditNote, aDocument } from '../testing/builders/document.js';
import { toDocumentWire } from './document-wire.js';
import { describeEventRejection, parseValidatedEvent, type EventRejection } from './validated-event.js';

const examples = (): unknown[] => {
  const markdown = readFileSync(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? '') as unknown);
};

const event = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: 1,
  eventId: 'evt-1',
  type: 'invoice.validated',
  occurredAt: '2024-01-15T10:02:17.250Z',
  accountId: aDocument().accountId,
  document: toDocumentWire(aDocument()),
  ...overrides,
});

const issuesOf = (rejection: EventRejection): string[] => rejection.issues.map((i) => `${i.path} ${i.code}`);

describe('parseValidatedEvent', () => {
  test('reads the examples of docs/events.md: two valid events, an unknown version, a malformed event', () => {
    const [invoice, creditNote, unknownVersion, malformed] = examples();
    const i = parseValidatedEvent(invoice)._unsafeUnwrap();
    expect([i.eventId, i.type, i.accountId, i.document.id, i.document.totals.gross]).toEqual([
      'evt_01HMA7Q2W7X8R4K1N3B5C6D7E8',
      'invoice.validated',
      'A1',
      'D80412',
      10800,
    ]);
    expect(i.occurredAt).toBe(Date.UTC(2024, 0, 15, 10, 2, 17, 250));
    const c = parseValidatedEvent(creditNote)._unsafeUnwrap();
    expect([c.type, c.document.kind, c.document.correctsInvoiceId]).toEqual(['credit_note.validated', 'credit_note', 'D80412']);
    const v = parseValidatedEvent(unknownVersion)._unsafeUnwrapErr();
    expect(describeEventRejection(v)).toBe('unknown event version: version (range): version 2 is not known: this module reads version 1');
    const m = parseValidatedEvent(malformed)._unsafeUnwrapErr();
    expect(m.kind).toBe('event.invalid');
    expect(issuesOf(m)).toEqual(expect.arrayContaining(['occurredAt format', 'document.lines[0].vatRate range']));
  });

  test('keeps the document as received, and reads it as parseDocument does', () => {
    const wire = toDocumentWire(aCreditNote());
    const parsed = parseValidatedEvent(event({ type: 'credit_note.validated', document: wire }))._unsafeUnwrap();
    expect(parsed.documentWire).toBe(wire);
    expect(parsed.document).toEqual(aCreditNote());
    expect(parsed.version).toBe(1);
  });

  test('trims texts', () => {
    const parsed = parseValidatedEvent(event({ eventId: '  evt-9 ', type: ' invoice.validated' }))._unsafeUnwrap();
    expect([parsed.eventId, parsed.type]).toEqual(['evt-9', 'invoice.validated']);
  });

  test('an unknown version reads nothing else, whatever the rest', () => {
    for (const version of [0, 2, -1, 100]) {
      const rejection = parseValidatedEvent({ version, document: 'garbage' })._unsafeUnwrapErr();
      expect(rejection).toEqual({
        kind: 'event.unknown-version',
        version,
        issues: [{ path: 'version', code: 'range', message: `version ${version} is not known: this module reads version 1` }],
      });
    }
  });

  test('a version that is not an integer is a malformed event, read whole', () => {
    expect(issuesOf(parseValidatedEvent(event({ version: '1' }))._unsafeUnwrapErr())).toEqual(['version type']);
    expect(issuesOf(parseValidatedEvent(event({ version: 1.5 }))._unsafeUnwrapErr())).toEqual(['version type']);
    expect(issuesOf(parseValidatedEvent(event({ version: null, eventId: 3 }))._unsafeUnwrapErr())).toEqual([
      'version required',
      'eventId type',
    ]);
  });

  test('names each envelope field that is missing, blank, of the wrong type or unreadable', () => {
    const rejection = parseValidatedEvent({ version: 1, eventId: ' ', type: 'invoice.cancelled', occurredAt: '2024-01-15T10:00:00' });
    expect(issuesOf(rejection._unsafeUnwrapErr())).toEqual([
      'eventId required',
      'type format',
      'occurredAt format',
      'accountId required',
      'document required',
    ]);
    expect(issuesOf(parseValidatedEvent(event({ accountId: [] }))._unsafeUnwrapErr())).toEqual(['accountId type']);
  });

  test('the envelope must agree with its document: type with kind, accountId with the account', () => {
    const rejection = parseValidatedEvent(event({ type: 'credit_note.validated', accountId: 'other' }))._unsafeUnwrapErr();
    expect(issuesOf(rejection)).toEqual(['type inconsistent', 'accountId inconsistent']);
    expect(describeEventRejection(rejection)).toContain('a credit_note.validated event must carry a document of kind "credit_note"');
    expect(describeEventRejection(rejection)).toContain('accountId "other" differs from the document\'s "');
  });

  test('a body that is not an object is named as the event', () => {
    for (const [body, code] of [
      [null, 'required'],
      [undefined, 'required'],
      ['text', 'type'],
      [[1], 'type'],
      [7, 'type'],
    ] as const) {
      const rejection = parseValidatedEvent(body)._unsafeUnwrapErr();
      expect(issuesOf(rejection)).toEqual([` ${code}`]);
      expect(describeEventRejection(rejection)).toMatch(/^invalid event: \(event\) /);
    }
  });

  test('reads fields of the event itself, never of its prototype', () => {
    const proto = event();
    const rejection = parseValidatedEvent(Object.create(proto) as unknown)._unsafeUnwrapErr();
    expect(issuesOf(rejection)).toContain('eventId required');
  });
});
