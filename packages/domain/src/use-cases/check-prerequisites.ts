import { ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { prerequisitesChecked } from '../policy/module-state.js';
import { mergeNeeds, needsOf, NO_NEEDS } from '../policy/document-needs.js';
import { checkNeeds } from '../policy/prerequisites.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { CompanyProfileCache } from '../ports/company-profile-cache.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { RunStore } from '../ports/run-store.js';
import type { CompanyProfile } from '../qbo/company-profile.js';
import { scheduleOf } from './account-settings.js';
import { updateSettings } from './update-settings.js';
import { CompanyProfiles } from './company-profiles.js';
import type { Steps } from './steps.js';
import { PREREQUISITES_RUN_PREFIX, queueRun } from './queue-run.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { CompanyAccessError, InfrastructureError, StateRefusal } from './use-case-error.js';

export interface PrerequisitesOutcome {
  readonly profile: CompanyProfile;
  /** Empty when the company is ready. */
  readonly unmet: readonly UnmetPrerequisite[];
  /** Documents queued because the check now passes and the initial sync was launched. */
  readonly queued: number;
}

export type CheckPrerequisitesError = CompanyAccessError | InfrastructureError | StateRefusal;

export interface CheckPrerequisitesPorts {
  readonly gateway: AccountingGateway;
  readonly documents: DocumentStore;
  readonly runs: RunStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly clock: Clock;
  readonly ids: Ids;
  /** *Réessayer* reads the company again for every process: the kept profile is replaced (rule 11). */
  readonly profiles: CompanyProfileCache;
}

/**
 * The prerequisite check of the connected company (after connecting, and the Retry button): reads
 * the company from QBO (not the kept profile: the user may just have fixed it there, and every
 * process then sees the fix), checks it against the documents not yet in QBO, stores the result. Once it passes
 * after the initial sync was launched, the documents it held are queued.
 */
export class CheckPrerequisites {
  constructor(private readonly ports: CheckPrerequisitesPorts) {}

  /**
   * @returns ok({ profile, unmet, queued })
   * @returns err(connection.missing | auth.* | qbo.failed) if the company cannot be read
   * @returns err(use-case.state-refused) if the account is not connected
   * @returns err(store.* | queue.*) if a store or the queue failed
   */
  run(accountId: AccountId): ResultAsync<PrerequisitesOutcome, CheckPrerequisitesError> {
    const p = this.ports;
    return safeTry<PrerequisitesOutcome, CheckPrerequisitesError>(async function* (): Steps<PrerequisitesOutcome, CheckPrerequisitesError> {
      const accounting = yield* p.gateway.open(accountId);
      const profile = yield* new CompanyProfiles(p).refresh(accounting).mapErr((failure) => ({ kind: 'qbo.failed' as const, failure }));
      // Every document not in QBO, a page at a time: only their needs are kept, counted (each with its
      // first documents, which the messages name), never the history itself.
      let needs = NO_NEEDS;
      yield* forEachPage(p.documents, accountId, { inQuickBooks: false }, (page) => {
        needs = mergeNeeds(needs, needsOf(page));
        return okAsync<void, never>(undefined);
      });
      const unmet = checkNeeds(profile, needs);
      // Stored on the settings as they are when saved: a launch, or the worker counting a run, may
      // have saved them since they were first read; the check then applies to what it reads again.
      const settings = yield* updateSettings<CheckPrerequisitesError>(p.settings, accountId, (current) =>
        prerequisitesChecked(current.moduleState, unmet)
          .map((moduleState) => ({ ...current, moduleState }))
          .mapErr((refusal): CheckPrerequisitesError => ({ kind: 'use-case.state-refused', refusal })),
      );
      const { connection, initialSync } = settings.moduleState;
      let queued = 0;
      if (unmet.length === 0 && connection.kind === 'connected' && initialSync.kind !== 'not-launched') {
        const now = p.clock.now();
        const run = yield* queueRun(
          p,
          {
            accountId,
            realmId: connection.realmId,
            runId: `${PREREQUISITES_RUN_PREFIX}${p.ids.next()}`,
            kind: 'resync',
            reason: 'resync',
            startedAt: now,
          },
          (visit) => forEachPage(p.documents, accountId, unsentCoveredBy(scheduleOf(settings, now), now), visit),
        );
        queued = run.total;
      }
      return ok({ profile, unmet, queued });
    });
  }
}
