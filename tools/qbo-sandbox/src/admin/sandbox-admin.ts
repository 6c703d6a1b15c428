// The test-control operations, usable in-process by tests and behind /__admin over HTTP.
import { inspectCompany, updateSettings, type Company } from '../company/company.js';
import type { CompanySettings } from '../company/company-settings.js';
import type { FaultRequest } from '../http-faults/fault-injector.js';
import type { TokenRequest } from '../oauth/token-request-log.js';
import type { LoggedRequest } from '../server/request-log.js';
import type { SandboxState } from '../server/sandbox-state.js';
import type { TimeChange, TimeView } from '../server/sandbox-time.js';
import type { QboObject } from '../company/company.js';
import type { Outcome } from '../accounting/qbo-faults.js';
import type { WebhookDelivery, WebhookRegistration } from '../webhooks/webhook-dispatcher.js';
import { applyAccountantEdit, type AccountantEdit } from './accountant-edits.js';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface CreatedCompany {
  realmId: string;
  accessToken: string;
  refreshToken: string;
  settings: CompanySettings;
}

export interface SandboxAdmin {
  /** Creates a company (defaults of its country, overlaid by `settings`) already connected to the app. */
  createCompany(settings: { country: string } & Partial<CompanySettings>): CreatedCompany;
  listCompanies(): Array<{ realmId: string; companyName: string; country: string }>;
  company(realmId: string): Company | undefined;
  /** @returns every stored entity and the connections of the realm, or undefined for an unknown realm */
  inspect(realmId: string): unknown;
  /** @returns the new settings, or undefined for an unknown realm */
  updateSettings(realmId: string, patch: Partial<CompanySettings>): CompanySettings | undefined;
  requests(realmId?: string): { requests: LoggedRequest[]; counts: Record<string, number> };
  /** Forgets the request log and the token-request log. */
  clearRequests(): void;
  /** Every call of the token endpoint (grant type, status, OAuth error), oldest first. */
  tokenRequests(): TokenRequest[];
  injectFaults(request: FaultRequest): void;
  /** @returns how many tokens were made to expire */
  expireTokens(realmId: string, which: 'access' | 'refresh' | 'both'): number;
  /** Registers the realm's webhook endpoint and verifier token. @returns false for an unknown realm */
  registerWebhook(realmId: string, registration: WebhookRegistration): boolean;
  /** @returns whether a registration was removed */
  unregisterWebhook(realmId: string): boolean;
  /** @returns the registration and the deliveries made, or undefined for an unknown realm */
  webhook(realmId: string): { registration: WebhookRegistration | undefined; deliveries: WebhookDelivery[] } | undefined;
  /** Resolves once every webhook notification queued so far has been delivered (or has failed). */
  webhooksIdle(): Promise<void>;
  /** An edit made by the accountant in QBO. @returns the outcome, or undefined for an unknown realm */
  accountantEdit(realmId: string, edit: AccountantEdit): Outcome<QboObject> | undefined;
  /** The app the OAuth server knows: its client id and allowed redirect URIs (the settings page links to the consent screen). */
  appSettings(): { clientId: string; redirectUris: readonly string[] };
  /** The sandbox's clock and time scale. */
  time(): TimeView;
  /** Sets, advances, freezes or unfreezes the clock and changes the time scale. @returns the new time, or an error */
  changeTime(change: TimeChange): { ok: true; value: TimeView } | { ok: false; error: string };
  /** Forgets every company, token, fault, request id, log entry and webhook. */
  reset(): void;
}

/** @returns the admin operations over one sandbox state */
export function createAdmin(state: SandboxState): SandboxAdmin {
  return {
    createCompany(settings) {
      const { country, ...patch } = settings;
      const company = state.companies.create(country, patch);
      const tokens = state.tokens.connect(state.options.clientId, company.realmId, ACCOUNTING_SCOPE, state.nowMs());
      return { realmId: company.realmId, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, settings: company.settings };
    },
    listCompanies: () =>
      state.companies.list().map((c) => ({ realmId: c.realmId, companyName: c.settings.companyName, country: c.settings.country })),
    company: (realmId) => state.companies.get(realmId),
    inspect(realmId) {
      const company = state.companies.get(realmId);
      if (company === undefined) return undefined;
      return {
        ...(inspectCompany(company) as Record<string, unknown>),
        connections: state.tokens.describe(realmId, state.nowMs()),
        requestIdsKept: state.replay.size(realmId),
      };
    },
    updateSettings(realmId, patch) {
      const company = state.companies.get(realmId);
      if (company === undefined) return undefined;
      updateSettings(company, patch);
      return company.settings;
    },
    requests: (realmId) => ({ requests: state.log.list(realmId), counts: state.log.counts(realmId) }),
    clearRequests: () => {
      state.log.clear();
      state.tokenLog.clear();
    },
    tokenRequests: () => state.tokenLog.list(),
    injectFaults: (request) => state.faults.inject(request, state.nowMs()),
    expireTokens: (realmId, which) => state.tokens.expire(realmId, which, state.nowMs()),
    registerWebhook(realmId, registration) {
      if (state.companies.get(realmId) === undefined) return false;
      state.webhooks.register(realmId, registration);
      return true;
    },
    unregisterWebhook: (realmId) => state.webhooks.unregister(realmId),
    webhook: (realmId) =>
      state.companies.get(realmId) === undefined
        ? undefined
        : { registration: state.webhooks.registration(realmId), deliveries: state.webhooks.deliveriesOf(realmId) },
    webhooksIdle: () => state.webhooks.idle(),
    time: () => state.time.view(),
    appSettings: () => ({ clientId: state.options.clientId, redirectUris: state.options.redirectUris }),
    changeTime: (change) => state.time.change(change),
    accountantEdit(realmId, edit) {
      const company = state.companies.get(realmId);
      return company === undefined ? undefined : applyAccountantEdit(company, edit);
    },
    reset() {
      state.webhooks.reset();
      state.companies.reset();
      state.tokens.reset();
      state.limiter.reset();
      state.faults.reset();
      state.replay.reset();
      state.log.clear();
      state.tokenLog.clear();
    },
  };
}
