import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../../documents/document.js';
import type { RunDocumentOutcome, RunKind, RunStore, SyncRun } from '../../ports/run-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { Instant } from '../../shared/time.js';
import { RowMeter } from './row-meter.js';

const key = (accountId: AccountId, runId: string): string => JSON.stringify([accountId, runId]);

interface Row {
  run: SyncRun;
  readonly outcomes: Map<DocumentId, RunDocumentOutcome>;
}

const counted = (run: SyncRun, outcome: RunDocumentOutcome, delta: number): SyncRun =>
  outcome === 'in-flight' ? run : { ...run, [outcome]: run[outcome] + delta };

export class InMemoryRunStore implements RunStore {
  private readonly rows = new Map<string, Row>();

  constructor(readonly meter = new RowMeter()) {}

  start(run: {
    readonly runId: string;
    readonly accountId: AccountId;
    readonly kind: RunKind;
    readonly startedAt: Instant;
  }): ResultAsync<SyncRun, StoreError> {
    const k = key(run.accountId, run.runId);
    const existing = this.rows.get(k);
    if (existing !== undefined) return this.answer(existing.run);
    const created: SyncRun = { ...run, total: 0, sent: 0, failed: 0, held: 0, sealed: false };
    this.rows.set(k, { run: created, outcomes: new Map() });
    return this.answer(created);
  }

  addDocuments(accountId: AccountId, runId: string, documentIds: readonly DocumentId[]): ResultAsync<SyncRun, StoreError> {
    const row = this.rows.get(key(accountId, runId));
    if (row === undefined) return errAsync({ kind: 'store.unavailable', detail: `run ${runId} is unknown` });
    if (row.run.sealed) return errAsync({ kind: 'store.conflict', detail: `run ${runId} is sealed` });
    for (const id of documentIds) {
      if (row.outcomes.has(id)) continue;
      row.outcomes.set(id, 'in-flight');
      row.run = { ...row.run, total: row.run.total + 1 };
    }
    return this.answer(row.run);
  }

  seal(accountId: AccountId, runId: string): ResultAsync<SyncRun, StoreError> {
    const row = this.rows.get(key(accountId, runId));
    if (row === undefined) return errAsync({ kind: 'store.unavailable', detail: `run ${runId} is unknown` });
    row.run = { ...row.run, sealed: true };
    return this.answer(row.run);
  }

  settle(
    accountId: AccountId,
    runId: string,
    documentId: DocumentId,
    outcome: RunDocumentOutcome,
  ): ResultAsync<SyncRun | null, StoreError> {
    const row = this.rows.get(key(accountId, runId));
    const previous = row?.outcomes.get(documentId);
    if (row === undefined || previous === undefined) return this.answer(null);
    row.outcomes.set(documentId, outcome);
    row.run = counted(counted(row.run, previous, -1), outcome, +1);
    return this.answer(row.run);
  }

  get(accountId: AccountId, runId: string): ResultAsync<SyncRun | null, StoreError> {
    return this.answer(this.rows.get(key(accountId, runId))?.run ?? null);
  }

  /** Every run of every account, uncounted (for the stalled-work fake). */
  allRuns(): readonly SyncRun[] {
    return [...this.rows.values()].map((r) => r.run);
  }

  private answer<T extends SyncRun | null>(run: T): ResultAsync<T, StoreError> {
    this.meter.read('runs', run === null ? 0 : 1);
    return okAsync(run);
  }
}
