import type { AccountId, Clock, ConnectionStore, HistoryPass, ImportBillingHistory, ImportHistoryError } from '@ogustine-qbo/domain';
import type { Result } from 'neverthrow';
import type { Logger } from 'pino';
import { Waker } from './waker.js';

export interface HistoryLoopDeps {
  readonly importer: Pick<ImportBillingHistory, 'run' | 'reconcile'>;
  /** Which accounts to serve: every connected one. */
  readonly connections: Pick<ConnectionStore, 'listExpiringBefore'>;
  readonly clock: Clock;
  readonly log: Logger;
  /** How often the loop looks at the accounts. */
  readonly everyMs: number;
  /** History pages imported per account and look (the others wait their turn: an import never holds the loop long). */
  readonly pagesPerLook: number;
  /** How often an account's recent history is read again (the reconciliation). */
  readonly reconcileEveryMs: number;
  /** How far back the reconciliation reads. */
  readonly reconcileWindowMs: number;
  /** Documents were queued: the job loop looks now. */
  readonly onQueued: () => void;
  /**
   * The account's import just ended: its prerequisites are checked again, now against the whole
   * history (a check made on connecting saw only the documents imported by then).
   */
  readonly onImported: (accountId: AccountId) => Promise<void>;
}

/** Every connection there is: a refresh token never expires after this instant. */
const EVERY_CONNECTION = Number.MAX_SAFE_INTEGER;

/**
 * The worker's history loop. For each connected account it imports the billing core's history into
 * the document store, a few pages a look (`ImportBillingHistory.run`: resumable from its stored
 * cursor, so a restart or another worker goes on where the import stands), and once the import is
 * done, reads the last days of the history again every `reconcileEveryMs` (`reconcile`), so a
 * validated document whose event never arrived, or was lost, is recorded and queued all the same.
 * Both are idempotent: two workers doing it at once only cost reads.
 */
export class HistoryLoop {
  private readonly waker = new Waker();
  private readonly reconciledAt = new Map<AccountId, number>();
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly deps: HistoryLoopDeps) {}

  start(): void {
    if (this.running !== undefined) throw new Error('HistoryLoop: started twice');
    this.running = (async () => {
      while (!this.stopping) {
        await this.look();
        if (!this.stopping) await this.waker.sleep(this.deps.everyMs);
      }
    })();
  }

  /** Ends after the account in hand (its page is saved). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waker.wake();
    await this.running;
  }

  /** One look at every connected account: import pages, or reconcile when it is time. */
  async look(): Promise<void> {
    const { connections, log } = this.deps;
    const listed = await connections.listExpiringBefore(EVERY_CONNECTION);
    if (listed.isErr()) {
      log.warn({ err: listed.error }, 'history: cannot list the connected accounts');
      return;
    }
    for (const connection of listed.value) {
      if (this.stopping) return;
      if (connection.status === 'connected') await this.serve(connection.accountId);
    }
  }

  private async serve(accountId: AccountId): Promise<void> {
    const { importer, clock } = this.deps;
    const imported = this.report(accountId, 'import', await importer.run(accountId, this.deps.pagesPerLook));
    if (imported?.progress.kind !== 'done') return;
    if (imported.finished) await this.deps.onImported(accountId);
    const now = clock.now();
    const last = this.reconciledAt.get(accountId);
    if (last !== undefined && now - last < this.deps.reconcileEveryMs) return;
    // The first look after the import (a start, a restart) reconciles at once: that is when events were lost.
    this.reconciledAt.set(accountId, now);
    this.report(accountId, 'reconciliation', await importer.reconcile(accountId, now - this.deps.reconcileWindowMs));
  }

  /** Logs a pass, wakes the job loop if it queued documents. @returns the pass, null if it failed */
  private report(
    accountId: AccountId,
    what: 'import' | 'reconciliation',
    result: Result<HistoryPass, ImportHistoryError>,
  ): HistoryPass | null {
    const { log } = this.deps;
    if (result.isErr()) {
      log.warn({ accountId, err: result.error }, `history: ${what} failed, tried again at the next look`);
      return null;
    }
    const { progress, recorded, queued } = result.value;
    if (recorded > 0 || queued > 0) log.info({ accountId, progress, recorded, queued }, `history: ${what}`);
    if (queued > 0) this.deps.onQueued();
    return result.value;
  }
}
