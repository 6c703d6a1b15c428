import type { SyncRecordStore } from '../../ports/sync-record-store.js';
import { newSyncRecord, type SyncRecord } from '../../sync/sync-record.js';
import { declareIntent } from '../../sync/write-protocol.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

const aRecord = (accountId = 'A1', documentId = 'D1'): SyncRecord =>
  newSyncRecord({ accountId, documentId, realmId: 'R1', type: 'Invoice', docNumber: `OGUSTINE_${documentId}` });

/** What every `SyncRecordStore` must do. Each case gets an empty store. */
export const syncRecordStoreContract: readonly ContractCase<SyncRecordStore>[] = [
  {
    name: 'saves a new record at version 1 and returns it as saved',
    run: async (store) => {
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), null, 'before');
      const saved = await mustSucceed(store.save(aRecord()), 'save');
      expectEqual(saved.version, 1, 'version after the first save');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), saved, 'stored record');
    },
  },
  {
    name: 'keeps every field of the write state (requestid, generation) across a save',
    run: async (store) => {
      const saved = await mustSucceed(store.save(aRecord()), 'save');
      const intent = declareIntent({ ...saved, state: { kind: 'pending' } }, 'request-1', 42);
      const again = await mustSucceed(store.save(intent), 'save intent');
      expectEqual(again, { ...intent, version: 2 }, 'saved intent');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), again, 'read back');
    },
  },
  {
    name: "reads a group of one account's records at once: those that exist, never another account's",
    run: async (store) => {
      const d1 = await mustSucceed(store.save(aRecord('A1', 'D1')), 'save D1');
      const d3 = await mustSucceed(store.save(aRecord('A1', 'D3')), 'save D3');
      await mustSucceed(store.save(aRecord('A2', 'D2')), 'save A2 D2');
      const found = await mustSucceed(store.getMany('A1', ['D1', 'D2', 'D3', 'D4']), 'getMany');
      expectEqual(
        [...found].sort(([a], [b]) => (a < b ? -1 : 1)),
        [
          ['D1', d1],
          ['D3', d3],
        ],
        "A1's records",
      );
      expectEqual((await mustSucceed(store.getMany('A1', []), 'getMany none')).size, 0, 'an empty group');
    },
  },
  {
    name: 'refuses a save from a stale version (compare-and-set)',
    run: async (store) => {
      const first = await mustSucceed(store.save(aRecord()), 'save');
      await mustSucceed(store.save(first), 'save by a first worker');
      const error = await mustFail(store.save(first), 'save by a second worker holding the old version');
      expectEqual(error.kind, 'store.conflict', 'error kind');
      expectEqual((await mustSucceed(store.get('A1', 'D1'), 'get'))?.version, 2, 'stored version');
    },
  },
  {
    name: 'refuses to create a record twice',
    run: async (store) => {
      await mustSucceed(store.save(aRecord()), 'save');
      expectEqual((await mustFail(store.save(aRecord()), 'create again')).kind, 'store.conflict', 'error kind');
    },
  },
  {
    name: 'keeps accounts apart',
    run: async (store) => {
      await mustSucceed(store.save(aRecord('A1', 'D1')), 'save A1');
      await mustSucceed(store.save(aRecord('A2', 'D1')), 'save A2');
      await mustSucceed(store.save(aRecord('A2', 'D2')), 'save A2 D2');
      expectEqual((await mustSucceed(store.get('A1', 'D1'), 'get A1'))?.accountId, 'A1', 'A1 reads its own');
      expectEqual(await mustSucceed(store.get('A1', 'D2'), 'get A1 D2'), null, 'A2’s D2 is not A1’s');
      expectEqual((await mustSucceed(store.get('A2', 'D2'), 'get A2 D2'))?.accountId, 'A2', 'A2 reads its own');
      expectEqual(await mustSucceed(store.get('A3', 'D1'), 'get A3'), null, 'unknown account');
    },
  },
];
