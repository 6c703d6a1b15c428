// The QuickBooks Online adapter: Intuit OAuth 2.0 on intuit-oauth, the Accounting API on node-quickbooks.
export * from './authorization-callback.js';
export * from './intuit-oauth-setup.js';
export * from './intuit-authorization.js';
export * from './quickbooks-gateway.js';
export * from './quickbooks-accounting.js';
export * from './keep-alive.js';
export * from './realm-limiter.js';
export * from './shared-budget.js';
export * from './request-policy.js';
export { INTUIT_API_BASE_URL, INTUIT_SANDBOX_API_BASE_URL, type NodeQuickbooksSettings } from './node-quickbooks-client.js';
