import {
  freshSettings,
  type AccountId,
  type AccountSettings,
  type Connection,
  type ConnectionStore,
  type SettingsStore,
  type StoreError,
} from '@ogustine-qbo/domain';
import type { Outcome } from '../http/outcome.js';
import { outcomeOf } from '../http/router.js';

export interface AccountOverview {
  readonly settings: AccountSettings;
  readonly connection: Connection | null;
}

/** The account's settings (fresh ones if it never used the module) and its stored connection: what the status screens read. */
export const readAccountOverview = async (
  ports: { readonly settings: SettingsStore; readonly connections: ConnectionStore },
  accountId: AccountId,
): Promise<Outcome<AccountOverview, StoreError>> => {
  const settings = await outcomeOf(ports.settings.get(accountId));
  if (!settings.ok) return settings;
  const connection = await outcomeOf(ports.connections.get(accountId));
  if (!connection.ok) return connection;
  return { ok: true, value: { settings: settings.value ?? freshSettings(accountId), connection: connection.value } };
};
