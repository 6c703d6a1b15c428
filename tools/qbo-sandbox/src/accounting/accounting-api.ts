// The Accounting API as a plain web-standard handler (Request → Response), so it runs under any server.
import type { AccountingDeps } from './accounting-routes.js';

/** Answers one Accounting API request for a realm. */
export const handleAccountingRequest = async (deps: AccountingDeps, realmId: string, request: Request): Promise<Response> => {
  const company = deps.company(realmId);
  void request;
  return new Response(JSON.stringify({ realmId, known: company !== undefined, time: deps.now().toISOString() }), { status: 501, headers: { 'content-type': 'application/json' } });
};
