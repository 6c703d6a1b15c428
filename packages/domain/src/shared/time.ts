import { err, ok, type Result } from 'neverthrow';

/** A moment in time, in milliseconds since the Unix epoch (UTC). Comes from a `Clock` port, never read here. */
export type Instant = number;

/** A calendar day `YYYY-MM-DD`, without time zone: what a person picks in a date field. */
export type CalendarDate = string;

/** IANA time-zone name of an Ogustine account. */
export type TimeZone = string;

export const DEFAULT_TIME_ZONE: TimeZone = 'Europe/Paris';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * @returns ok(date) for a real day of the Gregorian calendar written `YYYY-MM-DD`
 * @returns err('not-a-calendar-date') otherwise (2026-02-30, 2026-1-5, …)
 */
export const parseCalendarDate = (text: string): Result<CalendarDate, 'not-a-calendar-date'> => {
  const match = CALENDAR_DATE.exec(text);
  if (match === null) return err('not-a-calendar-date');
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // The day read back: an impossible one rolls over (2026-02-30 to 2026-03-02, 2024-13-01 to 2025-01-01).
  return y >= 1900 && new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === text ? ok(text) : err('not-a-calendar-date');
};

const formatters = new Map<TimeZone, Intl.DateTimeFormat>();

const formatterFor = (timeZone: TimeZone): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
};

/** @returns whether the runtime knows this IANA time zone */
export const isKnownTimeZone = (timeZone: TimeZone): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/**
 * The calendar day an instant falls on in a time zone: 23:30 UTC on 31 January is 1 February in
 * Europe/Paris. The time zone must be known (`isKnownTimeZone`); an unknown one is a bug here.
 */
export const calendarDateIn = (instant: Instant, timeZone: TimeZone): CalendarDate => {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** Calendar dates in `YYYY-MM-DD` compare as text. */
export const compareDates = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

const DAY = 86_400_000;

/**
 * The first instant of a calendar day in a time zone (midnight there, or the first instant after a
 * gap): what a store compares creation instants with. Found by bisection on `calendarDateIn`, since
 * days in a zone follow each other; no zone is more than a day from UTC.
 */
export const startOfDayIn = (date: CalendarDate, timeZone: TimeZone): Instant => {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let before = utcMidnight - 2 * DAY;
  let from = utcMidnight + 2 * DAY;
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (compareDates(calendarDateIn(middle, timeZone), date) >= 0) from = middle;
    else before = middle;
  }
  return from;
};

// ISO 8601 with a mandatory `Z` or offset: without one, Date.parse would read local time and the
// result would depend on the machine. Hours, minutes, seconds and offsets are bounded here (Date.parse
// would read 24:00 as the next midnight); the day is checked apart, since Date.parse rolls 30 February over.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Reads a date-time of a message (`2024-01-15T10:30:00+01:00`, `2024-01-15T09:30:00.250Z`).
 * @returns ok(instant) for an ISO 8601 date-time of a real day, with `Z` or an offset
 * @returns err('not-a-date-time') otherwise (no offset, 24:00, 2024-02-30…)
 */
export const parseDateTime = (text: string): Result<Instant, 'not-a-date-time'> => {
  const day = DATE_TIME.exec(text)?.[1];
  return day !== undefined && parseCalendarDate(day).isOk() ? ok(Date.parse(text)) : err('not-a-date-time');
};
