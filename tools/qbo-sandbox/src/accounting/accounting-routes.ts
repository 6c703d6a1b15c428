// The Accounting API v3 routes, mounted by the server at /v3/company/:realmId.
import { Hono } from 'hono';
import type { Company } from '../company/company.js';
import { handleAccountingRequest } from './accounting-api.js';

export interface AccountingDeps { company(realmId: string): Company | undefined; now(): Date }

/**
 * Every Accounting API resource of one realm, answering as QBO does (JSON bodies with `time`, faults in the
 * `Fault` envelope). The realm comes from the mount path's `:realmId`.
 * @returns a Hono app to mount at `/v3/company/:realmId`
 */
export function accountingRoutes(deps: AccountingDeps): Hono {
  const app = new Hono();
  app.all('*', async (c) => {
    const realmId = c.req.param('realmId') ?? realmFromPath(new URL(c.req.url).pathname);
    return handleAccountingRequest(deps, realmId, c.req.raw);
  });
  return app;
}

const realmFromPath = (pathname: string): string => /\/v3\/company\/([^/]+)/.exec(pathname)?.[1] ?? '';
