import type { AccountId, ProgressFeed, StoreError } from '@ogustine-qbo/domain';
import type { SSEStreamingApi } from 'hono/streaming';
import type { Outcome } from '../http/outcome.js';
import { processedOf, secondsLeftWithinBudget, type RunProgress } from '../queries/runs.js';

/** One progress event's data: the run's counts, its observed pace, and the time left. */
export interface ProgressSnapshot extends RunProgress {
  /** Documents finished per minute since this stream opened; null until something finished. */
  readonly ratePerMinute: number | null;
  /** Time left: the pace seen so far, never less than Intuit's budget allows. */
  readonly secondsLeft: number;
}

export interface ProgressStreamSettings {
  readonly accountId: AccountId;
  readonly runId: string;
  /** Reads the run from the store: the truth, whoever (another process) did the work. */
  readonly readRun: () => Promise<Outcome<RunProgress | null, StoreError>>;
  /** Wakes the stream early when a worker publishes (a courtesy: the poll catches what it misses). */
  readonly feed: ProgressFeed;
  readonly pollMs: number;
  /** The `Last-Event-ID` the client sent back on reconnection. */
  readonly lastEventId: string | undefined;
  readonly now: () => number;
}

/** The event id after which the client is: a count of finished documents, or `end`. */
const resumePoint = (lastEventId: string | undefined): number => {
  if (lastEventId === 'end') return Number.POSITIVE_INFINITY;
  return lastEventId !== undefined && /^\d{1,9}$/.test(lastEventId) ? Number(lastEventId) : -1;
};

const HEARTBEAT_MS = 15_000;

/**
 * Streams a run's progress until it ends: a `progress` event each time the count of finished
 * documents grows (its id is that count, so a client reconnecting with `Last-Event-ID` gets only what
 * is newer), then an `end` event. Wakes on the feed's events and polls the store meanwhile, so it
 * works when the worker is another process and when an event is lost. Stops as soon as the client leaves.
 */
export const streamProgress = async (stream: SSEStreamingApi, s: ProgressStreamSettings): Promise<void> => {
  let wake: (() => void) | undefined;
  const unsubscribe = s.feed.subscribe(s.accountId, () => wake?.());
  stream.onAbort(() => wake?.());
  let sentUpTo = resumePoint(s.lastEventId);
  let baseline: { at: number; processed: number } | undefined;
  let lastWrite = s.now();
  try {
    await stream.writeSSE({ data: '', retry: Math.max(1000, s.pollMs) });
    while (!stream.aborted) {
      const read = await s.readRun();
      if (!read.ok || read.value === null) {
        // The store is down (or the run vanished): the client's EventSource reconnects after `retry`.
        await stream.writeSSE({ event: 'unavailable', data: JSON.stringify({ runId: s.runId }) });
        return;
      }
      const run = read.value;
      const processed = processedOf(run);
      const now = s.now();
      baseline ??= { at: now, processed };
      if (processed > sentUpTo) {
        const minutes = (now - baseline.at) / 60_000;
        const rate = minutes > 0 && processed > baseline.processed ? (processed - baseline.processed) / minutes : null;
        const paced = rate === null ? 0 : Math.ceil((run.remaining / rate) * 60);
        const snapshot: ProgressSnapshot = {
          ...run,
          ratePerMinute: rate === null ? null : Math.round(rate * 10) / 10,
          secondsLeft: Math.max(secondsLeftWithinBudget(run.remaining), paced),
        };
        await stream.writeSSE({ id: String(processed), event: 'progress', data: JSON.stringify(snapshot) });
        sentUpTo = processed;
        lastWrite = now;
      }
      if (run.status === 'done') {
        await stream.writeSSE({ id: 'end', event: 'end', data: JSON.stringify({ runId: s.runId }) });
        return;
      }
      if (now - lastWrite >= HEARTBEAT_MS) {
        await stream.write(': keep-alive\n\n');
        lastWrite = now;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, s.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
};
