import type { DocumentId, OgustineDocument } from '../documents/document.js';
import type { Localized } from '../shared/localized.js';
import {
  calendarDateIn,
  compareDates,
  DEFAULT_TIME_ZONE,
  startOfDayIn,
  type CalendarDate,
  type Instant,
  type TimeZone,
} from '../shared/time.js';
import { inSendingOrder } from './sending-order.js';

/**
 * "Synchroniser les factures créées depuis le : <date>". Documents created before `syncFrom` are
 * never sent automatically; a `syncFrom` in the future suspends automatic sending until that day.
 * Days are read in the account's time zone.
 */
export interface SyncSchedule {
  readonly syncFrom: CalendarDate;
  readonly timeZone: TimeZone;
}

export type ScheduleStatus = { readonly kind: 'active' } | { readonly kind: 'suspended'; readonly until: CalendarDate };

export type RescheduleOutcome =
  | { readonly kind: 'suspended'; readonly until: CalendarDate }
  | { readonly kind: 'resumed'; readonly catchUp: readonly OgustineDocument[] };

export interface Rescheduled {
  readonly schedule: SyncSchedule;
  readonly outcome: RescheduleOutcome;
}

export const syncSchedule = (syncFrom: CalendarDate, timeZone: TimeZone = DEFAULT_TIME_ZONE): SyncSchedule => ({ syncFrom, timeZone });

const DAY_MS = 86_400_000;

/**
 * Whether an instant falls on `day` or later in a time zone. Reading the time-zone database is slow
 * and runs for every document at each reschedule; no zone is a whole day away from UTC, so only an
 * instant within a day of the UTC midnight of `day` needs it.
 */
const isOnOrAfterDay = (instant: Instant, day: CalendarDate, timeZone: TimeZone): boolean => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (instant >= utcMidnight + DAY_MS) return true;
  if (instant < utcMidnight - DAY_MS) return false;
  return compareDates(calendarDateIn(instant, timeZone), day) >= 0;
};

/** The day a document was created, in the account's time zone (23:30 UTC on 31 January is 1 February in Paris). */
export const creationDayOf = (doc: OgustineDocument, timeZone: TimeZone): CalendarDate => calendarDateIn(doc.createdAt, timeZone);

/** @returns suspended until `syncFrom` while that day is still ahead in the account's time zone, else active */
export const scheduleStatus = (schedule: SyncSchedule, now: Instant): ScheduleStatus =>
  isOnOrAfterDay(now, schedule.syncFrom, schedule.timeZone) ? { kind: 'active' } : { kind: 'suspended', until: schedule.syncFrom };

/**
 * When a suspension ends by itself: the start of the sync-from day in the account's time zone. The
 * worker wakes up then (`ResumeAutomaticSync`), with no user action.
 * @returns the instant, or null when automatic sending is not suspended at `now`
 */
export const automaticSyncResumesAt = (schedule: SyncSchedule, now: Instant): Instant | null =>
  scheduleStatus(schedule, now).kind === 'suspended' ? startOfDayIn(schedule.syncFrom, schedule.timeZone) : null;

/** Whether the schedule covers a document: created on or after the sync-from day. */
export const isCoveredBy = (doc: OgustineDocument, schedule: SyncSchedule): boolean =>
  isOnOrAfterDay(doc.createdAt, schedule.syncFrom, schedule.timeZone);

/**
 * Applies a new sync-from day chosen on the settings screen. The account's time zone is kept
 * (Europe/Paris for a first schedule). A day still ahead suspends automatic sending until then; a
 * day today or past resumes it, with the catch-up: the documents created since that day that are
 * not in QuickBooks yet, in sending order. The date is expected already parsed (`parseCalendarDate`).
 */
export const reschedule = (
  current: SyncSchedule | undefined,
  syncFrom: CalendarDate,
  now: Instant,
  documents: readonly OgustineDocument[],
  inQuickBooks: ReadonlySet<DocumentId>,
): Rescheduled => {
  const schedule = syncSchedule(syncFrom, current?.timeZone ?? DEFAULT_TIME_ZONE);
  const status = scheduleStatus(schedule, now);
  if (status.kind === 'suspended') return { schedule, outcome: status };
  const catchUp = inSendingOrder(documents.filter((d) => !inQuickBooks.has(d.id) && isCoveredBy(d, schedule)));
  return { schedule, outcome: { kind: 'resumed', catchUp } };
};

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2027-03-12` → `12/03/2027` (French) / `12 March 2027` (English, unambiguous for every reader). */
export const formatCalendarDate = (date: CalendarDate): Localized => {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { fr: `${day}/${month}/${year}`, en: `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}` };
};

/** What the settings screen says about automatic sending. */
export const describeScheduleStatus = (status: ScheduleStatus, schedule: SyncSchedule): Localized => {
  if (status.kind === 'suspended') {
    const until = formatCalendarDate(status.until);
    return {
      fr: `La synchronisation automatique est suspendue jusqu'au ${until.fr}. Les factures et avoirs créés à partir de cette date seront envoyés vers QuickBooks dès leur validation.`,
      en: `Automatic synchronisation is suspended until ${until.en}. Invoices and credit notes created from that date on will be sent to QuickBooks when they are validated.`,
    };
  }
  const from = formatCalendarDate(schedule.syncFrom);
  return {
    fr: `La synchronisation automatique est active : les factures et avoirs créés depuis le ${from.fr} sont envoyés vers QuickBooks dès leur validation.`,
    en: `Automatic synchronisation is on: invoices and credit notes created since ${from.en} are sent to QuickBooks when they are validated.`,
  };
};

/**
 * When the documents to catch up leave: now (queued), or later because the initial sync has not
 * been launched yet, or no company is connected.
 */
export type CatchUpSending = 'now' | 'with-initial-sync' | 'once-connected';

/** The confirmation shown after choosing a new sync-from day; it promises a sending only when one is queued. */
export const confirmReschedule = ({ schedule, outcome }: Rescheduled, sending: CatchUpSending = 'now'): Localized =>
  confirmRescheduleOf(schedule, outcome.kind === 'suspended' ? outcome : { kind: 'resumed', catchUp: outcome.catchUp.length }, sending);

/** `confirmReschedule` from the number of documents the catch-up sends (the use case counts them page by page). */
export const confirmRescheduleOf = (
  schedule: SyncSchedule,
  outcome: { readonly kind: 'suspended'; readonly until: CalendarDate } | { readonly kind: 'resumed'; readonly catchUp: number },
  sending: CatchUpSending = 'now',
): Localized => {
  if (outcome.kind === 'suspended') return describeScheduleStatus(outcome, schedule);
  const from = formatCalendarDate(schedule.syncFrom);
  const n = outcome.catchUp;
  if (n === 0) {
    return {
      fr: `La synchronisation automatique a repris. Tous les documents créés depuis le ${from.fr} sont déjà dans QuickBooks.`,
      en: `Automatic synchronisation has resumed. Every document created since ${from.en} is already in QuickBooks.`,
    };
  }
  const counted = {
    fr: `${n === 1 ? '1 document créé' : `${n} documents créés`} depuis le ${from.fr} ${n === 1 ? "n'est pas encore dans QuickBooks" : 'ne sont pas encore dans QuickBooks'}`,
    en: `${n === 1 ? '1 document' : `${n} documents`} created since ${from.en} ${n === 1 ? 'is' : 'are'} not in QuickBooks yet`,
  };
  switch (sending) {
    case 'now':
      return {
        fr: `La synchronisation automatique a repris. ${counted.fr} : ${n === 1 ? 'il va être envoyé' : 'ils vont être envoyés'}.`,
        en: `Automatic synchronisation has resumed. ${counted.en} and will be sent now.`,
      };
    case 'with-initial-sync':
      return {
        fr: `Date enregistrée. ${counted.fr} : ${n === 1 ? 'il sera envoyé' : 'ils seront envoyés'} par la synchronisation initiale, quand vous la lancerez.`,
        en: `Date saved. ${counted.en}: the initial synchronisation will send ${n === 1 ? 'it' : 'them'} when you launch it.`,
      };
    case 'once-connected':
      return {
        fr: `Date enregistrée. ${counted.fr} : ${n === 1 ? 'il sera envoyé' : 'ils seront envoyés'} une fois QuickBooks connecté.`,
        en: `Date saved. ${counted.en}: ${n === 1 ? 'it' : 'they'} will be sent once QuickBooks is connected.`,
      };
  }
};
