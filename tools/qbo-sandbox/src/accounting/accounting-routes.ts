// The Accounting API v3 routes, mounted by the server at /v3/company/:realmId, and the temporary file links.
import { Hono } from 'hono';
import type { Company } from '../company/company.js';
import { handleAccountingRequest, handleTemporaryFile } from './accounting-api.js';

export interface AccountingDeps {
  company(realmId: string): Company | undefined;
  now(): Date;
  uploadLimitBytes: number;
}

const realmFromPath = (pathname: string): string => decodeURIComponent(/\/v3\/company\/([^/]+)/.exec(pathname)?.[1] ?? '');

/**
 * Every Accounting API resource of one realm, answering as QBO does (JSON bodies with `time`, faults in the
 * `Fault` envelope). The realm comes from the mount path's `:realmId`.
 * @returns a Hono app to mount at `/v3/company/:realmId`
 */
export function accountingRoutes(deps: AccountingDeps): Hono {
  const app = new Hono();
  app.all('*', async (c) => handleAccountingRequest(deps, c.req.param('realmId') ?? realmFromPath(new URL(c.req.url).pathname), c.req.raw));
  return app;
}

/**
 * The temporary download links of attachables (`TempDownloadUri`), valid 15 minutes and needing no bearer token.
 * @returns a Hono app to mount at `/__files` (see `temporaryFilePrefix`)
 */
export function temporaryFileRoutes(deps: AccountingDeps): Hono {
  const app = new Hono();
  app.get('/:realmId/:token/*', (c) => handleTemporaryFile(deps, c.req.param('realmId'), c.req.param('token')));
  app.get('/:realmId/:token', (c) => handleTemporaryFile(deps, c.req.param('realmId'), c.req.param('token')));
  return app;
}
