import { initialModuleState } from '../../policy/module-state.js';
import { syncSchedule } from '../../policy/sync-schedule.js';
import type { AccountSettings, SettingsStore } from '../../ports/settings-store.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const running: AccountSettings = {
  accountId: 'A1',
  moduleState: {
    ...initialModuleState,
    connection: { kind: 'connected', realmId: 'R1', companyName: 'Ménage SARL' },
    prerequisites: { kind: 'met' },
    initialSync: { kind: 'running', realmId: 'R1', progress: { total: 2, done: 1, failed: 0 } },
  },
  schedule: syncSchedule('2024-01-01', 'Europe/Paris'),
  initialSyncDocumentIds: ['D1', 'D2'],
};

/** What every `SettingsStore` must do. Each case gets an empty store. */
export const settingsStoreContract: readonly ContractCase<SettingsStore>[] = [
  {
    name: 'returns saved settings as they were saved, and nothing for an unknown account',
    run: async (store) => {
      expectEqual(await mustSucceed(store.get('A1'), 'get'), null, 'before');
      await mustSucceed(store.save(running), 'save');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), running, 'after');
      expectEqual(await mustSucceed(store.get('A2'), 'get'), null, 'another account');
    },
  },
  {
    name: 'replaces the settings saved again',
    run: async (store) => {
      await mustSucceed(store.save({ accountId: 'A1', moduleState: initialModuleState }), 'save');
      await mustSucceed(store.save(running), 'save again');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), running, 'settings');
    },
  },
];
