import type { KeepAliveReport } from '@ogustine-qbo/adapters/quickbooks';
import type { StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import { Waker } from './waker.js';

/** Once a day: a refresh token lapses after 100 days unused, and `keepConnectionsAlive` renews those with under 50 left. */
export const KEEP_ALIVE_EVERY_MS = 24 * 3_600_000;

export interface KeepAliveScheduleDeps {
  /** One pass over the connections (`keepConnectionsAlive` on the worker's authorization). */
  readonly keepConnectionsAlive: () => ResultAsync<KeepAliveReport, StoreError>;
  readonly log: Logger;
  readonly everyMs?: number;
}

/**
 * Keeps every QuickBooks connection alive even when nothing syncs: a pass when the worker starts,
 * then one a day. Several workers may pass at once: the connection store's compare-and-set keeps
 * one rotation per realm, and Intuit's grace answers the other (no `invalid_grant`).
 */
export class KeepAliveSchedule {
  private readonly waker = new Waker();
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly deps: KeepAliveScheduleDeps) {}

  start(): void {
    if (this.running !== undefined) throw new Error('KeepAliveSchedule: started twice');
    this.running = this.loop();
  }

  /** Ends the wait for the next pass; a pass in hand runs to its end. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waker.wake();
    await this.running;
  }

  /** One pass, logged: what was renewed, what must reconnect, what failed (tried again at the next pass). */
  async pass(): Promise<void> {
    const { keepConnectionsAlive, log } = this.deps;
    const report = await keepConnectionsAlive();
    if (report.isErr()) {
      log.warn({ err: report.error }, 'keep-alive: connections could not be listed');
      return;
    }
    const { renewed, reconnectRequired, failed } = report.value;
    if (reconnectRequired.length > 0)
      log.warn({ accounts: reconnectRequired }, 'keep-alive: Intuit refused the authorisation: reconnect required');
    if (failed.length > 0) log.warn({ failed }, 'keep-alive: renewal failed, tried again at the next pass');
    log.info({ renewed: renewed.length, reconnectRequired: reconnectRequired.length, failed: failed.length }, 'keep-alive pass');
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      await this.pass();
      if (this.stopping) break;
      await this.waker.sleep(this.deps.everyMs ?? KEEP_ALIVE_EVERY_MS);
    }
  }
}
