import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { scheduleChanged } from '../policy/module-state.js';
import { confirmReschedule, reschedule, type RescheduleOutcome } from '../policy/sync-schedule.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { Localized } from '../shared/localized.js';
import type { CalendarDate } from '../shared/time.js';
import { freshSettings } from './account-settings.js';
import type { Steps } from './steps.js';
import { enqueueDocuments, loadAccountDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

export interface Rescheduling {
  readonly outcome: RescheduleOutcome;
  /** "Synchronisation suspendue jusqu'au …" or "reprise, N documents envoyés". */
  readonly confirmation: Localized;
  readonly queued: number;
}

export interface RescheduleSyncPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * *Reprogrammer une synchronisation*: a future day suspends automatic sending until then; a past day
 * resumes it and queues the catch-up (documents since that day not in QBO), once the initial sync
 * was launched and a company is connected (before that, the launch sends them).
 */
export class RescheduleSync {
  constructor(private readonly ports: RescheduleSyncPorts) {}

  /**
   * @param syncFrom a calendar day already parsed (`parseCalendarDate`)
   * @returns ok({ outcome, confirmation, queued })
   * @returns err(store.* | queue.*) if a store or the queue failed
   */
  run(accountId: AccountId, syncFrom: CalendarDate): ResultAsync<Rescheduling, InfrastructureError> {
    const p = this.ports;
    return safeTry<Rescheduling, InfrastructureError>(async function* (): Steps<Rescheduling, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      const account = yield* loadAccountDocuments(p.documents, p.records, accountId);
      const rescheduled = reschedule(settings.schedule, syncFrom, now, account.documents, account.inQuickBooks);
      const moduleState = scheduleChanged(settings.moduleState, rescheduled.schedule, now).unwrapOr(settings.moduleState);
      yield* p.settings.save({ ...settings, schedule: rescheduled.schedule, moduleState });
      const { connection, initialSync } = moduleState;
      let queued = 0;
      if (rescheduled.outcome.kind === 'resumed' && connection.kind === 'connected' && initialSync.kind !== 'not-launched') {
        queued = yield* enqueueDocuments(p.queue, p.ids, connection.realmId, rescheduled.outcome.catchUp, 'catch-up');
      }
      return ok({ outcome: rescheduled.outcome, confirmation: confirmReschedule(rescheduled), queued });
    });
  }
}
