// The billing-core port over HTTP: `@ogustine-qbo/adapters/billing-core`.
export { HttpBillingCore } from './http-billing-core.js';
export { DEFAULT_BILLING_CORE_HTTP_OPTIONS, type BillingCoreHttpOptions } from './billing-core-options.js';
