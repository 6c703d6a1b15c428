import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { plannedDocuments, planInitialSync } from '../policy/initial-sync-plan.js';
import { launchInitialSync } from '../policy/module-state.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { ProgressFeed } from '../ports/progress-feed.js';
import type { RunStore, SyncRun } from '../ports/run-store.js';
import type { HistoryImportStore } from '../ports/history-import-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { Instant } from '../shared/time.js';
import { historyImportProgress } from '../sync/history-import.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import { queueRun } from './queue-run.js';
import type { Steps } from './steps.js';
import { followInitialSyncRun, initialSyncFromRun } from './sync-document/progress-counting.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { InfrastructureError, StateRefusal } from './use-case-error.js';

export interface LaunchedInitialSync {
  /** The initial sync's run: its counters are its progress. */
  readonly run: SyncRun;
  readonly queued: number;
}

export type LaunchInitialSyncError = StateRefusal | InfrastructureError;

export interface LaunchInitialSyncPorts {
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  /** Where the history import stands: the launch waits for it (absent: a launch already decided, resumed by the worker's sweep). */
  readonly historyImports?: HistoryImportStore;
  readonly runs: RunStore;
  readonly queue: SyncQueue;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * Launches the first synchronisation: irrevocable. The documents the preview showed (covered by the
 * schedule, not in QBO, recorded by `asOf`) are read a page at a time, planned (blocked ones left
 * out, as the preview says), added to the initial sync's run and queued; then the launch is stored
 * with the run's id. The run's id is the realm's, so a launch cut short and replayed resumes it.
 */
export class LaunchInitialSync {
  constructor(private readonly ports: LaunchInitialSyncPorts) {}

  /**
   * @param asOf the preview's `asOf`: documents recorded later go through automatic sync; now when absent
   * @returns ok({ run, queued })
   * @returns err(use-case.state-refused) if not connected, prerequisites not met, already launched, or the history import still runs
   * @returns err(store.* | queue.*) if a store or the queue failed (store.conflict: the settings changed meanwhile, try again)
   */
  run(accountId: AccountId, asOf?: Instant): ResultAsync<LaunchedInitialSync, LaunchInitialSyncError> {
    const p = this.ports;
    return safeTry<LaunchedInitialSync, LaunchInitialSyncError>(async function* (): Steps<LaunchedInitialSync, LaunchInitialSyncError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      const schedule = scheduleOf(settings, now);
      const allowed = launchInitialSync(settings.moduleState, 0);
      if (allowed.isErr()) return err({ kind: 'use-case.state-refused', refusal: allowed.error });
      // The preview is complete only once the history is in the store: a launch before would send part of it.
      const history = historyImportProgress(p.historyImports === undefined ? null : yield* p.historyImports.get(accountId));
      if (history.kind === 'importing')
        return err({ kind: 'use-case.state-refused', refusal: { kind: 'state.history-import-in-progress', imported: history.imported } });
      const { initialSync } = allowed.value;
      const realmId = initialSync.kind === 'running' ? initialSync.realmId : '';
      const context = { schedule, inQuickBooks: new Set<string>(), unmet: lastUnmet(settings) };
      const runId = `initial-sync:${realmId}`;
      // A launch that queued and sealed its run, then lost the race to store itself (the settings
      // changed meanwhile): launched again, it stores that run, whose jobs are queued already.
      const sealed = yield* p.runs.get(accountId, runId);
      const run =
        sealed !== null && sealed.sealed
          ? sealed
          : yield* queueRun(p, { accountId, realmId, runId, kind: 'initial-sync', reason: 'initial-sync', startedAt: now }, (visit) =>
              forEachPage(p.documents, accountId, unsentCoveredBy(schedule, asOf ?? now), (page) =>
                visit(plannedDocuments(planInitialSync(page, context))),
              ),
            );
      const launched = launchInitialSync(settings.moduleState, run.total).map((s) => initialSyncFromRun(s, run));
      if (launched.isErr()) return err({ kind: 'use-case.state-refused', refusal: launched.error });
      yield* p.settings.save({ ...settings, schedule, moduleState: launched.value, initialSyncRunId: run.runId });
      // Documents that settled while the launch was being stored: the state catches up with the run.
      const latest = yield* p.runs.get(accountId, run.runId);
      if (latest !== null) yield* followInitialSyncRun(p.settings, accountId, latest);
      await p.progress.publish({ kind: 'progress.run-started', accountId, total: run.total, at: now });
      return ok({ run, queued: run.total });
    });
  }
}
