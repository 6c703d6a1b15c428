import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { planInitialSync, type InitialSyncPlan } from '../policy/initial-sync-plan.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { Steps } from './steps.js';
import { loadAccountDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

export interface PreviewInitialSyncPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly clock: Clock;
}

/** The settings screen's preview: what the first synchronisation will send, how many, what is blocked and why. */
export class PreviewInitialSync {
  constructor(private readonly ports: PreviewInitialSyncPorts) {}

  /**
   * @returns ok(plan) from the stored documents, the schedule and the last prerequisite check
   * @returns err(store.*) if a store failed
   */
  run(accountId: AccountId): ResultAsync<InitialSyncPlan, InfrastructureError> {
    const p = this.ports;
    return safeTry<InitialSyncPlan, InfrastructureError>(async function* (): Steps<InitialSyncPlan, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const account = yield* loadAccountDocuments(p.documents, p.records, accountId);
      return ok(
        planInitialSync(account.documents, {
          schedule: scheduleOf(settings, p.clock.now()),
          inQuickBooks: account.inQuickBooks,
          unmet: lastUnmet(settings),
        }),
      );
    });
  }
}
