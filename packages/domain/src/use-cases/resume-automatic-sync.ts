import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { automaticSyncResumesAt } from '../policy/sync-schedule.js';
import type { Instant } from '../shared/time.js';
import { scheduleOf } from './account-settings.js';
import { catchUpSending, queueCatchUp, type RescheduleSyncPorts } from './reschedule-sync.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

export type WakeUp =
  /** The suspension is over: automatic sending is on, and the documents due are queued. */
  | { readonly kind: 'resumed'; readonly queued: number }
  /** Still suspended (woken too early, or the user chose a later day since): wake up again at `resumesAt`. */
  | { readonly kind: 'still-suspended'; readonly resumesAt: Instant };

/** The same stores and queue as rescheduling. */
export type ResumeAutomaticSyncPorts = RescheduleSyncPorts;

/**
 * The worker's wake-up at the end of a suspension (`Rescheduling.resumesAt`): no user action. The
 * schedule itself says automatic sending is on from that day; this queues what is due then: the
 * documents the schedule covers that are not in QBO (none were sent during the suspension).
 * Running it twice queues nothing more while the first jobs are unfinished (enqueue is idempotent).
 */
export class ResumeAutomaticSync {
  constructor(private readonly ports: ResumeAutomaticSyncPorts) {}

  /**
   * @returns ok(resumed with the count queued) or ok(still-suspended with the next wake-up)
   * @returns err(store.* | queue.*) if a store or the queue failed
   */
  run(accountId: AccountId): ResultAsync<WakeUp, InfrastructureError> {
    const p = this.ports;
    return safeTry<WakeUp, InfrastructureError>(async function* (): Steps<WakeUp, InfrastructureError> {
      const settings = yield* p.settings.get(accountId);
      if (settings === null) return ok({ kind: 'resumed', queued: 0 });
      const now = p.clock.now();
      const schedule = scheduleOf(settings, now);
      const resumesAt = automaticSyncResumesAt(schedule, now);
      if (resumesAt !== null) return ok({ kind: 'still-suspended', resumesAt });
      const { connection } = settings.moduleState;
      if (connection.kind !== 'connected' || catchUpSending(settings.moduleState) !== 'now') return ok({ kind: 'resumed', queued: 0 });
      const queued = yield* queueCatchUp(p, accountId, connection.realmId, schedule);
      return ok({ kind: 'resumed', queued });
    });
  }
}
