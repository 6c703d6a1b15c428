import type { ErrorRecord } from '../../errors/error-history.js';
import type { ErrorHistoryStore } from '../../ports/error-history-store.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const aRecord = (id: string, accountId = 'A1'): ErrorRecord => ({
  id,
  accountId,
  documentId: `doc-${id}`,
  documentKind: 'invoice',
  attempt: 1,
  occurredAt: 10,
  cause: { kind: 'cause.discounts-disabled', qboCode: '6000', qboDetail: 'Discounts are off' },
  state: 'open',
  history: [{ state: 'open', at: 10 }],
});

/** What every `ErrorHistoryStore` must do. Each case gets an empty store. */
export const errorHistoryStoreContract: readonly ContractCase<ErrorHistoryStore>[] = [
  {
    name: 'lists the records put, in the order they were first stored, with every field',
    run: async (store) => {
      await mustSucceed(store.put([aRecord('e2'), aRecord('e1')]), 'put');
      expectEqual(await mustSucceed(store.list('A1'), 'list'), [aRecord('e2'), aRecord('e1')], 'records');
    },
  },
  {
    name: 'replaces a record put again with the same id, keeping its place (records are never deleted)',
    run: async (store) => {
      await mustSucceed(store.put([aRecord('e1'), aRecord('e2')]), 'put');
      const resolved: ErrorRecord = {
        ...aRecord('e1'),
        state: 'resolved',
        resolvedAt: 20,
        history: [
          { state: 'open', at: 10 },
          { state: 'resolved', at: 20 },
        ],
      };
      await mustSucceed(store.put([resolved]), 'put resolved');
      expectEqual(await mustSucceed(store.list('A1'), 'list'), [resolved, aRecord('e2')], 'records');
    },
  },
  {
    name: 'keeps accounts apart',
    run: async (store) => {
      await mustSucceed(store.put([aRecord('e1', 'A1'), aRecord('e2', 'A2')]), 'put');
      expectEqual(
        (await mustSucceed(store.list('A2'), 'list')).map((r) => r.id),
        ['e2'],
        'A2 records',
      );
    },
  },
];
