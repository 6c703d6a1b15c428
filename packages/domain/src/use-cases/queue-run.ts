import type { ResultAsync } from 'neverthrow';
import type { AccountId, OgustineDocument } from '../documents/document.js';
import type { Ids } from '../ports/ids.js';
import type { RunKind, RunStore, SyncRun } from '../ports/run-store.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncJobReason, SyncQueue, SyncQueueError } from '../ports/sync-queue.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Instant } from '../shared/time.js';
import { enqueueDocuments } from './unsent-documents.js';

/** The runs the prerequisite check queues (`CheckPrerequisites`): a resync of every unsent document the schedule covers, which the sweep can walk again. */
export const PREREQUISITES_RUN_PREFIX = 'prerequisites:';

export interface QueueRunPorts {
  readonly runs: RunStore;
  readonly queue: SyncQueue;
  readonly ids: Ids;
}

export interface RunToQueue {
  readonly accountId: AccountId;
  readonly realmId: RealmId;
  readonly runId: string;
  readonly kind: RunKind;
  readonly reason: SyncJobReason;
  readonly startedAt: Instant;
}

/** Hands batches of documents (a page at a time) to `visit`; answers how many it handed. */
export type Walk<E> = (
  visit: (documents: readonly OgustineDocument[]) => ResultAsync<void, StoreError | SyncQueueError>,
) => ResultAsync<number, E>;

/**
 * Fills a run, unsealed: starts it (idempotent by id, so a replayed launch or a sweep resumes it),
 * then each batch the walk hands over joins the run and gets a job each (jobs carry the run id, and
 * the run counts them as they settle; both idempotent).
 * @returns ok(run) not sealed, with its total so far
 * @returns err(store.* | queue.* | the walk's error)
 */
export const fillRun = <E>(p: QueueRunPorts, target: RunToQueue, walk: Walk<E>): ResultAsync<SyncRun, E | StoreError | SyncQueueError> =>
  p.runs
    .start({ runId: target.runId, accountId: target.accountId, kind: target.kind, startedAt: target.startedAt })
    .mapErr((e): E | StoreError | SyncQueueError => e)
    .andThen((started) =>
      walk((documents) =>
        p.runs
          .addDocuments(
            target.accountId,
            target.runId,
            documents.map((d) => d.id),
          )
          .andThen(() => enqueueDocuments(p.queue, p.ids, target.realmId, documents, target.reason, target.runId))
          .map(() => undefined),
      )
        .mapErr((e): E | StoreError | SyncQueueError => e)
        .andThen(() => p.runs.get(target.accountId, target.runId))
        .map((run) => run ?? started),
    );

/**
 * Sends documents as one run (`fillRun`), sealed once walked: a process that stops before the seal
 * leaves an unsealed run, which the sweep (`SweepStalledWork`) carries on.
 * @returns ok(run) sealed, with its total
 * @returns err(store.* | queue.* | the walk's error)
 */
export const queueRun = <E>(p: QueueRunPorts, target: RunToQueue, walk: Walk<E>): ResultAsync<SyncRun, E | StoreError | SyncQueueError> =>
  fillRun(p, target, walk).andThen(() => p.runs.seal(target.accountId, target.runId));
