import type { DocumentStore } from '../../ports/document-store.js';
import type { RunStore } from '../../ports/run-store.js';
import type { StalledWorkSource } from '../../ports/stalled-work-source.js';
import type { SyncJobSource, SyncQueue } from '../../ports/sync-queue.js';
import type { SyncRecordStore } from '../../ports/sync-record-store.js';
import { newSyncRecord } from '../../sync/sync-record.js';
import { aDocument } from '../builders/document.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** The sweep's reads, and the stores whose rows they read (the same database). */
export interface StalledWorkSubject {
  readonly stalled: StalledWorkSource;
  readonly documents: DocumentStore;
  readonly queue: SyncQueue & SyncJobSource;
  readonly runs: RunStore;
  readonly records: SyncRecordStore;
}

const doc = (accountId: string, id: string) => aDocument({ accountId, id, number: `N-${id}` });

/** What every `StalledWorkSource` must do. Each case gets empty stores. */
export const stalledWorkSourceContract: readonly ContractCase<StalledWorkSubject>[] = [
  {
    name: 'documents never decided, recorded in [from, before), of every account, in the order recorded, a page at a time',
    run: async ({ stalled, documents }) => {
      await mustSucceed(documents.record(doc('A2', 'D1'), 200), 'record');
      await mustSucceed(documents.record(doc('A1', 'D1'), 200), 'record');
      await mustSucceed(documents.record(doc('A1', 'D2'), 100), 'record (the window starts here)');
      await mustSucceed(documents.record(doc('A1', 'D3'), 300), 'record (in QBO)');
      await mustSucceed(documents.markInQuickBooks('A1', 'D3', true), 'in QBO');
      await mustSucceed(documents.record(doc('A1', 'D4'), 400), 'record (the window ends before)');
      await mustSucceed(documents.record(doc('A1', 'D5'), 99), 'record (before the window)');
      const first = await mustSucceed(stalled.recordedUndecided(100, 400, { limit: 2 }), 'first page');
      const second =
        first.next === null ? null : await mustSucceed(stalled.recordedUndecided(100, 400, { cursor: first.next, limit: 2 }), 'next');
      expectEqual(
        [...first.items, ...(second?.items ?? [])].map((r) => ({
          accountId: r.document.accountId,
          documentId: r.document.id,
          recordedAt: r.recordedAt,
        })),
        [
          { accountId: 'A1', documentId: 'D2', recordedAt: 100 },
          { accountId: 'A1', documentId: 'D1', recordedAt: 200 },
          { accountId: 'A2', documentId: 'D1', recordedAt: 200 },
        ],
        'the window, in order',
      );
      expectEqual(second === null ? 'no second page' : second.next, null, 'two pages, the second the last');
    },
  },
  {
    name: 'a document with an unfinished job (queued or leased, whatever its reason) or a sync record is not undecided; once its job is done, it is again',
    run: async ({ stalled, documents, queue, records }) => {
      for (const id of ['D1', 'D2', 'D3']) await mustSucceed(documents.record(doc('A1', id), 100), 'record');
      await mustSucceed(documents.record(doc('A2', 'D1'), 100), 'record');
      const undecided = async (what: string): Promise<string[]> =>
        (await mustSucceed(stalled.recordedUndecided(0, 200), what)).items.map((r) => `${r.document.accountId}/${r.document.id}`);
      await mustSucceed(
        queue.enqueue([{ jobId: 'j1', accountId: 'A1', realmId: 'R1', documentId: 'D1', reason: 'initial-sync' }]),
        'enqueue',
      );
      await mustSucceed(
        records.save(newSyncRecord({ accountId: 'A1', documentId: 'D2', realmId: 'R1', type: 'Invoice', docNumber: 'OGUSTINE_D2' })),
        'a sync record',
      );
      expectEqual(await undecided('queued'), ['A1/D3', 'A2/D1'], 'the queued one (not another account’s) and the tried one left out');
      const lease = await mustSucceed(queue.take('w', 1_000), 'take');
      if (lease === null) throw new Error('take: expected the job');
      expectEqual(await undecided('leased'), ['A1/D3', 'A2/D1'], 'leased: still left out');
      await mustSucceed(queue.complete(lease, 'j1'), 'complete');
      expectEqual(await undecided('completed'), ['A1/D1', 'A1/D3', 'A2/D1'], 'its job done, not in QBO: undecided again');
    },
  },
  {
    name: 'runs of a kind never sealed and started before an instant, oldest first, a page at a time',
    run: async ({ stalled, runs }) => {
      await mustSucceed(runs.start({ runId: 'r-late', accountId: 'A1', kind: 'initial-sync', startedAt: 500 }), 'start');
      await mustSucceed(runs.start({ runId: 'r2', accountId: 'A2', kind: 'initial-sync', startedAt: 200 }), 'start');
      await mustSucceed(runs.start({ runId: 'r1', accountId: 'A1', kind: 'initial-sync', startedAt: 100 }), 'start');
      await mustSucceed(runs.start({ runId: 'r-sealed', accountId: 'A3', kind: 'initial-sync', startedAt: 100 }), 'start');
      await mustSucceed(runs.seal('A3', 'r-sealed'), 'seal');
      await mustSucceed(runs.start({ runId: 'r-resync', accountId: 'A1', kind: 'resync', startedAt: 100 }), 'start');
      const first = await mustSucceed(stalled.unsealedRuns('initial-sync', 500, { limit: 1 }), 'first page');
      const second =
        first.next === null ? null : await mustSucceed(stalled.unsealedRuns('initial-sync', 500, { cursor: first.next, limit: 1 }), 'next');
      expectEqual(
        [...first.items, ...(second?.items ?? [])],
        [
          { accountId: 'A1', runId: 'r1', startedAt: 100 },
          { accountId: 'A2', runId: 'r2', startedAt: 200 },
        ],
        'unsealed initial syncs started before 500',
      );
    },
  },
];
