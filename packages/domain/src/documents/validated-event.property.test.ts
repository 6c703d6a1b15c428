import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { corruptedDocumentWireArb, documentWireArb, wirePathText } from '../testing/arbitraries/document-wire.js';
import { parseValidatedEvent } from './validated-event.js';

const TYPE_OF = { invoice: 'invoice.validated', credit_note: 'credit_note.validated' } as const;

/** An instant within years 1970–2100, written with `Z`. */
const instantArb = fc.integer({ min: 0, max: 4_102_444_800_000 });

const envelopeArb = fc.record({ eventId: fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ''), at: instantArb });

describe('parseValidatedEvent properties', () => {
  test.prop([documentWireArb(), envelopeArb])(
    'a valid envelope around a valid document gives back its id, type, instant and account, through JSON text',
    (wire, { eventId, at }) => {
      const body: unknown = JSON.parse(
        JSON.stringify({
          version: 1,
          eventId,
          type: TYPE_OF[wire.kind],
          occurredAt: new Date(at).toISOString(),
          accountId: wire.accountId,
          document: wire,
        }),
      );
      const event = parseValidatedEvent(body)._unsafeUnwrap();
      expect([event.eventId, event.type, event.occurredAt, event.accountId, event.document.id]).toEqual([
        eventId,
        TYPE_OF[wire.kind],
        at,
        wire.accountId,
        wire.id,
      ]);
    },
  );

  test.prop([corruptedDocumentWireArb()])(
    "a corrupted document field is reported under document, at the corrupted field's path",
    ({ wire, corruption, corrupted }) => {
      const body = { version: 1, eventId: 'e', type: TYPE_OF[wire.kind], occurredAt: '2024-01-01T00:00:00Z', accountId: wire.accountId };
      const rejection = parseValidatedEvent({ ...body, document: corrupted })._unsafeUnwrapErr();
      const path = wirePathText(corruption.path);
      expect(rejection.issues.map((i) => `${i.path} ${i.code}`)).toContain(
        `${path === '' ? 'document' : `document.${path}`} ${corruption.code}`,
      );
    },
  );

  test.prop([fc.integer().filter((v) => v !== 1), fc.anything()])(
    'any integer version but 1 is an unknown version, whatever else the event holds',
    (version, rest) => {
      const body = typeof rest === 'object' && rest !== null && !Array.isArray(rest) ? { ...rest, version } : { version, rest };
      expect(parseValidatedEvent(body)._unsafeUnwrapErr().kind).toBe('event.unknown-version');
    },
  );

  test.prop([fc.anything()])('never throws, and a rejection always names at least one issue', (body) => {
    parseValidatedEvent(body).match(
      () => undefined,
      (rejection) => expect(rejection.issues.length).toBeGreaterThan(0),
    );
  });
});
