import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { connect, connectingAnotherCompanyNotice, startsAfresh } from '../policy/module-state.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import type { AccountingAuthorization, AuthorizationCallback } from '../ports/accounting-authorization.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { AuthorizationStates } from '../ports/authorization-states.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionStore } from '../ports/connection-store.js';
import type { Ids } from '../ports/ids.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { Localized } from '../shared/localized.js';
import type { StoreError } from '../ports/store-error.js';
import { freshSettings } from './account-settings.js';
import type { CheckPrerequisites, CheckPrerequisitesError } from './check-prerequisites.js';
import type { Steps } from './steps.js';
import { US_COMPANY_REFUSAL } from '../wording/us-company.js';

/** An OAuth state is valid this long: the user has ten minutes at Intuit. */
export const AUTHORIZATION_STATE_TTL_MS = 10 * 60_000;

export interface ConnectedCompany {
  readonly realmId: RealmId;
  readonly companyName: string;
  /** Empty when the company is ready; else the blocking screen lists them with their fixes. */
  readonly unmet: readonly UnmetPrerequisite[];
}

export type ConnectError =
  /** The callback's state was not issued by us, was used already, or expired. */
  | { readonly kind: 'connect.invalid-state' }
  /** A US company: its tax model is not supported yet. Nothing is kept of the connection. */
  | { readonly kind: 'connect.us-company-unsupported'; readonly message: Localized }
  /** The company is connected to another Ogustine account (one company, one account). Nothing is kept; the tokens are revoked. */
  | { readonly kind: 'connect.realm-held-by-another-account'; readonly message: Localized }
  | CheckPrerequisitesError
  | StoreError;

export interface ConnectQuickBooksPorts {
  readonly authorization: AccountingAuthorization;
  readonly gateway: AccountingGateway;
  readonly states: AuthorizationStates;
  readonly connections: ConnectionStore;
  readonly settings: SettingsStore;
  /** Another company starts afresh: no document is in it (`forgetInQuickBooks`). */
  readonly documents: DocumentStore;
  readonly checkPrerequisites: CheckPrerequisites;
  readonly clock: Clock;
  readonly ids: Ids;
}

const REALM_HELD: Localized = {
  fr: "Cette entreprise QuickBooks est déjà connectée à un autre compte Ogustine. Une entreprise QuickBooks ne se connecte qu'à un seul compte Ogustine : déconnectez-la d'abord de l'autre compte (« Se déconnecter »), ou connectez une autre entreprise.",
  en: 'This QuickBooks company is already connected to another Ogustine account. A QuickBooks company connects to one Ogustine account only: disconnect it from the other account first ("Disconnect"), or connect another company.',
};

/** *Se connecter à QuickBooks*: Intuit's consent page, then its callback. One company per account. */
export class ConnectQuickBooks {
  constructor(private readonly ports: ConnectQuickBooksPorts) {}

  /**
   * Starts a connection: a fresh state, remembered for this account, in Intuit's URL.
   * @returns ok(url) to send the user to
   * @returns err(store.*) if the state could not be stored
   */
  start(accountId: AccountId): ResultAsync<string, StoreError> {
    const state = this.ports.ids.next();
    return this.ports.states
      .save({ state, accountId, expiresAt: this.ports.clock.now() + AUTHORIZATION_STATE_TTL_MS })
      .map(() => this.ports.authorization.authorizationUrl(state));
  }

  /**
   * What to tell the user on the connect button, before Intuit: connecting another company than the
   * one last connected starts afresh (`connectingAnotherCompanyNotice`).
   * @returns ok(notice) or ok(null) when there is nothing to warn about
   * @returns err(store.*) if the settings could not be read
   */
  beforeConnecting(accountId: AccountId): ResultAsync<Localized | null, StoreError> {
    return this.ports.settings
      .get(accountId)
      .map((settings) => connectingAnotherCompanyNotice((settings ?? freshSettings(accountId)).moduleState));
  }

  /**
   * Intuit's callback: check the state, exchange the code, store the connection, read the company,
   * refuse a US company, check the prerequisites.
   * @returns ok({ realmId, companyName, unmet })
   * @returns err(connect.invalid-state) if the state is unknown, used or expired
   * @returns err(connect.us-company-unsupported) for a US company (the tokens are revoked)
   * @returns err(connect.realm-held-by-another-account) if another account holds the company (the tokens are revoked)
   * @returns err(use-case.state-refused) if another company is connected, or the initial sync belongs to another
   * @returns err(auth.* | connection.missing | qbo.failed | store.* | queue.*) otherwise
   */
  run(callback: AuthorizationCallback): ResultAsync<ConnectedCompany, ConnectError> {
    const p = this.ports;
    return safeTry<ConnectedCompany, ConnectError>(async function* (): Steps<ConnectedCompany, ConnectError> {
      const pending = yield* p.states.take(callback.state);
      if (pending === null || pending.expiresAt < p.clock.now()) return err({ kind: 'connect.invalid-state' });
      const { accountId } = pending;
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      // One company per account: checked before anything is stored (the name comes later).
      const allowed = connect(settings.moduleState, callback.realmId, '');
      if (allowed.isErr()) return err({ kind: 'use-case.state-refused', refusal: allowed.error });
      const company = yield* p.authorization.exchange(callback);
      // One company, one account: another account's realm is refused, and the tokens just obtained revoked.
      const holder = yield* p.connections.findByRealm(company.realmId);
      const refuseHeldRealm = async (): Promise<Result<never, ConnectError>> => {
        // Best effort: the tokens are forgotten here whatever Intuit answers.
        await p.authorization.revoke(company.tokens);
        return err({ kind: 'connect.realm-held-by-another-account', message: REALM_HELD });
      };
      if (holder !== null && holder.accountId !== accountId) return refuseHeldRealm();
      const saved = await p.connections.save({
        accountId,
        realmId: company.realmId,
        tokens: company.tokens,
        connectedAt: p.clock.now(),
        status: 'connected',
      });
      // The store's unique realm settles two accounts connecting the same company at once.
      if (saved.isErr()) return saved.error.kind === 'store.conflict' ? refuseHeldRealm() : err(saved.error);
      const accounting = yield* p.gateway.open(accountId);
      const profile = yield* accounting.readProfile().mapErr((failure) => ({ kind: 'qbo.failed' as const, failure }));
      if (profile.country.toUpperCase() === 'US') {
        yield* p.connections.remove(accountId);
        // Best effort: the tokens are forgotten here whatever Intuit answers.
        await p.authorization.revoke(company.tokens);
        return err({ kind: 'connect.us-company-unsupported', message: US_COMPANY_REFUSAL.onConnect });
      }
      const connected = connect(settings.moduleState, company.realmId, profile.companyName);
      if (connected.isErr()) return err({ kind: 'use-case.state-refused', refusal: connected.error });
      // Another company starts afresh: nothing the module sent to the previous one is in it. (Records
      // and mappings stay, per company: going back to that one later finds its documents by number.)
      const afresh = startsAfresh(settings.moduleState, company.realmId);
      if (afresh) yield* p.documents.forgetInQuickBooks(accountId);
      yield* p.settings.save({ ...settings, moduleState: connected.value, ...(afresh ? { connectedAfreshAt: p.clock.now() } : {}) });
      const { unmet } = yield* p.checkPrerequisites.run(accountId);
      return ok({ realmId: company.realmId, companyName: profile.companyName, unmet });
    });
  }
}
