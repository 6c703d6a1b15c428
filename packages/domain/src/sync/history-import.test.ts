import { describe, expect, it } from 'vitest';
import { historyImportProgress, type HistoryImport } from './history-import.js';

const at = Date.UTC(2024, 5, 1, 8);
const record = (over: Partial<HistoryImport>): HistoryImport => ({
  accountId: 'A1',
  createdFrom: '2000-01-01',
  timeZone: 'Europe/Paris',
  locale: 'fr-FR',
  cursor: 'after:D100',
  imported: 100,
  unreadable: 2,
  done: false,
  startedAt: at,
  finishedAt: null,
  version: 1,
  ...over,
});

describe('what the screens say of a history import', () => {
  it('none recorded (null or absent) is not started', () => {
    expect(historyImportProgress(null)).toEqual({ kind: 'not-started' });
    expect(historyImportProgress(undefined)).toEqual({ kind: 'not-started' });
  });

  it('a record not done is importing, with the documents read and those unreadable so far', () => {
    expect(historyImportProgress(record({}))).toEqual({ kind: 'importing', imported: 100, unreadable: 2 });
  });

  it('done with its end recorded is done; done without one is still read as importing (never a done with no date)', () => {
    expect(historyImportProgress(record({ done: true, cursor: null, finishedAt: at + 1 }))).toEqual({
      kind: 'done',
      imported: 100,
      unreadable: 2,
      finishedAt: at + 1,
    });
    expect(historyImportProgress(record({ done: true, cursor: null }))).toEqual({ kind: 'importing', imported: 100, unreadable: 2 });
  });
});
