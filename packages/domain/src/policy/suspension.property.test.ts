import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { calendarDateArb, instantArb } from '../testing/arbitraries/document.js';
import { aDocument } from '../testing/builders/document.js';
import { decideDocument, explainDecision } from './decide-document.js';
import type { ModuleState } from './module-state.js';
import { automaticSyncResumesAt, syncSchedule } from './sync-schedule.js';
import { startOfDayIn } from '../shared/time.js';

const HOUR = 3_600_000;
/** Zones without daylight saving time, with their fixed offset: an oracle independent of `Intl`. */
const FIXED_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  'Indian/Reunion': 4 * HOUR,
  'America/Guadeloupe': -4 * HOUR,
  'Pacific/Noumea': 11 * HOUR,
  'Pacific/Tahiti': -10 * HOUR,
};
const zoneArb = fc.constantFrom(...Object.keys(FIXED_OFFSETS));

const syncing: ModuleState = {
  connection: { kind: 'connected', realmId: 'R1', companyName: 'Ménage Services' },
  prerequisites: { kind: 'met' },
  initialSync: { kind: 'done', realmId: 'R1', progress: { total: 0, done: 0, failed: 0 } },
};

describe('suspension', () => {
  test.prop([calendarDateArb, zoneArb])(
    'the wake-up is local midnight of the sync-from day (UTC midnight minus the zone offset)',
    (day, zone) => {
      expect(startOfDayIn(day, zone)).toBe(Date.parse(`${day}T00:00:00Z`) - (FIXED_OFFSETS[zone] ?? 0));
    },
  );

  test.prop([calendarDateArb, instantArb, zoneArb])(
    'a suspension wakes up exactly when the sync-from day starts: suspended before that instant, never after',
    (day, now, zone) => {
      const schedule = syncSchedule(day, zone);
      const localMidnight = Date.parse(`${day}T00:00:00Z`) - (FIXED_OFFSETS[zone] ?? 0);
      expect(automaticSyncResumesAt(schedule, now)).toBe(now < localMidnight ? localMidnight : null);
    },
  );

  test.prop([calendarDateArb, instantArb, fc.integer({ min: 0, max: 90 * 24 * HOUR }), zoneArb])(
    'a document created while sending is suspended is never sent automatically, and never said to be waiting',
    (day, now, age, zone) => {
      const schedule = syncSchedule(day, zone);
      fc.pre(automaticSyncResumesAt(schedule, now) !== null);
      const doc = aDocument({ createdAt: now - age, validatedAt: now });
      const decision = decideDocument(doc, { state: syncing, schedule, now, inQuickBooks: false, unmet: [] });
      expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.suspended', until: day } });
      expect(explainDecision(decision).fr).toMatch(/^Non envoyé : .* il ne sera pas envoyé\./);
    },
  );
});
