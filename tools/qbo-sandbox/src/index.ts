// Public entry of the QBO sandbox: build one in-process, listen on a port, drive it through `admin`.
export { createSandbox, type Sandbox, type RunningSandbox } from './server/create-sandbox.js';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type SandboxOptions } from './server/sandbox-options.js';
export type { SandboxAdmin, CreatedCompany } from './admin/sandbox-admin.js';
export type { FaultRequest } from './http-faults/fault-injector.js';
export type { LoggedRequest } from './server/request-log.js';
export type { CompanySettings, TaxCodeSpec, TaxRateSpec } from './company/company-settings.js';
export { renderPdf } from './accounting/transaction-pdf.js';
