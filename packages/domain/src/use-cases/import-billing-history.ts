import { errAsync, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { BillingCore, BillingCoreError, BillingCursor, ValidatedDocumentsPage } from '../ports/billing-core.js';
import type { Clock } from '../ports/clock.js';
import type { HistoryImportStore } from '../ports/history-import-store.js';
import type { StoreError } from '../ports/store-error.js';
import { calendarDateIn, type CalendarDate, type Instant, type TimeZone } from '../shared/time.js';
import { historyImportProgress, type HistoryImport, type HistoryImportProgress } from '../sync/history-import.js';
import { freshSettings } from './account-settings.js';
import { recordSnapshot, type AdmitDocumentPorts } from './admit-document.js';
import { decideAndQueue } from './decide-and-queue.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';
import { updateSettings } from './update-settings.js';

/** The first day of any history: the import reads the account's whole history, so any sync-from day the user picks is covered. */
export const HISTORY_START: CalendarDate = '2000-01-01';
/** Documents asked of the billing core per page. */
export const HISTORY_PAGE_SIZE = 100;
/** A reconciliation reads at most this many pages (its window is a few days: more is a bug or a flood, finished next time). */
export const RECONCILE_MAX_PAGES = 50;

export type ImportHistoryError = InfrastructureError | { readonly kind: 'import.billing-core-failed'; readonly error: BillingCoreError };

export interface ImportBillingHistoryPorts extends AdmitDocumentPorts {
  readonly billingCore: BillingCore;
  readonly historyImports: HistoryImportStore;
  readonly clock: Clock;
}

/** What a pass over history pages did: how many documents it recorded for the first time, how many it queued. */
export interface HistoryPass {
  readonly progress: HistoryImportProgress;
  readonly recorded: number;
  readonly queued: number;
  /** This pass read the history's last page: the import just ended. */
  readonly finished: boolean;
}

const billingFailed = (error: BillingCoreError): ImportHistoryError => ({ kind: 'import.billing-core-failed', error });

/**
 * Imports an account's validated history from the billing core into the document store, so the
 * preview, its counts and the launch are queries on the store. Each document goes the way of a
 * `validated` event (recorded once, decided, queued when it is to be sent now), except that a
 * document already known with the same snapshot and already handled by the sync is left alone. The
 * cursor and the counts are saved in the `HistoryImportStore` after each page: an import stopped
 * anywhere resumes at its page; two workers importing at once never go back (the slower one stops).
 * The account's time zone is kept in its settings: the default sync-from day is read in it.
 */
export class ImportBillingHistory {
  constructor(private readonly ports: ImportBillingHistoryPorts) {}

  /**
   * Imports up to `maxPages` pages, from where the import stands (the start on the first call).
   * @returns ok(pass) with the import's progress (done once the last page is in)
   * @returns err(import.billing-core-failed) if the billing core failed (nothing lost: the next call resumes)
   * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
   */
  run(accountId: AccountId, maxPages: number): ResultAsync<HistoryPass, ImportHistoryError> {
    const p = this.ports;
    return safeTry<HistoryPass, ImportHistoryError>(async function* (): Steps<HistoryPass, ImportHistoryError> {
      let state = yield* p.historyImports.get(accountId);
      if (state === null) {
        const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
        // Not before the connect journey ended (its prerequisite check included): its settings writes go first.
        const { connection, prerequisites } = settings.moduleState;
        if (connection.kind !== 'connected' || prerequisites.kind === 'unknown') return ok(pass(null, 0, 0, false));
        const account = yield* p.billingCore.getAccount(accountId).mapErr(billingFailed);
        yield* rememberTimeZone(p, accountId, account.timeZone);
        const started = yield* saveOrNull(
          p.historyImports.save({
            accountId,
            createdFrom: HISTORY_START,
            timeZone: account.timeZone,
            locale: account.locale,
            cursor: null,
            imported: 0,
            unreadable: 0,
            done: false,
            startedAt: p.clock.now(),
            finishedAt: null,
            version: 0,
          }),
        );
        // Another worker started it first: this one leaves the import to it.
        if (started === null) return ok(pass(yield* p.historyImports.get(accountId), 0, 0, false));
        state = started;
      }
      const wasDone = state.done;
      let recorded = 0;
      let queued = 0;
      for (let pages = 0; pages < maxPages && !state.done; pages++) {
        const from: HistoryImport = state;
        const page = yield* p.billingCore
          .listValidatedDocuments(accountId, { createdFrom: from.createdFrom, cursor: from.cursor, pageSize: HISTORY_PAGE_SIZE })
          .mapErr(billingFailed);
        const admitted = yield* admitPage(p, page);
        recorded += admitted.recorded;
        queued += admitted.queued;
        const last = page.nextCursor === null;
        // Saved only over the record this page started from: a slower worker never takes the import back a page.
        const saved = yield* saveOrNull(
          p.historyImports.save({
            ...from,
            cursor: page.nextCursor,
            imported: from.imported + page.documents.length,
            unreadable: from.unreadable + page.unreadable.length,
            done: last,
            finishedAt: last ? p.clock.now() : null,
          }),
        );
        if (saved === null) return ok(pass(yield* p.historyImports.get(accountId), recorded, queued, false));
        state = saved;
      }
      return ok(pass(state, recorded, queued, !wasDone && state.done));
    });
  }

  /**
   * The periodic reconciliation: reads the account's history created since `since` (a few days) and
   * admits any document the module does not know, such as one whose event never arrived or was lost.
   * Only once the import is done (before, the import itself will read those documents).
   * @returns ok(pass) with what it recorded and queued
   * @returns err(import.billing-core-failed) if the billing core failed
   * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
   */
  reconcile(accountId: AccountId, since: Instant): ResultAsync<HistoryPass, ImportHistoryError> {
    const p = this.ports;
    return safeTry<HistoryPass, ImportHistoryError>(async function* (): Steps<HistoryPass, ImportHistoryError> {
      const state = yield* p.historyImports.get(accountId);
      const progress = historyImportProgress(state);
      if (state === null || progress.kind !== 'done') return ok({ progress, recorded: 0, queued: 0, finished: false });
      const createdFrom = calendarDateIn(since, state.timeZone);
      let cursor: BillingCursor | null = null;
      let recorded = 0;
      let queued = 0;
      for (let pages = 0; pages < RECONCILE_MAX_PAGES; pages++) {
        const page: ValidatedDocumentsPage = yield* p.billingCore
          .listValidatedDocuments(accountId, { createdFrom, cursor, pageSize: HISTORY_PAGE_SIZE })
          .mapErr(billingFailed);
        const admitted = yield* admitPage(p, page);
        recorded += admitted.recorded;
        queued += admitted.queued;
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      return ok({ progress, recorded, queued, finished: false });
    });
  }
}

const pass = (state: HistoryImport | null, recorded: number, queued: number, finished: boolean): HistoryPass => ({
  progress: historyImportProgress(state),
  recorded,
  queued,
  finished,
});

/** A save that lost the compare-and-set race is no failure here: someone else moved the import on. @returns ok(null) then */
const saveOrNull = (saving: ResultAsync<HistoryImport, StoreError>): ResultAsync<HistoryImport | null, StoreError> =>
  saving.orElse((e) => (e.kind === 'store.conflict' ? okAsync(null) : errAsync(e)));

/** Keeps the account's time zone in its settings (once), re-reading after a lost compare-and-set race. */
const rememberTimeZone = (p: ImportBillingHistoryPorts, accountId: AccountId, timeZone: TimeZone): ResultAsync<void, StoreError> =>
  updateSettings(p.settings, accountId, (settings) => ok(settings.timeZone === timeZone ? null : { ...settings, timeZone })).map(
    () => undefined,
  );

/** What a page did to the store and the queue. */
interface PageAdmitted {
  readonly recorded: number;
  readonly queued: number;
}

/** Admits each document of a page: new ones are recorded and decided; known ones only if the sync never handled them. */
const admitPage = (p: ImportBillingHistoryPorts, page: ValidatedDocumentsPage): ResultAsync<PageAdmitted, InfrastructureError> =>
  safeTry<PageAdmitted, InfrastructureError>(async function* (): Steps<PageAdmitted, InfrastructureError> {
    let recorded = 0;
    let queued = 0;
    for (const doc of page.documents) {
      const now = p.clock.now();
      const snapshot = yield* recordSnapshot(p, doc, now);
      if (snapshot.kind === 'changed') continue;
      if (snapshot.kind === 'new') recorded += 1;
      // Known and already handled by the sync (sent, failed, being sent): nothing to redo. Known and
      // never handled (recorded, then a crash before it was queued): decided again, queued at most once.
      else if ((yield* p.records.get(doc.accountId, doc.id)) !== null) continue;
      const outcome = yield* decideAndQueue(p, doc, now);
      if (outcome.kind === 'queued') queued += 1;
    }
    return ok({ recorded, queued });
  });
