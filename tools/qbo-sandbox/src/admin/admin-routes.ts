// /__admin: the JSON test-control API (README.md "Admin API") and the HTML settings page.
import { Hono, type Context } from 'hono';
import type { SandboxEnv } from '../server/sandbox-env.js';
import type { SandboxAdmin } from './sandbox-admin.js';
import { parseFaultRequest, parseSettingsPatch } from './settings-input.js';
import { settingsUiRoutes } from './settings-ui.js';
import { parseAccountantEdit, parseWebhookRegistration } from './webhook-and-edit-input.js';
import { faultObject } from '../accounting/qbo-faults.js';

const readJson = async (c: Context<SandboxEnv>): Promise<unknown> => c.req.json<unknown>().catch(() => undefined);

const badRequest = (c: Context<SandboxEnv>, error: string): Response => c.json({ error }, 400);
const unknownRealm = (c: Context<SandboxEnv>, realmId: string): Response => c.json({ error: `unknown realm ${realmId}` }, 404);

/** @returns the admin routes, to mount at /__admin when enabled */
export function adminRoutes(admin: SandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.post('/companies', async (c) => {
    const body = await readJson(c);
    const parsed = parseSettingsPatch(body ?? {});
    if (!parsed.ok) return badRequest(c, parsed.error);
    const { country, ...patch } = parsed.value;
    if (country === undefined) return badRequest(c, 'country is required (ISO alpha-2, e.g. "FR")');
    return c.json(admin.createCompany({ ...patch, country }), 201);
  });

  app.get('/companies', (c) => c.json({ companies: admin.listCompanies() }));

  app.get('/companies/:realmId', (c) => {
    const realmId = c.req.param('realmId');
    const inspected = admin.inspect(realmId);
    return inspected === undefined ? unknownRealm(c, realmId) : c.json(inspected);
  });

  app.patch('/companies/:realmId/settings', async (c) => {
    const realmId = c.req.param('realmId');
    const parsed = parseSettingsPatch(await readJson(c));
    if (!parsed.ok) return badRequest(c, parsed.error);
    if (parsed.value.country !== undefined) return badRequest(c, 'country cannot change once the company exists');
    const settings = admin.updateSettings(realmId, parsed.value);
    return settings === undefined ? unknownRealm(c, realmId) : c.json({ realmId, settings });
  });

  app.get('/requests', (c) => c.json(admin.requests(c.req.query('realmId'))));

  app.get('/token-requests', (c) => c.json({ requests: admin.tokenRequests() }));

  app.delete('/requests', (c) => {
    admin.clearRequests();
    return c.body(null, 204);
  });

  app.post('/faults', async (c) => {
    const parsed = parseFaultRequest(await readJson(c));
    if (!parsed.ok) return badRequest(c, parsed.error);
    admin.injectFaults(parsed.value);
    return c.json({ injected: parsed.value });
  });

  app.post('/tokens/expire', async (c) => {
    const body = await readJson(c);
    const realmId = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['realmId'] : undefined;
    const which = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['which'] : undefined;
    if (typeof realmId !== 'string') return badRequest(c, 'realmId is required');
    if (which !== 'access' && which !== 'refresh' && which !== 'both') return badRequest(c, "which must be 'access', 'refresh' or 'both'");
    if (admin.company(realmId) === undefined) return unknownRealm(c, realmId);
    return c.json({ realmId, which, expired: admin.expireTokens(realmId, which) });
  });

  app.put('/companies/:realmId/webhook', async (c) => {
    const realmId = c.req.param('realmId');
    const parsed = parseWebhookRegistration(await readJson(c));
    if (!parsed.ok) return badRequest(c, parsed.error);
    return admin.registerWebhook(realmId, parsed.value) ? c.json({ realmId, webhook: parsed.value }) : unknownRealm(c, realmId);
  });

  app.get('/companies/:realmId/webhook', async (c) => {
    const realmId = c.req.param('realmId');
    await admin.webhooksIdle();
    const webhook = admin.webhook(realmId);
    return webhook === undefined ? unknownRealm(c, realmId) : c.json({ realmId, ...webhook });
  });

  app.delete('/companies/:realmId/webhook', (c) => {
    const realmId = c.req.param('realmId');
    if (admin.company(realmId) === undefined) return unknownRealm(c, realmId);
    admin.unregisterWebhook(realmId);
    return c.body(null, 204);
  });

  app.post('/companies/:realmId/accountant-edits', async (c) => {
    const realmId = c.req.param('realmId');
    const parsed = parseAccountantEdit(await readJson(c));
    if (!parsed.ok) return badRequest(c, parsed.error);
    const outcome = admin.accountantEdit(realmId, parsed.value);
    if (outcome === undefined) return unknownRealm(c, realmId);
    return outcome.ok ? c.json({ realmId, entity: outcome.value }) : c.json({ realmId, ...faultObject(outcome.errors) }, 400);
  });

  app.get('/time', (c) => c.json(admin.time()));

  app.post('/time', async (c) => {
    const body = await readJson(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest(c, 'the body must be a JSON object');
    const b = body as Record<string, unknown>;
    const unknown = Object.keys(b).filter((k) => !['set', 'advanceSeconds', 'frozen', 'timeScale'].includes(k));
    if (unknown.length > 0) return badRequest(c, `unknown key ${unknown.join(', ')}: use set, advanceSeconds, frozen, timeScale`);
    if (b['set'] !== undefined && (typeof b['set'] !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(b['set'])))
      return badRequest(c, 'set must be an ISO 8601 instant');
    if (b['frozen'] !== undefined && typeof b['frozen'] !== 'boolean') return badRequest(c, 'frozen must be a boolean');
    for (const k of ['advanceSeconds', 'timeScale'])
      if (b[k] !== undefined && typeof b[k] !== 'number') return badRequest(c, `${k} must be a number`);
    const changed = admin.changeTime({
      ...(typeof b['set'] === 'string' ? { set: new Date(b['set']) } : {}),
      ...(typeof b['advanceSeconds'] === 'number' ? { advanceSeconds: b['advanceSeconds'] } : {}),
      ...(typeof b['frozen'] === 'boolean' ? { frozen: b['frozen'] } : {}),
      ...(typeof b['timeScale'] === 'number' ? { timeScale: b['timeScale'] } : {}),
    });
    return changed.ok ? c.json(changed.value) : badRequest(c, changed.error);
  });

  app.post('/reset', (c) => {
    admin.reset();
    return c.body(null, 204);
  });

  app.route('/ui', settingsUiRoutes(admin));
  return app;
}
