import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { planInitialSync, type InitialSyncPlan } from '../policy/initial-sync-plan.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, DocumentSummary } from '../ports/document-store.js';
import type { PageRequest } from '../ports/page.js';
import type { HistoryImportStore } from '../ports/history-import-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import { startOfDayIn, type Instant } from '../shared/time.js';
import { historyImportProgress, type HistoryImportProgress } from '../sync/history-import.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { Steps } from './steps.js';
import { unsentCoveredBy } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

/** The settings screen's preview: figures counted by the store, and one page of the documents planned. */
export interface InitialSyncPreview {
  /** Pass it to the launch: it sends this set, not documents recorded later. */
  readonly asOf: Instant;
  /** The documents the first synchronisation covers: created since the sync-from day, not in QBO. */
  readonly toSend: DocumentSummary;
  readonly alreadyInQuickBooks: number;
  /** Not in QBO, created before the sync-from day: not sent. */
  readonly beforeSyncFrom: number;
  /** This page of `toSend`, planned: customers and services to create, documents in order, blocked ones with their reason. */
  readonly page: InitialSyncPlan;
  /** The cursor of the next page, null on the last. */
  readonly next: string | null;
  /** The import of the account's history from Ogustine: until it is done, the figures are partial and the launch is refused. */
  readonly history: HistoryImportProgress;
}

export interface PreviewInitialSyncPorts {
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  /** Where the history import stands: the preview says it, the launch waits for it. */
  readonly historyImports: HistoryImportStore;
  readonly clock: Clock;
}

/** The settings screen's preview: what the first synchronisation will send, how many, what is blocked and why. */
export class PreviewInitialSync {
  constructor(private readonly ports: PreviewInitialSyncPorts) {}

  /**
   * @param request which page of the documents to plan (the first when absent)
   * @returns ok(preview) from the stored documents, the schedule and the last prerequisite check
   * @returns err(store.*) if a store failed
   */
  run(accountId: AccountId, request?: PageRequest): ResultAsync<InitialSyncPreview, InfrastructureError> {
    const p = this.ports;
    return safeTry<InitialSyncPreview, InfrastructureError>(async function* (): Steps<InitialSyncPreview, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const asOf = p.clock.now();
      const schedule = scheduleOf(settings, asOf);
      const filter = unsentCoveredBy(schedule, asOf);
      const toSend = yield* p.documents.summarize(accountId, filter);
      const inQuickBooks = yield* p.documents.summarize(accountId, { inQuickBooks: true, recordedUpTo: asOf });
      const before = yield* p.documents.summarize(accountId, {
        inQuickBooks: false,
        recordedUpTo: asOf,
        createdBefore: startOfDayIn(schedule.syncFrom, schedule.timeZone),
      });
      const page = yield* p.documents.page(accountId, filter, request);
      return ok({
        asOf,
        toSend,
        alreadyInQuickBooks: inQuickBooks.count,
        beforeSyncFrom: before.count,
        page: planInitialSync(page.items, { schedule, inQuickBooks: new Set(), unmet: lastUnmet(settings) }),
        next: page.next,
        history: historyImportProgress(yield* p.historyImports.get(accountId)),
      });
    });
  }
}
