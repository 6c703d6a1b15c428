import { ok, okAsync, ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import { initialSyncFinished, recordProgress, type ModuleState } from '../../policy/module-state.js';
import type { Clock } from '../../ports/clock.js';
import type { DocumentProgress, ProgressFeed } from '../../ports/progress-feed.js';
import { isRunComplete, type RunDocumentOutcome, type RunStore, type SyncRun } from '../../ports/run-store.js';
import type { SettingsStore } from '../../ports/settings-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { SyncDocumentError } from '../../sync/sync-outcome.js';
import { updateSettings } from '../update-settings.js';
import type { Attempt } from './attempt.js';

export interface ProgressCountingPorts {
  readonly settings: SettingsStore;
  readonly runs: RunStore;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
}

const outcomeOf = (status: DocumentProgress): RunDocumentOutcome => (status === 'uncertain' ? 'in-flight' : status);

/** The module state with the initial sync's progress taken from its run's counters, and done once the run is complete. */
export const initialSyncFromRun = (state: ModuleState, run: SyncRun): ModuleState => {
  const progressed = recordProgress(state, { done: run.sent, failed: run.failed + run.held }).unwrapOr(state);
  return isRunComplete(run) ? initialSyncFinished(progressed).unwrapOr(progressed) : progressed;
};

/** What a finished attempt tells the screens: a progress event, and its run's counters. */
export class ProgressCounting {
  /** Per account, the end of the last settings update in this process: updates of one account take turns. */
  private readonly turns = new Map<AccountId, Promise<unknown>>();

  constructor(private readonly ports: ProgressCountingPorts) {}

  /**
   * Runs `work` once the account's previous update here has ended. The documents of a lease finish
   * side by side (`SyncBatch`): all at once, they would each lose the settings' compare-and-set to
   * the others, and read them again, many times over.
   */
  private inTurn<T, E>(accountId: AccountId, work: () => ResultAsync<T, E>): ResultAsync<T, E> {
    const mine = (this.turns.get(accountId) ?? Promise.resolve()).then(() => work());
    const ended = mine.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(accountId, ended);
    void ended.then(() => {
      if (this.turns.get(accountId) === ended) this.turns.delete(accountId);
    });
    return new ResultAsync(mine);
  }

  /**
   * Publishes where the document stands (a courtesy: a lost event loses nothing), then settles it in
   * its run (the counters move in the store, never recounted); an initial sync's module state
   * follows its run.
   * @returns ok() once counted
   * @returns err(store.*) if the run or the settings could not be read or stored
   */
  documentFinished({ job, doc }: Attempt, status: DocumentProgress): ResultAsync<void, SyncDocumentError> {
    const { progress, clock, runs } = this.ports;
    const runId = job.runId;
    return progress
      .publish({ kind: 'progress.document', accountId: doc.accountId, documentId: doc.id, status, at: clock.now() })
      .orElse(() => okAsync(undefined))
      .andThen(() => (runId === undefined ? okAsync(null) : runs.settle(doc.accountId, runId, doc.id, outcomeOf(status))))
      .andThen((run) =>
        run !== null && run.kind === 'initial-sync'
          ? this.inTurn(doc.accountId, () => followInitialSyncRun(this.ports.settings, doc.accountId, run))
          : okAsync(undefined),
      );
  }
}

/**
 * The account's module state follows its initial sync's run (if `run` is it): progress from the
 * counters, done once complete. A save that lost a race is re-read and made again.
 * @returns ok() once stored (or when nothing changes)
 * @returns err(store.*) if the settings could not be read or stored
 */
export const followInitialSyncRun = (store: SettingsStore, accountId: AccountId, run: SyncRun): ResultAsync<void, StoreError> =>
  updateSettings(store, accountId, (settings) => {
    if (settings.initialSyncRunId !== run.runId) return ok(null);
    const state = initialSyncFromRun(settings.moduleState, run);
    return ok(state === settings.moduleState ? null : { ...settings, moduleState: state });
  }).map(() => undefined);
