import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { plannedDocuments, planInitialSync } from '../policy/initial-sync-plan.js';
import { launchInitialSync } from '../policy/module-state.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { ProgressFeed } from '../ports/progress-feed.js';
import type { RunStore, SyncRun } from '../ports/run-store.js';
import type { StoreError } from '../ports/store-error.js';
import type { HistoryImportStore } from '../ports/history-import-store.js';
import type { AccountSettings, SettingsStore } from '../ports/settings-store.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { Instant } from '../shared/time.js';
import type { SyncSchedule } from '../policy/sync-schedule.js';
import { historyImportProgress } from '../sync/history-import.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import { fillRun } from './queue-run.js';
import type { Steps } from './steps.js';
import { followInitialSyncRun, initialSyncFromRun } from './sync-document/progress-counting.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { InfrastructureError, StateRefusal } from './use-case-error.js';
import { updateSettings } from './update-settings.js';

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
 * Stores the launch with its run, read afresh. The run is filled and its documents queued by then, so
 * a save that lost the compare-and-set (the worker saved the settings meanwhile: the history import's
 * time zone, the prerequisites checked at its end, a document of the run counted) stores the launch on
 * what it reads again (`updateSettings`), rather than fail a launch whose documents are already on their way.
 */
const storeLaunch = (
  p: LaunchInitialSyncPorts,
  accountId: AccountId,
  schedule: SyncSchedule,
  run: SyncRun,
): ResultAsync<void, LaunchInitialSyncError> =>
  updateSettings<LaunchInitialSyncError>(p.settings, accountId, (settings) =>
    launchInitialSync(settings.moduleState, run.total)
      .map((s) => initialSyncFromRun(s, run))
      .map((moduleState) => ({ ...settings, schedule: settings.schedule ?? schedule, moduleState, initialSyncRunId: run.runId }))
      .mapErr((refusal): LaunchInitialSyncError => ({ kind: 'use-case.state-refused', refusal })),
  ).map(() => undefined);

/**
 * Launches the first synchronisation: irrevocable. The documents the preview showed (covered by the
 * schedule, not in QBO, recorded by `asOf`) are read a page at a time, planned (blocked ones left
 * out, as the preview says), added to the initial sync's run and queued; then the launch is stored
 * with the run's id. The run's id is the realm's connection's (`initialSyncRunId`), so a launch cut
 * short and replayed resumes it.
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
      // Not started yet counts as under way: the worker starts it within seconds of the connection, and a launch
      // before would queue the history twice (once planned, once imported) and check its prerequisites again.
      if (p.historyImports !== undefined) {
        const history = historyImportProgress(yield* p.historyImports.get(accountId));
        if (history.kind !== 'done') {
          const imported = history.kind === 'importing' ? history.imported : 0;
          return err({ kind: 'use-case.state-refused', refusal: { kind: 'state.history-import-in-progress', imported } });
        }
      }
      const { initialSync } = allowed.value;
      const realmId = initialSync.kind === 'running' ? initialSync.realmId : '';
      const context = { schedule, inQuickBooks: new Set<string>(), unmet: lastUnmet(settings) };
      // Filled, stored, then sealed: a process that stops on the way leaves the run unsealed, and the
      // sweep carries it on (launched again if the launch was not stored, else sealed).
      const filled = yield* fillRun(
        p,
        { accountId, realmId, runId: initialSyncRunId(realmId, settings), kind: 'initial-sync', reason: 'initial-sync', startedAt: now },
        (visit) =>
          forEachPage(p.documents, accountId, unsentCoveredBy(schedule, asOf ?? now), (page) =>
            visit(plannedDocuments(planInitialSync(page, context))),
          ),
      );
      yield* storeLaunch(p, accountId, schedule, filled);
      // Documents that settled while the launch was being stored: the state catches up with the sealed run.
      const run = yield* sealInitialSyncRun(p, accountId, filled.runId);
      await p.progress.publish({ kind: 'progress.run-started', accountId, total: run.total, at: now });
      return ok({ run, queued: run.total });
    });
  }
}

/**
 * Seals a stored launch's run (every document was added), and the module state follows it: an
 * initial sync whose documents all settled meanwhile is done.
 * @returns ok(run) sealed
 * @returns err(store.*) if the run store or the settings failed
 */
export const sealInitialSyncRun = (
  p: Pick<LaunchInitialSyncPorts, 'runs' | 'settings'>,
  accountId: AccountId,
  runId: string,
): ResultAsync<SyncRun, StoreError> =>
  p.runs.seal(accountId, runId).andThen((run) => followInitialSyncRun(p.settings, accountId, run).map(() => run));

/**
 * The initial sync's run id: the realm's, and when that company was connected afresh. A launch
 * replayed (or carried on by the sweep) finds its run again; the same company connected again after
 * another one (A → B → A) launches a run of its own, as the first is sealed.
 */
export const initialSyncRunId = (realmId: RealmId, settings: Pick<AccountSettings, 'connectedAfreshAt'>): string =>
  settings.connectedAfreshAt === undefined ? `initial-sync:${realmId}` : `initial-sync:${realmId}:${settings.connectedAfreshAt}`;
