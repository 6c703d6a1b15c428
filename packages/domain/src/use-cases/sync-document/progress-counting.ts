import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import { initialSyncFinished, recordProgress } from '../../policy/module-state.js';
import type { Clock } from '../../ports/clock.js';
import type { DocumentProgress, ProgressFeed } from '../../ports/progress-feed.js';
import type { SettingsStore } from '../../ports/settings-store.js';
import type { SyncRecordStore } from '../../ports/sync-record-store.js';
import { transactionOf } from '../../sync/sync-record.js';
import type { SyncDocumentError } from '../../sync/sync-outcome.js';
import type { ErrorJournal } from '../error-journal.js';
import type { Attempt } from './attempt.js';

export interface ProgressCountingPorts {
  readonly settings: SettingsStore;
  readonly records: SyncRecordStore;
  readonly journal: ErrorJournal;
  readonly progress: ProgressFeed;
  readonly clock: Clock;
}

/** What a finished attempt tells the screens: a progress event, and the initial sync's counts. */
export class ProgressCounting {
  constructor(private readonly ports: ProgressCountingPorts) {}

  /**
   * Publishes where the document stands (a courtesy: a lost event loses nothing), then, for an
   * initial-sync job, recounts the run.
   * @returns ok() once counted
   * @returns err(store.* | error-history.*) if the counts could not be read or stored
   */
  documentFinished({ job, doc }: Attempt, status: DocumentProgress): ResultAsync<void, SyncDocumentError> {
    const { progress, clock } = this.ports;
    return progress
      .publish({ kind: 'progress.document', accountId: doc.accountId, documentId: doc.id, status, at: clock.now() })
      .orElse(() => okAsync(undefined))
      .andThen(() => (job.reason === 'initial-sync' ? this.countInitialSync(doc.accountId) : okAsync(undefined)));
  }

  /** Counts the planned documents sent or failed; the initial sync is done once each is one or the other. */
  private countInitialSync(accountId: AccountId): ResultAsync<void, SyncDocumentError> {
    const { settings: settingsStore, records, journal } = this.ports;
    return settingsStore.get(accountId).andThen((settings) => {
      if (settings === null || settings.moduleState.initialSync.kind !== 'running') return okAsync(undefined);
      const planned = settings.initialSyncDocumentIds ?? [];
      return records.list(accountId).andThen((all) =>
        journal.load(accountId).andThen((history) => {
          const sent = new Set(all.filter((r) => transactionOf(r) !== null).map((r) => r.documentId));
          const failing = new Set([...history.records.values()].filter((r) => r.state !== 'resolved').map((r) => r.documentId));
          const done = planned.filter((id) => sent.has(id)).length;
          const failed = planned.filter((id) => !sent.has(id) && failing.has(id)).length;
          const progressed = recordProgress(settings.moduleState, { done, failed }).unwrapOr(settings.moduleState);
          const state = done + failed === planned.length ? initialSyncFinished(progressed).unwrapOr(progressed) : progressed;
          return state === settings.moduleState ? okAsync(undefined) : settingsStore.save({ ...settings, moduleState: state });
        }),
      );
    });
  }
}
