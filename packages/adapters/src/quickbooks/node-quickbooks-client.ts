import QB from 'node-quickbooks';
import type { QuickBooks as QuickBooksClient } from 'node-quickbooks';
import type { NodeQuickbooksCallback } from './raw-outcome.js';

// node-quickbooks' d.ts declares an ES class for a CommonJS constructor: the default import is the constructor at run time.
const QuickBooks = QB as unknown as typeof QuickBooksClient;

/** The node-quickbooks methods this adapter calls, with the callback it really passes (data is the unwrapped entity). */
export interface NodeQuickbooks {
  token: string;
  endpoint: string;
  getCompanyInfo(id: string, cb: NodeQuickbooksCallback): void;
  getPreferences(cb: NodeQuickbooksCallback): void;
  findTaxCodes(criteria: string, cb: NodeQuickbooksCallback): void;
  findTaxRates(criteria: string, cb: NodeQuickbooksCallback): void;
  findAccounts(criteria: string, cb: NodeQuickbooksCallback): void;
  findCustomers(criteria: string, cb: NodeQuickbooksCallback): void;
  findItems(criteria: string, cb: NodeQuickbooksCallback): void;
  findInvoices(criteria: string, cb: NodeQuickbooksCallback): void;
  findCreditMemos(criteria: string, cb: NodeQuickbooksCallback): void;
  findAttachables(criteria: string, cb: NodeQuickbooksCallback): void;
  createCustomer(entity: object, cb: NodeQuickbooksCallback): void;
  getCustomer(id: string, cb: NodeQuickbooksCallback): void;
  updateCustomer(entity: object, cb: NodeQuickbooksCallback): void;
  getInvoice(id: string, cb: NodeQuickbooksCallback): void;
  getCreditMemo(id: string, cb: NodeQuickbooksCallback): void;
  createPayment(entity: object, cb: NodeQuickbooksCallback): void;
  createItem(entity: object, cb: NodeQuickbooksCallback): void;
  createInvoice(entity: object, cb: NodeQuickbooksCallback): void;
  createCreditMemo(entity: object, cb: NodeQuickbooksCallback): void;
}

/** Intuit's Accounting API hosts (QBO-API.md §1). */
export const INTUIT_API_BASE_URL = 'https://quickbooks.api.intuit.com';
export const INTUIT_SANDBOX_API_BASE_URL = 'https://sandbox-quickbooks.api.intuit.com';

/** What node-quickbooks needs to reach one realm. */
export interface NodeQuickbooksSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://quickbooks.api.intuit.com`, or the sandbox's base URL. */
  readonly apiBaseUrl: string;
  readonly minorVersion: string;
}

/**
 * A node-quickbooks client of one realm, on OAuth 2.0 (the 9th argument: a bearer token, and no call
 * to `setOauthVersion('2.0')`, which fetches Intuit's discovery document). The endpoint is set on the
 * instance, not on the process-global static. Debug logging stays off: it would print bodies.
 * @returns the client
 */
export const nodeQuickbooks = (settings: NodeQuickbooksSettings, realmId: string, accessToken: string): NodeQuickbooks => {
  const qbo = new QuickBooks(
    settings.clientId,
    settings.clientSecret,
    accessToken,
    false,
    realmId,
    false,
    false,
    settings.minorVersion,
    '2.0',
    '',
  ) as unknown as NodeQuickbooks;
  qbo.endpoint = `${settings.apiBaseUrl}/v3/company/`;
  return qbo;
};
