import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { scheduleChanged } from '../policy/module-state.js';
import { confirmRescheduleOf, reschedule } from '../policy/sync-schedule.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { RunStore } from '../ports/run-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { Localized } from '../shared/localized.js';
import type { CalendarDate } from '../shared/time.js';
import { freshSettings } from './account-settings.js';
import { queueRun } from './queue-run.js';
import type { Steps } from './steps.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

export interface Rescheduling {
  /** Suspended until a day, or resumed with the number of documents the catch-up sends. */
  readonly outcome: { readonly kind: 'suspended'; readonly until: CalendarDate } | { readonly kind: 'resumed'; readonly catchUp: number };
  /** "Synchronisation suspendue jusqu'au …" or "reprise, N documents envoyés". */
  readonly confirmation: Localized;
  readonly queued: number;
  /** The catch-up's run, when documents were queued. */
  readonly runId?: string;
}

export interface RescheduleSyncPorts {
  readonly documents: DocumentStore;
  readonly settings: SettingsStore;
  readonly runs: RunStore;
  readonly queue: SyncQueue;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * *Reprogrammer une synchronisation*: a future day suspends automatic sending until then; a past day
 * resumes it and queues the catch-up (documents since that day not in QBO, as one run, a page at a
 * time), once the initial sync was launched and a company is connected (before that, the launch
 * sends them).
 */
export class RescheduleSync {
  constructor(private readonly ports: RescheduleSyncPorts) {}

  /**
   * @param syncFrom a calendar day already parsed (`parseCalendarDate`)
   * @returns ok({ outcome, confirmation, queued })
   * @returns err(store.* | queue.*) if a store or the queue failed (store.conflict: the settings changed meanwhile, try again)
   */
  run(accountId: AccountId, syncFrom: CalendarDate): ResultAsync<Rescheduling, InfrastructureError> {
    const p = this.ports;
    return safeTry<Rescheduling, InfrastructureError>(async function* (): Steps<Rescheduling, InfrastructureError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const now = p.clock.now();
      // The schedule and whether it suspends; the catch-up itself is read below, page by page.
      const { schedule, outcome } = reschedule(settings.schedule, syncFrom, now, [], new Set());
      const moduleState = scheduleChanged(settings.moduleState, schedule, now).unwrapOr(settings.moduleState);
      yield* p.settings.save({ ...settings, schedule, moduleState });
      if (outcome.kind === 'suspended') return ok({ outcome, confirmation: confirmRescheduleOf(schedule, outcome), queued: 0 });
      const { connection, initialSync } = moduleState;
      const unsent = unsentCoveredBy(schedule, now);
      if (connection.kind !== 'connected' || initialSync.kind === 'not-launched') {
        const { count } = yield* p.documents.summarize(accountId, unsent);
        const resumed = { kind: 'resumed', catchUp: count } as const;
        return ok({ outcome: resumed, confirmation: confirmRescheduleOf(schedule, resumed), queued: 0 });
      }
      const runId = `catch-up:${p.ids.next()}`;
      const run = yield* queueRun(
        p,
        { accountId, realmId: connection.realmId, runId, kind: 'catch-up', reason: 'catch-up', startedAt: now },
        (visit) => forEachPage(p.documents, accountId, unsent, visit),
      );
      const resumed = { kind: 'resumed', catchUp: run.total } as const;
      return ok({ outcome: resumed, confirmation: confirmRescheduleOf(schedule, resumed), queued: run.total, runId });
    });
  }
}
