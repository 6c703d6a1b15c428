import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { planInitialSync, type InitialSyncPlan } from '../policy/initial-sync-plan.js';
import { initialSyncFinished, launchInitialSync } from '../policy/module-state.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { ProgressFeed } from '../ports/progress-feed.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { Steps } from './steps.js';
import { enqueueDocuments, loadAccountDocuments } from './unsent-documents.js';
import type { InfrastructureError, StateRefusal } from './use-case-error.js';

export interface LaunchedInitialSync {
  readonly plan: InitialSyncPlan;
  readonly queued: number;
}

export type LaunchInitialSyncError = StateRefusal | InfrastructureError;

export interface LaunchInitialSyncPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * Launches the first synchronisation: irrevocable. The launch (with the planned documents and the
 * schedule it used) is stored first, then one job per planned document is queued in plan order.
 */
export class LaunchInitialSync {
  constructor(private readonly ports: LaunchInitialSyncPorts) {}

  /**
   * @returns ok({ plan, queued })
   * @returns err(use-case.state-refused) if not connected, prerequisites not met, or already launched
   * @returns err(store.* | queue.*) if a store or the queue failed
   */
  run(accountId: AccountId): ResultAsync<LaunchedInitialSync, LaunchInitialSyncError> {
    const p = this.ports;
    return safeTry<LaunchedInitialSync, LaunchInitialSyncError>(async function* (): Steps<LaunchedInitialSync, LaunchInitialSyncError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      const schedule = scheduleOf(settings, now);
      const account = yield* loadAccountDocuments(p.documents, p.records, accountId);
      const plan = planInitialSync(account.documents, { schedule, inQuickBooks: account.inQuickBooks, unmet: lastUnmet(settings) });
      const planned = plan.steps.flatMap((s) => (s.kind === 'document' ? [s.document] : []));
      const launched = launchInitialSync(settings.moduleState, planned.length).andThen((s) =>
        planned.length === 0 ? initialSyncFinished(s) : ok(s),
      );
      if (launched.isErr()) return err({ kind: 'use-case.state-refused', refusal: launched.error });
      const { connection } = launched.value;
      if (connection.kind !== 'connected') throw new Error('LaunchInitialSync: launched while not connected');
      yield* p.settings.save({ ...settings, schedule, moduleState: launched.value, initialSyncDocumentIds: planned.map((d) => d.id) });
      const queued = yield* enqueueDocuments(p.queue, p.ids, connection.realmId, planned, 'initial-sync');
      await p.progress.publish({ kind: 'progress.run-started', accountId, total: planned.length, at: now });
      return ok({ plan, queued });
    });
  }
}
