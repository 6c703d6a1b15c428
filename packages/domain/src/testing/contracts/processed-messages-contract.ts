import type { ProcessedMessages } from '../../ports/processed-messages.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** What every `ProcessedMessages` must do. Each case gets an empty store. */
export const processedMessagesContract: readonly ContractCase<ProcessedMessages>[] = [
  {
    name: 'knows a message only after it was remembered',
    run: async (store) => {
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), false, 'before');
      await mustSucceed(store.remember('m-1', 1), 'remember');
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), true, 'after');
      expectEqual(await mustSucceed(store.has('m-2'), 'has other'), false, 'another message');
    },
  },
  {
    name: 'remembering a message twice is harmless',
    run: async (store) => {
      await mustSucceed(store.remember('m-1', 1), 'remember');
      await mustSucceed(store.remember('m-1', 2), 'remember again');
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), true, 'still known');
    },
  },
  {
    name: 'a group: knows exactly the ids remembered before, by one call or one at a time, and remembers a group at once',
    run: async (store) => {
      await mustSucceed(store.remember('m-1', 1), 'remember one');
      expectEqual(
        [...(await mustSucceed(store.knownAmong(['m-1', 'm-2', 'm-3']), 'knownAmong'))].sort(),
        ['m-1'],
        'known before the group',
      );
      await mustSucceed(store.rememberAll(['m-1', 'm-2', 'm-3', 'm-3'], 2), 'rememberAll (one remembered before, one given twice)');
      expectEqual([...(await mustSucceed(store.knownAmong(['m-3', 'm-4', 'm-2']), 'knownAmong'))].sort(), ['m-2', 'm-3'], 'after');
      expectEqual(await mustSucceed(store.has('m-2'), 'has'), true, 'has sees the group');
      expectEqual([...(await mustSucceed(store.knownAmong([]), 'knownAmong none'))], [], 'an empty group');
      await mustSucceed(store.rememberAll([], 3), 'rememberAll none');
    },
  },
];
