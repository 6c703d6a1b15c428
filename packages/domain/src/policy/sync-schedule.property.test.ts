import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { calendarDateIn, type CalendarDate } from '../shared/time.js';
import { instantArb } from '../testing/arbitraries/document.js';
import { aDocument } from '../testing/builders/document.js';
import { decideDocument, type DecisionContext } from './decide-document.js';
import type { ModuleState } from './module-state.js';
import { creationDayOf, isCoveredBy, reschedule, scheduleStatus, syncSchedule, type SyncSchedule } from './sync-schedule.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TIME_ZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Guadeloupe', 'Pacific/Noumea', 'America/Cayenne', 'UTC'];

/** Zones without daylight saving time, with their fixed offset: an oracle independent of `Intl`. */
const FIXED_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  'Indian/Reunion': 4 * HOUR,
  'America/Guadeloupe': -4 * HOUR,
  'America/Cayenne': -3 * HOUR,
  'Pacific/Noumea': 11 * HOUR,
  'Pacific/Tahiti': -10 * HOUR,
};

const addDays = (date: CalendarDate, days: number): CalendarDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Instants of 2001–2098, so that a few hundred days either way stay within real calendar dates. */
const nowArb = instantArb.filter((t) => t > Date.UTC(2001, 0, 1) && t < Date.UTC(2098, 0, 1));

const syncing: ModuleState = {
  connection: { kind: 'connected', realmId: 'R1', companyName: 'Ménage Services' },
  prerequisites: { kind: 'met' },
  initialSync: { kind: 'done', realmId: 'R1', progress: { total: 0, done: 0, failed: 0 } },
};

describe('sync schedule', () => {
  test.prop([nowArb, fc.constantFrom(...TIME_ZONES), fc.integer({ min: -400, max: 400 })])(
    'a future sync-from suspends, a past one resumes',
    (now, timeZone, offset) => {
      const syncFrom = addDays(calendarDateIn(now, timeZone), offset);
      const status = scheduleStatus(syncSchedule(syncFrom, timeZone), now);
      const { outcome } = reschedule(syncSchedule('2000-01-01', timeZone), syncFrom, now, [], new Set());
      if (offset > 0) {
        expect(status).toEqual({ kind: 'suspended', until: syncFrom });
        expect(outcome).toEqual({ kind: 'suspended', until: syncFrom });
      } else {
        expect(status).toEqual({ kind: 'active' });
        expect(outcome.kind).toBe('resumed');
      }
    },
  );

  test.prop([nowArb, fc.constantFrom(...Object.keys(FIXED_OFFSETS)), fc.constantFrom(...TIME_ZONES), fc.integer({ min: -2, max: 2 })])(
    "the creation day is computed in the account's time zone",
    (createdAt, fixedZone, anyZone, shift) => {
      const doc = aDocument({ createdAt });
      // Against a fixed offset, computed without the time-zone database.
      const localDay = new Date(createdAt + (FIXED_OFFSETS[fixedZone] ?? 0)).toISOString().slice(0, 10);
      expect(isCoveredBy(doc, syncSchedule(addDays(localDay, shift), fixedZone))).toBe(shift <= 0);
      // Against the calendar day the time-zone database gives, summer time included.
      const day = creationDayOf(doc, anyZone);
      expect(isCoveredBy(doc, syncSchedule(addDays(day, shift), anyZone))).toBe(shift <= 0);
    },
  );

  type Step =
    | { readonly kind: 'advance'; readonly hours: number }
    | { readonly kind: 'validate'; readonly ageHours: number; readonly note: boolean }
    | { readonly kind: 'reschedule'; readonly offsetDays: number };

  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.integer({ min: 0, max: 15 * 24 }).map((hours) => ({ kind: 'advance' as const, hours })),
    {
      weight: 2,
      arbitrary: fc
        .record({ ageHours: fc.integer({ min: 0, max: 30 * 24 }), note: fc.boolean() })
        .map((v) => ({ kind: 'validate' as const, ...v })),
    },
    fc.integer({ min: -40, max: 40 }).map((offsetDays) => ({ kind: 'reschedule' as const, offsetDays })),
  );

  test.prop([nowArb, fc.constantFrom(...TIME_ZONES), fc.integer({ min: -20, max: 20 }), fc.array(stepArb, { maxLength: 30 })])(
    'schedule changes never lose a document: after any sequence of reschedules, every validated document is eventually sent or visibly held',
    (start, timeZone, firstOffset, steps) => {
      let now = start;
      let schedule: SyncSchedule = syncSchedule(addDays(calendarDateIn(start, timeZone), firstOffset), timeZone);
      const validated: OgustineDocument[] = [];
      const sent = new Set<DocumentId>();
      const context = (doc: OgustineDocument): DecisionContext => ({
        state: syncing,
        schedule,
        now,
        inQuickBooks: sent.has(doc.id),
        unmet: [],
      });

      for (const step of steps) {
        if (step.kind === 'advance') now += step.hours * HOUR;
        if (step.kind === 'validate') {
          // Credit notes correct the previous invoice, so the catch-up order is exercised too.
          const lastInvoice = [...validated].reverse().find((d) => d.kind === 'invoice');
          const n = validated.length + 1;
          const doc = aDocument({
            id: `D${n}`,
            number: `2027-${String(n).padStart(3, '0')}`,
            createdAt: now - step.ageHours * HOUR,
            validatedAt: now,
            ...(step.note
              ? { kind: 'credit_note' as const, ...(lastInvoice === undefined ? {} : { correctsInvoiceId: lastInvoice.id }) }
              : {}),
          });
          validated.push(doc);
          const decision = decideDocument(doc, context(doc));
          expect(decision.kind).not.toBe('refuse');
          if (decision.kind === 'send-now') sent.add(doc.id);
        }
        if (step.kind === 'reschedule') {
          const result = reschedule(schedule, addDays(calendarDateIn(now, timeZone), step.offsetDays), now, validated, sent);
          schedule = result.schedule;
          expect(schedule.timeZone).toBe(timeZone);
          if (result.outcome.kind === 'resumed') {
            const catchUp = result.outcome.catchUp;
            for (const doc of catchUp) {
              expect(sent.has(doc.id)).toBe(false);
              expect(decideDocument(doc, context(doc))).toEqual({ kind: 'send-now', docNumber: `OGUSTINE_${doc.number}` });
              const invoiceAt = catchUp.findIndex((d) => d.id === doc.correctsInvoiceId);
              if (doc.kind === 'credit_note') expect(invoiceAt).toBeLessThan(catchUp.indexOf(doc));
            }
            for (const doc of catchUp) sent.add(doc.id);
          }
        }
      }

      // Every document not sent is visibly held, for a reason the user can act on.
      for (const doc of validated) {
        if (sent.has(doc.id)) continue;
        const decision = decideDocument(doc, context(doc));
        expect(decision.kind).toBe('hold');
        if (decision.kind === 'hold') expect(['hold.suspended', 'hold.created-before-sync-from']).toContain(decision.reason.kind);
      }
      // And acting on it (choosing a sync-from day before the oldest document) sends every one of them.
      const oldest = validated.reduce((min, d) => Math.min(min, d.createdAt), now);
      const { outcome } = reschedule(schedule, calendarDateIn(oldest, timeZone), now, validated, sent);
      expect(outcome.kind).toBe('resumed');
      if (outcome.kind === 'resumed') {
        const all = new Set([...sent, ...outcome.catchUp.map((d) => d.id)]);
        expect(all.size).toBe(validated.length);
        expect(outcome.catchUp.length + sent.size).toBe(validated.length);
      }
    },
  );
});
