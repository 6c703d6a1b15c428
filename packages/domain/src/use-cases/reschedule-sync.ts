import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { ModuleState } from '../policy/module-state.js';
import {
  automaticSyncResumesAt,
  confirmRescheduleOf,
  reschedule,
  type CatchUpSending,
  type SyncSchedule,
} from '../policy/sync-schedule.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { RunStore } from '../ports/run-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncQueue, SyncQueueError } from '../ports/sync-queue.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Localized } from '../shared/localized.js';
import type { CalendarDate, Instant } from '../shared/time.js';
import { freshSettings } from './account-settings.js';
import { queueRun } from './queue-run.js';
import type { Steps } from './steps.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

export interface Rescheduling {
  /** Suspended until a day, or resumed with the number of documents not in QBO that the schedule now covers. */
  readonly outcome: { readonly kind: 'suspended'; readonly until: CalendarDate } | { readonly kind: 'resumed'; readonly catchUp: number };
  /** "Synchronisation suspendue jusqu'au …" or "reprise, N documents envoyés". */
  readonly confirmation: Localized;
  readonly queued: number;
  /** When suspended: the instant the suspension ends by itself; the worker runs `ResumeAutomaticSync` then. */
  readonly resumesAt: Instant | null;
}

export interface RescheduleSyncPorts {
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  readonly runs: RunStore;
  readonly queue: SyncQueue;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** When a catch-up leaves, given the module's state. */
export const catchUpSending = (state: ModuleState): CatchUpSending =>
  state.connection.kind !== 'connected' ? 'once-connected' : state.initialSync.kind === 'not-launched' ? 'with-initial-sync' : 'now';

/**
 * Queues the documents a schedule covers that are not in QBO, as one catch-up run, a page at a time.
 * @returns ok(count) queued
 */
export const queueCatchUp = (
  p: RescheduleSyncPorts,
  accountId: AccountId,
  realmId: RealmId,
  schedule: SyncSchedule,
): ResultAsync<number, StoreError | SyncQueueError> => {
  const now = p.clock.now();
  return queueRun(
    p,
    { accountId, realmId, runId: `catch-up:${p.ids.next()}`, kind: 'catch-up', reason: 'catch-up', startedAt: now },
    (visit) => forEachPage(p.documents, accountId, unsentCoveredBy(schedule, now), visit),
  ).map((run) => run.total);
};

/**
 * *Reprogrammer une synchronisation*: a future day suspends automatic sending until then (documents
 * created meanwhile are not sent; the suspension ends by itself at `resumesAt`); a past day resumes
 * it and queues the catch-up (documents since that day not in QBO, as one run, a page at a time),
 * once the initial sync was launched and a company is connected (before that, the launch sends
 * them, and the confirmation says so rather than promising a sending).
 */
export class RescheduleSync {
  constructor(private readonly ports: RescheduleSyncPorts) {}

  /**
   * @param syncFrom a calendar day already parsed (`parseCalendarDate`)
   * @returns ok({ outcome, confirmation, queued, resumesAt })
   * @returns err(store.* | queue.*) if a store or the queue failed (store.conflict: the settings changed meanwhile, try again)
   */
  run(accountId: AccountId, syncFrom: CalendarDate): ResultAsync<Rescheduling, InfrastructureError> {
    const p = this.ports;
    return safeTry<Rescheduling, InfrastructureError>(async function* (): Steps<Rescheduling, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      // The schedule and whether it suspends; the catch-up itself is counted and read below, page by page.
      const { schedule, outcome } = reschedule(settings.schedule, syncFrom, now, [], new Set());
      yield* p.settings.save({ ...settings, schedule });
      const resumesAt = automaticSyncResumesAt(schedule, now);
      if (outcome.kind === 'suspended') return ok({ outcome, confirmation: confirmRescheduleOf(schedule, outcome), queued: 0, resumesAt });
      const { connection } = settings.moduleState;
      const sending = catchUpSending(settings.moduleState);
      const queued =
        connection.kind === 'connected' && sending === 'now' ? yield* queueCatchUp(p, accountId, connection.realmId, schedule) : 0;
      const catchUp = sending === 'now' ? queued : (yield* p.documents.summarize(accountId, unsentCoveredBy(schedule, now))).count;
      const resumed = { kind: 'resumed', catchUp } as const;
      return ok({ outcome: resumed, confirmation: confirmRescheduleOf(schedule, resumed, sending), queued, resumesAt });
    });
  }
}
