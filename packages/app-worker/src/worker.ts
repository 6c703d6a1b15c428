import type { Consumer, MessageBus, MessageHandler } from '@ogustine-qbo/adapters';
import type { Logger } from 'pino';
import type { HistoryLoop } from './jobs/history-loop.js';
import type { JobLoop } from './jobs/job-loop.js';
import type { KeepAliveSchedule } from './jobs/keep-alive-schedule.js';
import type { Sweeper } from './jobs/sweeper.js';

export interface WorkerParts {
  readonly bus: MessageBus;
  readonly handler: MessageHandler;
  readonly jobs: JobLoop;
  /** Imports and reconciles the accounts' history from the billing core; null when the worker has no billing core. */
  readonly history: HistoryLoop | null;
  /** The daily pass that keeps QuickBooks connections alive when nothing syncs. */
  readonly keepAlive?: KeepAliveSchedule;
  readonly log: Logger;
  /** Work left between two steps by a process that stopped, carried on at start and on a timer. */
  readonly sweeper?: Sweeper;
}

/**
 * The worker process's activities: consuming Ogustine's document events, running sync jobs,
 * importing (then reconciling) the accounts' history from the billing core, and the daily keep-alive
 * of the QuickBooks connections. `stop` is the graceful shutdown (SIGTERM): no new message, no new job; the messages in hand
 * are settled (acknowledged only once their outcome is durable) and the jobs in hand run to their
 * outcome (a keep-alive pass in hand too); then the bus's channel closes. A SIGKILL loses nothing either: unacknowledged messages
 * come again, and a leased job is handed out again when its lease expires.
 */
export class Worker {
  private consumer: Consumer | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly parts: WorkerParts) {}

  /** @returns false if the bus could not be consumed (logged) */
  async start(): Promise<boolean> {
    const { bus, handler, jobs, log } = this.parts;
    const consumer = await bus.consume(handler);
    if (consumer.isErr()) {
      log.error({ err: consumer.error }, 'cannot consume document events');
      return false;
    }
    this.consumer = consumer.value;
    jobs.start();
    this.parts.history?.start();
    this.parts.sweeper?.start();
    this.parts.keepAlive?.start();
    log.info('worker started');
    return true;
  }

  /** Idempotent: a second SIGTERM waits for the same shutdown. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const { bus, jobs, history, log } = this.parts;
      log.info('worker stopping: settling messages and jobs in hand');
      await Promise.all([this.consumer?.stop(), jobs.stop(), history?.stop(), this.parts.sweeper?.stop(), this.parts.keepAlive?.stop()]);
      await bus.close();
      log.info('worker stopped');
    })();
    return this.stopped;
  }

  get stopping(): boolean {
    return this.stopped !== undefined;
  }
}
