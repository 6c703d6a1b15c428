import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Page } from '../ports/page.js';
import type { RunKind, RunStore } from '../ports/run-store.js';
import type { StalledWorkSource, UnsealedRun } from '../ports/stalled-work-source.js';
import type { Instant } from '../shared/time.js';
import { scheduleOf } from './account-settings.js';
import { decideAndQueueMany, type DecideAndQueuePorts } from './decide-and-queue.js';
import { sealInitialSyncRun, type LaunchInitialSync } from './launch-initial-sync.js';
import { PREREQUISITES_RUN_PREFIX, queueRun } from './queue-run.js';
import { catchUpSending } from './reschedule-sync.js';
import { forEachPage, unsentCoveredBy } from './unsent-documents.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

/**
 * A document recorded less than this long ago may still be in its receipt's hands (deciding it, or
 * its message waiting out a retry after the queue failed): the sweep leaves it for the next pass.
 */
export const SWEEP_GRACE_MS = 2 * 60_000;

/** A launch started less than this long ago may still be walking a long history: the sweep leaves it alone. */
export const LAUNCH_GRACE_MS = 15 * 60_000;

/** What a sweep did; `upTo` is where the next sweep starts. */
export interface SweepReport {
  /** Documents recorded in the window and never decided (not in QBO, no job, no sync record) that were looked at. */
  readonly examined: number;
  /** Recorded, due, with no job and never tried: queued now. */
  readonly queued: number;
  /** Initial syncs whose launch had stopped half-way, carried on to the end. */
  readonly launchesResumed: number;
  /** Half-done launches the module state now refuses (disconnected, a prerequisite unmet): their queued jobs still run. */
  readonly launchesLeft: number;
  /** Catch-ups and resyncs stopped half-way, carried on (or sealed as they stood: below). */
  readonly runsResumed: number;
  /** Unsealed runs past the grace left for a later sweep: grown since the last sweep (still walked by some process), or not seen before. */
  readonly walksLeft: number;
  readonly upTo: Instant;
}

export interface SweepStalledWorkPorts extends DecideAndQueuePorts {
  readonly stalled: StalledWorkSource;
  readonly documents: DocumentStore;
  readonly runs: RunStore;
  readonly clock: Clock;
  readonly launch: Pick<LaunchInitialSync, 'run'>;
}

/**
 * Finds the work a process left between two steps when it stopped, and carries it on; every step
 * is idempotent, so running it while the normal flow also runs, or from several workers at once,
 * does nothing twice.
 * - A document recorded (`ReceiveValidatedDocument`'s first step) but never decided: its message was
 *   lost or set aside after the record. Looked at once per window: not in QBO, no job, no sync
 *   record (never tried; a tried document's fate is its job's and its history's) → decided now
 *   (`decideAndQueue`): queued when due, its refusal recorded once, held as the policy says.
 * - An initial sync whose launch stopped while it queued its documents, or before it was stored
 *   (its run never sealed: the launch seals it last): the launch is carried on with the same `asOf`
 *   as the run's start, so the same documents are queued and the launch is stored. The user asked
 *   for it, and it is irrevocable: its first jobs may already be in QuickBooks. A launch stored whose
 *   run was not sealed yet is sealed, so the initial sync can end.
 * - A catch-up, or the resync the prerequisite check queues, stopped half-way (its run never
 *   sealed): its walk (the documents the schedule covers, not in QBO) is carried on into the same
 *   run, then sealed. A resync of documents the user picked cannot be walked again (the pick is
 *   not stored): it is sealed as it stood, and the documents it did not reach keep their open errors.
 * - A walk (a launch not stored, a catch-up, a resync) is carried on only once its run has stopped
 *   growing between two sweeps: the process that started it may still be walking a long history.
 * - A job leased by a worker that died is not the sweep's: its lease expires and the job table hands
 *   it out again (ADR 0004).
 * Reads are pages of the window and look-ups by key: never a whole account.
 */
export class SweepStalledWork {
  /** Each unsealed run's size when a sweep last saw it past the grace (`standsStill`). */
  private readonly walks = new Map<string, number>();

  constructor(private readonly ports: SweepStalledWorkPorts) {}

  /**
   * Whether nothing walks the run any more: it holds as many documents as when the last sweep saw it.
   * A launch of 100,000 documents outlasts any grace on a busy machine: carrying on a walk still
   * going would make a second walker of the whole history. A run seen for the first time (a worker
   * just started) is carried on at the next sweep, if it has not grown by then.
   */
  private standsStill(run: UnsealedRun, total: number): boolean {
    const key = JSON.stringify([run.accountId, run.runId]);
    const before = this.walks.get(key);
    this.walks.set(key, total);
    return before === total;
  }

  /**
   * @param from where the last sweep stopped (its `upTo`), or how far back to look after a start
   * @returns ok(report) with `upTo`, the next sweep's `from`
   * @returns err(store.* | queue.*) if a store or the queue failed (nothing is lost: sweep again from `from`)
   */
  run(from: Instant): ResultAsync<SweepReport, InfrastructureError> {
    const p = this.ports;
    const standsStill = (run: UnsealedRun, total: number): boolean => this.standsStill(run, total);
    return safeTry<SweepReport, InfrastructureError>(async function* (): Steps<SweepReport, InfrastructureError> {
      const now = p.clock.now();
      let walksLeft = 0;
      /** The run's walk may be carried on: it stands still (`standsStill`); counted in `walksLeft` when not. */
      const stalled = (run: UnsealedRun) =>
        p.runs.get(run.accountId, run.runId).map((stored) => {
          const still = standsStill(run, stored?.total ?? 0);
          if (!still) walksLeft += 1;
          return still;
        });
      const upTo = Math.max(from, now - SWEEP_GRACE_MS);
      let examined = 0;
      let queued = 0;
      let cursor: string | undefined;
      do {
        const page = yield* p.stalled.recordedUndecided(from, upTo, cursor === undefined ? {} : { cursor });
        // A page decided together: each account's settings read once, the records together, one enqueue.
        const outcomes = yield* decideAndQueueMany(
          p,
          page.items.map((u) => u.document),
          now,
        );
        examined += page.items.length;
        queued += outcomes.filter((o) => o.kind === 'queued').length;
        cursor = page.next ?? undefined;
      } while (cursor !== undefined);

      let launchesResumed = 0;
      let launchesLeft = 0;
      let runCursor: string | undefined;
      do {
        const page: Page<UnsealedRun> = yield* p.stalled.unsealedRuns(
          'initial-sync',
          now - LAUNCH_GRACE_MS,
          runCursor === undefined ? {} : { cursor: runCursor },
        );
        for (const run of page.items) {
          const settings = yield* p.settings.get(run.accountId);
          if (settings?.initialSyncRunId === run.runId) {
            yield* sealInitialSyncRun(p, run.accountId, run.runId);
            launchesResumed += 1;
            continue;
          }
          if (!(yield* stalled(run))) continue;
          const launched = await p.launch.run(run.accountId, run.startedAt);
          if (launched.isOk()) {
            launchesResumed += 1;
            continue;
          }
          const e = launched.error;
          // Refused by the module state, or another process carrying it on at the same time (its save won).
          if (e.kind === 'use-case.state-refused' || e.kind === 'store.conflict') launchesLeft += 1;
          else return err(e);
        }
        runCursor = page.next ?? undefined;
      } while (runCursor !== undefined);
      let runsResumed = 0;
      for (const kind of ['catch-up', 'resync'] as const) {
        let cursor: string | undefined;
        do {
          const page: Page<UnsealedRun> = yield* p.stalled.unsealedRuns(
            kind,
            now - LAUNCH_GRACE_MS,
            cursor === undefined ? {} : { cursor },
          );
          for (const run of page.items) {
            if (!(yield* stalled(run))) continue;
            yield* carryOnRun(p, run, kind, now);
            runsResumed += 1;
          }
          cursor = page.next ?? undefined;
        } while (cursor !== undefined);
      }
      return ok({ examined, queued, launchesResumed, launchesLeft, runsResumed, walksLeft, upTo });
    });
  }
}

/** A catch-up or resync run stopped half-way: its walk carried on into it when it can be walked again and sent now, then sealed. */
const carryOnRun = (p: SweepStalledWorkPorts, run: UnsealedRun, kind: Exclude<RunKind, 'initial-sync'>, now: Instant) =>
  safeTry<void, InfrastructureError>(async function* (): Steps<void, InfrastructureError> {
    const settings = yield* p.settings.get(run.accountId);
    const connection = settings?.moduleState.connection;
    const walkable = kind === 'catch-up' || run.runId.startsWith(PREREQUISITES_RUN_PREFIX);
    if (settings === null || connection?.kind !== 'connected' || !walkable || catchUpSending(settings.moduleState) !== 'now') {
      yield* p.runs.seal(run.accountId, run.runId);
      return ok(undefined);
    }
    const schedule = scheduleOf(settings, now);
    yield* queueRun(
      p,
      { accountId: run.accountId, realmId: connection.realmId, runId: run.runId, kind, reason: kind, startedAt: run.startedAt },
      (visit) => forEachPage(p.documents, run.accountId, unsentCoveredBy(schedule, now), visit),
    );
    return ok(undefined);
  });
