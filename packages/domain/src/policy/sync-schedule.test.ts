import { describe, expect, test } from 'vitest';
import { aCreditNote, aDocument } from '../testing/builders/document.js';
import {
  confirmReschedule,
  confirmRescheduleOf,
  creationDayOf,
  describeScheduleStatus,
  formatCalendarDate,
  isCoveredBy,
  reschedule,
  scheduleStatus,
  syncSchedule,
} from './sync-schedule.js';

const paris = (syncFrom: string) => syncSchedule(syncFrom, 'Europe/Paris');

describe('sync schedule', () => {
  test('a document created at 23:30 UTC on 31 January was created on 1 February in Paris', () => {
    const doc = aDocument({ createdAt: Date.UTC(2027, 0, 31, 23, 30) });
    expect(creationDayOf(doc, 'Europe/Paris')).toBe('2027-02-01');
    expect(creationDayOf(doc, 'UTC')).toBe('2027-01-31');
    expect(isCoveredBy(doc, paris('2027-02-01'))).toBe(true);
    expect(isCoveredBy(doc, syncSchedule('2027-02-01', 'UTC'))).toBe(false);
  });

  test('the default time zone is Europe/Paris', () => {
    expect(syncSchedule('2027-03-12').timeZone).toBe('Europe/Paris');
  });

  test('a sync-from day still ahead suspends until that day; today or past is active', () => {
    const now = Date.UTC(2027, 2, 11, 10, 0); // 11 March in Paris
    expect(scheduleStatus(paris('2027-03-12'), now)).toEqual({ kind: 'suspended', until: '2027-03-12' });
    expect(scheduleStatus(paris('2027-03-11'), now)).toEqual({ kind: 'active' });
    expect(scheduleStatus(paris('2026-01-01'), now)).toEqual({ kind: 'active' });
  });

  test('the day ahead is judged in the account time zone: at 23:30 UTC it is already the next day in Paris', () => {
    const now = Date.UTC(2027, 2, 11, 23, 30); // 12 March, 00:30 in Paris
    expect(scheduleStatus(paris('2027-03-12'), now)).toEqual({ kind: 'active' });
    expect(scheduleStatus(syncSchedule('2027-03-12', 'UTC'), now)).toEqual({ kind: 'suspended', until: '2027-03-12' });
  });

  test('rescheduling into the future suspends and keeps the account time zone', () => {
    const current = syncSchedule('2027-01-01', 'Indian/Reunion');
    const result = reschedule(current, '2027-03-12', Date.UTC(2027, 2, 1), [aDocument()], new Set());
    expect(result.schedule).toEqual({ syncFrom: '2027-03-12', timeZone: 'Indian/Reunion' });
    expect(result.outcome).toEqual({ kind: 'suspended', until: '2027-03-12' });
    expect(confirmReschedule(result).fr).toContain("La synchronisation automatique est suspendue jusqu'au 12/03/2027");
    expect(confirmReschedule(result).en).toContain('Automatic synchronisation is suspended until 12 March 2027');
  });

  test('rescheduling into the past resumes and catches up the documents since that day not yet in QuickBooks, in sending order', () => {
    const at = (day: number, hour = 10) => Date.UTC(2027, 1, day, hour);
    const old = aDocument({ id: 'OLD', number: '2027-01-01', createdAt: at(1) });
    const sent = aDocument({ id: 'SENT', number: '2027-02-01', createdAt: at(5) });
    const invoice = aDocument({ id: 'INV', number: '2027-02-03', createdAt: at(7) });
    const noteFirst = aCreditNote({ id: 'NOTE', number: '2027-02-02', createdAt: at(6), correctsInvoiceId: 'INV' });
    const later = aDocument({ id: 'LATER', number: '2027-02-04', createdAt: at(8) });
    const result = reschedule(paris('2027-06-01'), '2027-02-05', at(20), [later, invoice, old, sent, noteFirst], new Set(['SENT']));
    expect(result.outcome.kind).toBe('resumed');
    if (result.outcome.kind !== 'resumed') return;
    expect(result.outcome.catchUp.map((d) => d.id)).toEqual(['INV', 'NOTE', 'LATER']);
    expect(confirmReschedule(result).fr).toBe(
      'La synchronisation automatique a repris. 3 documents créés depuis le 05/02/2027 ne sont pas encore dans QuickBooks : ils vont être envoyés.',
    );
  });

  test('a first schedule starts in Europe/Paris', () => {
    const result = reschedule(undefined, '2027-02-05', Date.UTC(2027, 2, 1), [], new Set());
    expect(result.schedule.timeZone).toBe('Europe/Paris');
    expect(result.outcome).toEqual({ kind: 'resumed', catchUp: [] });
    expect(confirmReschedule(result)).toEqual({
      fr: 'La synchronisation automatique a repris. Tous les documents créés depuis le 05/02/2027 sont déjà dans QuickBooks.',
      en: 'Automatic synchronisation has resumed. Every document created since 5 February 2027 is already in QuickBooks.',
    });
  });

  test('every month has its English name, in order', () => {
    const names = Array.from({ length: 12 }, (_, i) => formatCalendarDate(`2027-${String(i + 1).padStart(2, '0')}-01`).en);
    expect(names).toEqual([
      '1 January 2027',
      '1 February 2027',
      '1 March 2027',
      '1 April 2027',
      '1 May 2027',
      '1 June 2027',
      '1 July 2027',
      '1 August 2027',
      '1 September 2027',
      '1 October 2027',
      '1 November 2027',
      '1 December 2027',
    ]);
  });

  test('dates read as an office manager writes them', () => {
    expect(formatCalendarDate('2027-03-12')).toEqual({ fr: '12/03/2027', en: '12 March 2027' });
    expect(describeScheduleStatus({ kind: 'active' }, paris('2027-01-04'))).toEqual({
      fr: 'La synchronisation automatique est active : les factures et avoirs créés depuis le 04/01/2027 sont envoyés vers QuickBooks dès leur validation.',
      en: 'Automatic synchronisation is on: invoices and credit notes created since 4 January 2027 are sent to QuickBooks when they are validated.',
    });
  });

  test('the confirmation says when the catch-up leaves: now by default, with the initial sync, or once connected; one document or several', () => {
    const schedule = paris('2027-02-05');
    const resumed = (n: number) => ({ kind: 'resumed' as const, catchUp: n });
    expect(confirmRescheduleOf(schedule, resumed(2))).toEqual(confirmRescheduleOf(schedule, resumed(2), 'now'));
    expect(confirmRescheduleOf(schedule, resumed(1), 'with-initial-sync')).toEqual({
      fr: "Date enregistrée. 1 document créé depuis le 05/02/2027 n'est pas encore dans QuickBooks : il sera envoyé par la synchronisation initiale, quand vous la lancerez.",
      en: 'Date saved. 1 document created since 5 February 2027 is not in QuickBooks yet: the initial synchronisation will send it when you launch it.',
    });
    expect(confirmRescheduleOf(schedule, resumed(4), 'with-initial-sync')).toEqual({
      fr: 'Date enregistrée. 4 documents créés depuis le 05/02/2027 ne sont pas encore dans QuickBooks : ils seront envoyés par la synchronisation initiale, quand vous la lancerez.',
      en: 'Date saved. 4 documents created since 5 February 2027 are not in QuickBooks yet: the initial synchronisation will send them when you launch it.',
    });
    expect(confirmRescheduleOf(schedule, resumed(1), 'once-connected')).toEqual({
      fr: "Date enregistrée. 1 document créé depuis le 05/02/2027 n'est pas encore dans QuickBooks : il sera envoyé une fois QuickBooks connecté.",
      en: 'Date saved. 1 document created since 5 February 2027 is not in QuickBooks yet: it will be sent once QuickBooks is connected.',
    });
    expect(confirmRescheduleOf(schedule, resumed(4), 'once-connected')).toEqual({
      fr: 'Date enregistrée. 4 documents créés depuis le 05/02/2027 ne sont pas encore dans QuickBooks : ils seront envoyés une fois QuickBooks connecté.',
      en: 'Date saved. 4 documents created since 5 February 2027 are not in QuickBooks yet: they will be sent once QuickBooks is connected.',
    });
    expect(confirmRescheduleOf(schedule, resumed(1), 'now')).toEqual({
      fr: "La synchronisation automatique a repris. 1 document créé depuis le 05/02/2027 n'est pas encore dans QuickBooks : il va être envoyé.",
      en: 'Automatic synchronisation has resumed. 1 document created since 5 February 2027 is not in QuickBooks yet and will be sent now.',
    });
  });
});
