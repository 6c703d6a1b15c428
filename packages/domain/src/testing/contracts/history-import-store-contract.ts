import type { HistoryImportStore } from '../../ports/history-import-store.js';
import type { HistoryImport } from '../../sync/history-import.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

/** An import stopped mid-way: its cursor (opaque, any characters) must come back as it was. */
const midway: HistoryImport = {
  accountId: 'A1',
  createdFrom: '2000-01-01',
  timeZone: 'Indian/Reunion',
  locale: 'fr-RE',
  cursor: 'après:100/«é»',
  imported: 100,
  unreadable: 1,
  done: false,
  startedAt: 1_717_228_800_000,
  finishedAt: null,
  version: 0,
};

/** What every `HistoryImportStore` must do. Each case gets an empty store. */
export const historyImportStoreContract: readonly ContractCase<HistoryImportStore>[] = [
  {
    name: 'returns a saved import as it was saved, version bumped, and nothing for another account',
    run: async (store) => {
      expectEqual(await mustSucceed(store.get('A1'), 'get'), null, 'before');
      expectEqual(await mustSucceed(store.save(midway), 'save'), { ...midway, version: 1 }, 'saved');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), { ...midway, version: 1 }, 'after');
      expectEqual(await mustSucceed(store.get('A2'), 'get'), null, 'another account');
      const done = { ...midway, version: 1, cursor: null, imported: 250, done: true, finishedAt: 1_717_229_000_000 };
      expectEqual(await mustSucceed(store.save(done), 'the last page'), { ...done, version: 2 }, 'done');
    },
  },
  {
    name: 'compare-and-set: two workers saving the same page, the second is refused (the import never goes back)',
    run: async (store) => {
      const started = await mustSucceed(store.save(midway), 'start');
      expectEqual((await mustFail(store.save(midway), 'a second start')).kind, 'store.conflict', 'started once');
      await mustSucceed(store.save({ ...started, imported: 200, cursor: 'page-3' }), 'the first worker saves page 2');
      expectEqual(
        (await mustFail(store.save({ ...started, imported: 200, cursor: 'page-3-bis' }), 'the second worker saves page 2')).kind,
        'store.conflict',
        'refused',
      );
      expectEqual((await mustSucceed(store.get('A1'), 'get'))?.cursor, 'page-3', 'the first kept');
    },
  },
];
