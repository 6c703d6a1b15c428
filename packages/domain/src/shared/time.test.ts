import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import {
  calendarDateIn,
  compareDates,
  DEFAULT_TIME_ZONE,
  isKnownTimeZone,
  parseCalendarDate,
  parseDateTime,
  startOfDayIn,
} from './time.js';

const ZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Guadeloupe', 'Pacific/Noumea', 'UTC', 'America/Santiago', 'Pacific/Kiritimati'];

describe('calendar dates', () => {
  it('accepts real days written YYYY-MM-DD from 1900 on, and nothing else', () => {
    for (const t of ['2024-02-29', '1900-01-01', '2026-12-31']) expect(parseCalendarDate(t)._unsafeUnwrap()).toBe(t);
    for (const t of [
      '2023-02-29',
      '2026-02-30',
      '2026-1-5',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '1899-12-31',
      'x2024-01-01',
      '2024-01-01x',
    ])
      expect(parseCalendarDate(t)._unsafeUnwrapErr()).toBe('not-a-calendar-date');
  });

  it('compares dates as days', () => {
    expect(compareDates('2024-01-31', '2024-02-01')).toBe(-1);
    expect(compareDates('2024-02-01', '2024-02-01')).toBe(0);
    expect(compareDates('2024-02-01', '2024-01-31')).toBe(1);
  });

  it('knows the IANA zones the runtime knows', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('gives the day an instant falls on in a zone: 23:30 UTC on 31 January is 1 February in Paris', () => {
    const instant = Date.UTC(2024, 0, 31, 23, 30);
    expect(calendarDateIn(instant, 'Europe/Paris')).toBe('2024-02-01');
    expect(calendarDateIn(instant, 'UTC')).toBe('2024-01-31');
    expect(calendarDateIn(instant, 'America/Guadeloupe')).toBe('2024-01-31');
    // An account that never said its zone counts its days as Paris does.
    expect(calendarDateIn(instant, DEFAULT_TIME_ZONE)).toBe('2024-02-01');
  });

  it('starts a day at local midnight, or at the first instant after a gap (Santiago skips 00:00 on 8 September 2024)', () => {
    expect(startOfDayIn('2024-03-31', 'Europe/Paris')).toBe(Date.UTC(2024, 2, 30, 23));
    expect(startOfDayIn('2024-07-01', 'Europe/Paris')).toBe(Date.UTC(2024, 5, 30, 22));
    expect(startOfDayIn('2024-09-08', 'America/Santiago')).toBe(Date.UTC(2024, 8, 8, 4));
    expect(startOfDayIn('2024-01-01', 'Pacific/Kiritimati')).toBe(Date.UTC(2023, 11, 31, 10));
  });

  test.prop([fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), fc.constantFrom(...ZONES)])(
    'the start of a day is its first instant: that instant is on the day, the millisecond before is on the day before',
    (instant, zone) => {
      const day = calendarDateIn(instant, zone);
      const start = startOfDayIn(day, zone);
      expect(calendarDateIn(start, zone)).toBe(day);
      expect(compareDates(calendarDateIn(start - 1, zone), day)).toBe(-1);
      expect(start <= instant).toBe(true);
    },
  );
});

describe('date-times of messages', () => {
  it('reads ISO 8601 date-times with Z or an offset, with or without seconds and fractions', () => {
    expect(parseDateTime('2024-01-15T10:30:00+01:00')._unsafeUnwrap()).toBe(Date.UTC(2024, 0, 15, 9, 30));
    expect(parseDateTime('2024-01-15T09:30:00.250Z')._unsafeUnwrap()).toBe(Date.UTC(2024, 0, 15, 9, 30, 0, 250));
    expect(parseDateTime('2024-01-15T09:30Z')._unsafeUnwrap()).toBe(Date.UTC(2024, 0, 15, 9, 30));
    expect(parseDateTime('2024-01-15T23:59:59-23:59')._unsafeUnwrap()).toBe(Date.UTC(2024, 0, 16, 23, 58, 59));
  });

  const two = (n: number) => String(n).padStart(2, '0');
  test.prop([
    fc.date({ min: new Date(Date.UTC(1900, 0, 2)), max: new Date(Date.UTC(9999, 11, 30)), noInvalidDate: true }),
    fc.constantFrom('Z', '+', '-'),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
  ])('any date-time written with Z or an offset is the instant counted field by field', (d, sign, oh, om) => {
    const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
    const offset = sign === 'Z' ? 'Z' : `${sign}${two(oh)}:${two(om)}`;
    const text = `${d.toISOString().slice(0, 10)}T${clock}${offset}`;
    // The oracle: the fields as UTC, less the offset east of Greenwich.
    const east = sign === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (oh * 60 + om) * 60_000;
    expect(parseDateTime(text)._unsafeUnwrap()).toBe(d.getTime() - east);
  });

  it('refuses a missing offset, impossible times and offsets, impossible days, and extra text', () => {
    for (const t of [
      '2024-01-15T10:30:00',
      '2024-01-15T24:00:00Z',
      '2024-01-15T10:60:00Z',
      '2024-01-15T10:30:60Z',
      '2024-01-15T10:30:00+24:00',
      '2024-01-15T10:30:00+01:60',
      '2024-02-30T10:30:00Z',
      'x2024-01-15T10:30:00Z',
      '2024-01-15T10:30:00Zx',
      '',
    ])
      expect(parseDateTime(t)._unsafeUnwrapErr()).toBe('not-a-date-time');
  });
});
