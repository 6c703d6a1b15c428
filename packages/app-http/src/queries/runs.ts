import type { AccountSettings } from '@ogustine-qbo/domain';

/**
 * A synchronisation run as the progress screens show it. Today the domain keeps one run per account,
 * the initial synchronisation, with its counts in the module state; its id is `initial-sync`.
 */
export interface RunProgress {
  readonly id: string;
  readonly kind: 'initial-sync';
  readonly status: 'running' | 'done';
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly remaining: number;
}

export const INITIAL_SYNC_RUN = 'initial-sync';

/** Intuit allows 500 requests per minute per company; a document costs about two (the transaction, then its PDF). */
export const INTUIT_REQUESTS_PER_MINUTE = 500;
export const REQUESTS_PER_DOCUMENT = 2;

/** @returns the account's runs, newest first (none before the initial sync is launched) */
export const runsOf = (settings: AccountSettings): readonly RunProgress[] => {
  const initial = settings.moduleState.initialSync;
  if (initial.kind === 'not-launched') return [];
  const { total, done, failed } = initial.progress;
  return [
    {
      id: INITIAL_SYNC_RUN,
      kind: 'initial-sync',
      status: initial.kind,
      total,
      sent: done,
      failed,
      remaining: Math.max(0, total - done - failed),
    },
  ];
};

/** The shortest time the remaining documents can take within Intuit's budget, in seconds. */
export const secondsLeftWithinBudget = (remaining: number): number =>
  Math.ceil((remaining * REQUESTS_PER_DOCUMENT * 60) / INTUIT_REQUESTS_PER_MINUTE);

/** Counts that only grow during a run: the id of a progress event, so a reconnecting client resumes after it. */
export const processedOf = (run: RunProgress): number => run.sent + run.failed;
