import type { MappingStore } from '../../ports/mapping-store.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** What every `MappingStore` must do. Each case gets an empty store. */
export const mappingStoreContract: readonly ContractCase<MappingStore>[] = [
  {
    name: 'finds a saved mapping and nothing else',
    run: async (store) => {
      expectEqual(await mustSucceed(store.find('R1', 'customer', 'C1'), 'find'), null, 'before');
      await mustSucceed(store.save('R1', 'customer', 'C1', '58'), 'save');
      expectEqual(await mustSucceed(store.find('R1', 'customer', 'C1'), 'find'), '58', 'after');
    },
  },
  {
    name: 'keeps realms and kinds apart: the same Ogustine id maps separately per realm and per kind',
    run: async (store) => {
      await mustSucceed(store.save('R1', 'customer', 'X1', '1'), 'save R1 customer');
      await mustSucceed(store.save('R2', 'customer', 'X1', '2'), 'save R2 customer');
      await mustSucceed(store.save('R1', 'service', 'X1', '3'), 'save R1 service');
      expectEqual(await mustSucceed(store.find('R1', 'customer', 'X1'), 'find'), '1', 'R1 customer');
      expectEqual(await mustSucceed(store.find('R2', 'customer', 'X1'), 'find'), '2', 'R2 customer');
      expectEqual(await mustSucceed(store.find('R1', 'service', 'X1'), 'find'), '3', 'R1 service');
      expectEqual(await mustSucceed(store.find('R2', 'service', 'X1'), 'find'), null, 'R2 service');
    },
  },
  {
    name: 'replaces a mapping saved again (repairing a drifted one)',
    run: async (store) => {
      await mustSucceed(store.save('R1', 'service', 'S1', '10'), 'save');
      await mustSucceed(store.save('R1', 'service', 'S1', '11'), 'save again');
      expectEqual(await mustSucceed(store.find('R1', 'service', 'S1'), 'find'), '11', 'replaced');
    },
  },
];
