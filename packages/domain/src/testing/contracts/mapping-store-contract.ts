import type { MappingScope, MappingStore } from '../../ports/mapping-store.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const A1: MappingScope = { accountId: 'A1', realmId: 'R1' };
const A1R2: MappingScope = { accountId: 'A1', realmId: 'R2' };
const A2: MappingScope = { accountId: 'A2', realmId: 'R1' };

/** What every `MappingStore` must do. Each case gets an empty store. */
export const mappingStoreContract: readonly ContractCase<MappingStore>[] = [
  {
    name: 'finds a saved mapping and nothing else',
    run: async (store) => {
      expectEqual(await mustSucceed(store.find(A1, 'customer', 'C1'), 'find'), null, 'before');
      await mustSucceed(store.save(A1, 'customer', 'C1', { qboId: '58' }), 'save');
      expectEqual(await mustSucceed(store.find(A1, 'customer', 'C1'), 'find'), { qboId: '58' }, 'after');
    },
  },
  {
    name: 'keeps accounts, realms and kinds apart: the same Ogustine id maps separately per account, per realm and per kind',
    run: async (store) => {
      await mustSucceed(store.save(A1, 'customer', 'X1', { qboId: '1' }), 'save A1 R1 customer');
      await mustSucceed(store.save(A1R2, 'customer', 'X1', { qboId: '2' }), 'save A1 R2 customer');
      await mustSucceed(store.save(A1, 'service', 'X1', { qboId: '3' }), 'save A1 R1 service');
      await mustSucceed(store.save(A2, 'customer', 'X1', { qboId: '4' }), 'save A2 R1 customer');
      expectEqual(await mustSucceed(store.find(A1, 'customer', 'X1'), 'find'), { qboId: '1' }, 'A1 R1 customer');
      expectEqual(await mustSucceed(store.find(A1R2, 'customer', 'X1'), 'find'), { qboId: '2' }, 'A1 R2 customer');
      expectEqual(await mustSucceed(store.find(A1, 'service', 'X1'), 'find'), { qboId: '3' }, 'A1 R1 service');
      expectEqual(await mustSucceed(store.find(A2, 'customer', 'X1'), 'find'), { qboId: '4' }, 'A2 R1 customer');
      expectEqual(await mustSucceed(store.find(A2, 'service', 'X1'), 'find'), null, 'A2 R1 service');
    },
  },
  {
    name: 'replaces a mapping saved again (repairing a drifted one)',
    run: async (store) => {
      await mustSucceed(store.save(A1, 'service', 'S1', { qboId: '10' }), 'save');
      await mustSucceed(store.save(A1, 'service', 'S1', { qboId: '11' }), 'save again');
      expectEqual(await mustSucceed(store.find(A1, 'service', 'S1'), 'find'), { qboId: '11' }, 'replaced');
    },
  },
  {
    name: "keeps a customer's SyncToken and snapshot fingerprint, and replaces them together",
    run: async (store) => {
      await mustSucceed(store.save(A1, 'customer', 'C1', { qboId: '58', syncToken: '0', fingerprint: 'f1' }), 'save');
      expectEqual(
        await mustSucceed(store.find(A1, 'customer', 'C1'), 'find'),
        { qboId: '58', syncToken: '0', fingerprint: 'f1' },
        'as saved',
      );
      await mustSucceed(store.save(A1, 'customer', 'C1', { qboId: '58', syncToken: '1', fingerprint: 'f2' }), 'save after an update');
      expectEqual(
        await mustSucceed(store.find(A1, 'customer', 'C1'), 'find'),
        { qboId: '58', syncToken: '1', fingerprint: 'f2' },
        'after the update',
      );
    },
  },
];
