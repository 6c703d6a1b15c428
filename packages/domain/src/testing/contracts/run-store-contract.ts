import { isRunComplete, type RunStore } from '../../ports/run-store.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

const RUN = { runId: 'run-1', accountId: 'A1', kind: 'initial-sync', startedAt: 100 } as const;

const counters = (run: { total: number; sent: number; failed: number; held: number } | null) =>
  run === null ? null : [run.total, run.sent, run.failed, run.held];

/** What every `RunStore` must do. Each case gets an empty store. */
export const runStoreContract: readonly ContractCase<RunStore>[] = [
  {
    name: 'starts an empty run, idempotent by id, and keeps accounts apart',
    run: async (store) => {
      const started = await mustSucceed(store.start(RUN), 'start');
      expectEqual(started, { ...RUN, total: 0, sent: 0, failed: 0, held: 0, sealed: false }, 'new run');
      await mustSucceed(store.start({ ...RUN, startedAt: 999 }), 'start again');
      expectEqual(await mustSucceed(store.get('A1', 'run-1'), 'get'), started, 'the first start is kept');
      expectEqual(await mustSucceed(store.get('A2', 'run-1'), 'get A2'), null, 'another account');
    },
  },
  {
    name: 'counts distinct documents as they are added, page by page, until sealed',
    run: async (store) => {
      await mustSucceed(store.start(RUN), 'start');
      await mustSucceed(store.addDocuments('A1', 'run-1', ['D1', 'D2']), 'add');
      const run = await mustSucceed(store.addDocuments('A1', 'run-1', ['D2', 'D3']), 'add again');
      expectEqual(counters(run), [3, 0, 0, 0], 'three documents, all in flight');
      const sealed = await mustSucceed(store.seal('A1', 'run-1'), 'seal');
      expectTrue(sealed.sealed, 'sealed');
      expectEqual((await mustFail(store.addDocuments('A1', 'run-1', ['D4']), 'add after sealing')).kind, 'store.conflict', 'refused');
    },
  },
  {
    name: 'settling moves a document’s outcome and the counters together; the same outcome twice counts once',
    run: async (store) => {
      await mustSucceed(store.start(RUN), 'start');
      await mustSucceed(store.addDocuments('A1', 'run-1', ['D1', 'D2', 'D3']), 'add');
      await mustSucceed(store.seal('A1', 'run-1'), 'seal');
      expectEqual(counters(await mustSucceed(store.settle('A1', 'run-1', 'D1', 'failed'), 'D1 failed')), [3, 0, 1, 0], 'failed');
      expectEqual(counters(await mustSucceed(store.settle('A1', 'run-1', 'D1', 'failed'), 'D1 failed again')), [3, 0, 1, 0], 'once');
      expectEqual(counters(await mustSucceed(store.settle('A1', 'run-1', 'D2', 'held'), 'D2 held')), [3, 0, 1, 1], 'held');
      expectEqual(
        counters(await mustSucceed(store.settle('A1', 'run-1', 'D1', 'in-flight'), 'D1 retried')),
        [3, 0, 0, 1],
        'back in flight',
      );
      expectEqual(counters(await mustSucceed(store.settle('A1', 'run-1', 'D1', 'sent'), 'D1 sent')), [3, 1, 0, 1], 'sent');
      const last = await mustSucceed(store.settle('A1', 'run-1', 'D3', 'sent'), 'D3 sent');
      expectEqual(counters(last), [3, 2, 0, 1], 'all settled');
      expectTrue(last !== null && isRunComplete(last), 'complete');
      expectEqual(await mustSucceed(store.settle('A1', 'run-1', 'D9', 'sent'), 'a document not in the run'), null, 'not in the run');
      expectEqual(await mustSucceed(store.settle('A1', 'run-9', 'D1', 'sent'), 'an unknown run'), null, 'unknown run');
      expectEqual(counters(await mustSucceed(store.get('A1', 'run-1'), 'get')), [3, 2, 0, 1], 'stored');
    },
  },
  {
    name: 'a run is complete only once sealed with every document settled',
    run: async (store) => {
      await mustSucceed(store.start(RUN), 'start');
      const added = await mustSucceed(store.addDocuments('A1', 'run-1', ['D1']), 'add');
      expectTrue(!isRunComplete(added), 'not complete while in flight');
      const settled = await mustSucceed(store.settle('A1', 'run-1', 'D1', 'sent'), 'settle');
      expectTrue(settled !== null && !isRunComplete(settled), 'not complete before sealed');
      expectTrue(isRunComplete(await mustSucceed(store.seal('A1', 'run-1'), 'seal')), 'complete once sealed');
      const empty = await mustSucceed(store.start({ ...RUN, runId: 'run-2' }), 'start an empty run');
      expectTrue(isRunComplete(await mustSucceed(store.seal('A1', empty.runId), 'seal it')), 'an empty sealed run is complete');
    },
  },
];
