import { isRunComplete, type AccountId, type SettingsStore, type RunStore, type StoreError, type SyncRun } from '@ogustine-qbo/domain';
import type { Outcome } from '../http/outcome.js';
import { outcomeOf } from '../http/router.js';

/** A synchronisation run as the progress screens show it. */
export interface RunProgress {
  readonly id: string;
  readonly kind: SyncRun['kind'];
  readonly status: 'running' | 'done';
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  /** Held with a visible reason (the error history or the document's status says why). */
  readonly held: number;
  readonly remaining: number;
}

/** The API names the account's initial synchronisation `initial-sync`, whatever its stored id. */
export const INITIAL_SYNC_RUN = 'initial-sync';

/** Intuit allows 500 requests per minute per company; a document costs about two (the transaction, then its PDF). */
export const INTUIT_REQUESTS_PER_MINUTE = 500;
export const REQUESTS_PER_DOCUMENT = 2;

export const progressOf = (run: SyncRun): RunProgress => ({
  id: INITIAL_SYNC_RUN,
  kind: run.kind,
  status: isRunComplete(run) ? 'done' : 'running',
  total: run.total,
  sent: run.sent,
  failed: run.failed,
  held: run.held,
  remaining: Math.max(0, run.total - run.sent - run.failed - run.held),
});

/**
 * @returns ok(run) of the account's initial synchronisation, ok(null) before it is launched or for another id
 * @returns err(store.*) if a store failed
 */
export const readRun = async (
  ports: { readonly settings: SettingsStore; readonly runs: RunStore },
  accountId: AccountId,
  runId: string,
): Promise<Outcome<RunProgress | null, StoreError>> => {
  if (runId !== INITIAL_SYNC_RUN) return { ok: true, value: null };
  const settings = await outcomeOf(ports.settings.get(accountId));
  if (!settings.ok) return settings;
  const storedId = settings.value?.initialSyncRunId;
  if (storedId === undefined) return { ok: true, value: null };
  const run = await outcomeOf(ports.runs.get(accountId, storedId));
  if (!run.ok) return run;
  return { ok: true, value: run.value === null ? null : progressOf(run.value) };
};

/** The shortest time the remaining documents can take within Intuit's budget, in seconds. */
export const secondsLeftWithinBudget = (remaining: number): number =>
  Math.ceil((remaining * REQUESTS_PER_DOCUMENT * 60) / INTUIT_REQUESTS_PER_MINUTE);

/** Counts that only grow during a run: the id of a progress event, so a reconnecting client resumes after it. */
export const processedOf = (run: RunProgress): number => run.sent + run.failed + run.held;
