import type { DocumentStore } from '../../ports/document-store.js';
import { aDocument } from '../builders/document.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** What every `DocumentStore` must do. Each case gets an empty store. */
export const documentStoreContract: readonly ContractCase<DocumentStore>[] = [
  {
    name: 'returns a recorded document as it was received',
    run: async (store) => {
      const doc = aDocument({ id: 'D1', accountId: 'A1' });
      expectEqual(await mustSucceed(store.record(doc, 1), 'record'), 'recorded', 'first record');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), doc, 'stored document');
    },
  },
  {
    name: 'is idempotent by document id: a second snapshot is not recorded and the first one is kept',
    run: async (store) => {
      const first = aDocument({ id: 'D1', accountId: 'A1', memo: 'first' });
      await mustSucceed(store.record(first, 1), 'record');
      expectEqual(await mustSucceed(store.record({ ...first, memo: 'second' }, 2), 'record again'), 'already-recorded', 'second record');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), first, 'kept document');
      expectEqual((await mustSucceed(store.list('A1'), 'list')).length, 1, 'documents listed');
    },
  },
  {
    name: "keeps accounts apart: one account never reads another's documents",
    run: async (store) => {
      await mustSucceed(store.record(aDocument({ id: 'D1', accountId: 'A1' }), 1), 'record A1');
      await mustSucceed(store.record(aDocument({ id: 'D1', accountId: 'A2', number: '2024-09-09' }), 1), 'record A2');
      expectEqual(await mustSucceed(store.get('A3', 'D1'), 'get A3'), null, 'document of an unknown account');
      expectEqual((await mustSucceed(store.get('A2', 'D1'), 'get A2'))?.number, '2024-09-09', 'A2 reads its own document');
      expectEqual(
        (await mustSucceed(store.list('A1'), 'list A1')).map((d) => d.accountId),
        ['A1'],
        'A1 lists its own only',
      );
    },
  },
  {
    name: 'lists documents in the order they were first recorded',
    run: async (store) => {
      for (const id of ['D3', 'D1', 'D2']) await mustSucceed(store.record(aDocument({ id, accountId: 'A1' }), 1), `record ${id}`);
      expectEqual(
        (await mustSucceed(store.list('A1'), 'list')).map((d) => d.id),
        ['D3', 'D1', 'D2'],
        'order',
      );
    },
  },
];
