import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { ModuleState } from '../policy/module-state.js';
import {
  automaticSyncResumesAt,
  confirmReschedule,
  reschedule,
  type CatchUpSending,
  type RescheduleOutcome,
} from '../policy/sync-schedule.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { Localized } from '../shared/localized.js';
import type { CalendarDate, Instant } from '../shared/time.js';
import { freshSettings } from './account-settings.js';
import type { Steps } from './steps.js';
import { enqueueDocuments, loadAccountDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

export interface Rescheduling {
  readonly outcome: RescheduleOutcome;
  /** "Synchronisation suspendue jusqu'au …" or "reprise, N documents envoyés". */
  readonly confirmation: Localized;
  readonly queued: number;
  /** When suspended: the instant the suspension ends by itself; the worker runs `ResumeAutomaticSync` then. */
  readonly resumesAt: Instant | null;
}

export interface RescheduleSyncPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** When a catch-up leaves, given the module's state. */
export const catchUpSending = (state: ModuleState): CatchUpSending =>
  state.connection.kind !== 'connected' ? 'once-connected' : state.initialSync.kind === 'not-launched' ? 'with-initial-sync' : 'now';

/**
 * *Reprogrammer une synchronisation*: a future day suspends automatic sending until then (documents
 * created meanwhile are not sent; the suspension ends by itself at `resumesAt`); a past day resumes
 * it and queues the catch-up (documents since that day not in QBO), once the initial sync was
 * launched and a company is connected (before that, the launch sends them, and the confirmation
 * says so rather than promising a sending).
 */
export class RescheduleSync {
  constructor(private readonly ports: RescheduleSyncPorts) {}

  /**
   * @param syncFrom a calendar day already parsed (`parseCalendarDate`)
   * @returns ok({ outcome, confirmation, queued, resumesAt })
   * @returns err(store.* | queue.*) if a store or the queue failed
   */
  run(accountId: AccountId, syncFrom: CalendarDate): ResultAsync<Rescheduling, InfrastructureError> {
    const p = this.ports;
    return safeTry<Rescheduling, InfrastructureError>(async function* (): Steps<Rescheduling, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      const account = yield* loadAccountDocuments(p.documents, p.records, accountId);
      const rescheduled = reschedule(settings.schedule, syncFrom, now, account.documents, account.inQuickBooks);
      yield* p.settings.save({ ...settings, schedule: rescheduled.schedule });
      const { connection } = settings.moduleState;
      const sending = catchUpSending(settings.moduleState);
      let queued = 0;
      if (rescheduled.outcome.kind === 'resumed' && connection.kind === 'connected' && sending === 'now') {
        queued = yield* enqueueDocuments(p.queue, p.ids, connection.realmId, rescheduled.outcome.catchUp, 'catch-up');
      }
      return ok({
        outcome: rescheduled.outcome,
        confirmation: confirmReschedule(rescheduled, sending),
        queued,
        resumesAt: automaticSyncResumesAt(rescheduled.schedule, now),
      });
    });
  }
}
