import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { disconnect } from '../policy/module-state.js';
import type { AccountingAuthorization } from '../ports/accounting-authorization.js';
import type { CompanyProfileCache } from '../ports/company-profile-cache.js';
import type { ConnectionStore } from '../ports/connection-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import type { Localized } from '../shared/localized.js';
import { freshSettings } from './account-settings.js';
import type { Steps } from './steps.js';
import type { StateRefusal } from './use-case-error.js';

export interface DisconnectQuickBooksPorts {
  readonly authorization: AccountingAuthorization;
  readonly connections: ConnectionStore;
  readonly settings: SettingsStore;
  readonly profiles: CompanyProfileCache;
}

export interface Disconnected {
  /** False when Intuit could not be reached: the tokens are forgotten anyway, and expire on their own. */
  readonly revokedAtIntuit: boolean;
  readonly message: Localized;
}

export type DisconnectError = StateRefusal | StoreError;

const DISCONNECTED: Localized = {
  fr: "QuickBooks est déconnecté. Vos réglages, l'historique et le lien entre vos clients Ogustine et QuickBooks sont conservés : reconnectez la même entreprise pour reprendre. Les documents validés d'ici là seront envoyés à la reconnexion.",
  en: 'QuickBooks is disconnected. Your settings, the history and the link between your Ogustine and QuickBooks customers are kept: reconnect the same company to resume. Documents validated meanwhile are sent once you reconnect.',
};

const NOT_REVOKED: Localized = {
  fr: " Intuit n'a pas pu être joint pour révoquer l'autorisation : Ogustine l'a oubliée, et elle expirera d'elle-même.",
  en: ' Intuit could not be reached to revoke the authorisation: Ogustine has forgotten it, and it will expire on its own.',
};

/**
 * *Se déconnecter*: revokes the tokens at Intuit and forgets them. Settings, mappings, sync records
 * and the error history are kept, so reconnecting the same company resumes; connecting another one
 * starts afresh (`connect`, `connectingAnotherCompanyNotice`).
 */
export class DisconnectQuickBooks {
  constructor(private readonly ports: DisconnectQuickBooksPorts) {}

  /**
   * @returns ok({ revokedAtIntuit, message })
   * @returns err(use-case.state-refused: state.not-connected) if nothing is connected
   * @returns err(store.*) if a store failed (the connection may still be there: try again)
   */
  run(accountId: AccountId): ResultAsync<Disconnected, DisconnectError> {
    const p = this.ports;
    return safeTry<Disconnected, DisconnectError>(async function* (): Steps<Disconnected, DisconnectError> {
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const connection = yield* p.connections.get(accountId);
      const next = disconnect(settings.moduleState);
      if (connection === null && next.isErr()) return err({ kind: 'use-case.state-refused', refusal: next.error });
      // Revoked first, forgotten whatever Intuit answers: a user who disconnects must end up disconnected.
      const revoked = connection === null ? true : (await p.authorization.revoke(connection.tokens)).isOk();
      yield* p.connections.remove(accountId);
      if (next.isOk()) yield* p.settings.save({ ...settings, moduleState: next.value });
      if (connection !== null) yield* p.profiles.invalidate(connection.realmId);
      const message = revoked ? DISCONNECTED : { fr: DISCONNECTED.fr + NOT_REVOKED.fr, en: DISCONNECTED.en + NOT_REVOKED.en };
      return ok({ revokedAtIntuit: revoked, message });
    });
  }
}
