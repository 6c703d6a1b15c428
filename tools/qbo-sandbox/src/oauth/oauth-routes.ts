// Intuit's OAuth 2.0 endpoints at Intuit's paths, so intuit-oauth's setAuthorizeURLs and node-quickbooks'
// TOKEN_URL / REVOKE_URL only change the host (QBO-API.md §7).
import { Hono, type Context } from 'hono';
import type { SandboxEnv } from '../server/sandbox-env.js';
import type { SandboxState } from '../server/sandbox-state.js';
import { authorizeErrorPage, consentPage, type AuthorizeRequest } from './consent-page.js';

const ACCOUNTING_SCOPES = ['com.intuit.quickbooks.accounting', 'com.intuit.quickbooks.payment'];

/** Decodes `Authorization: Basic base64(id:secret)`. @returns the pair, or undefined when absent or malformed */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const oauthError = (c: Context<SandboxEnv>, status: 400 | 401, error: string, description?: string): Response => {
  c.header('Cache-Control', 'no-store');
  return c.json(description === undefined ? { error } : { error_description: description, error }, status);
};

const isAbsoluteHttpUri = (uri: string): boolean => {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Reads fields from a form or JSON body. @returns the string fields */
async function bodyFields(c: Context<SandboxEnv>): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? '';
  const fields: Record<string, string> = {};
  if (type.includes('application/json')) {
    const json: unknown = await c.req.json().catch(() => ({}));
    if (typeof json === 'object' && json !== null) {
      for (const [k, v] of Object.entries(json)) if (typeof v === 'string') fields[k] = v;
    }
    return fields;
  }
  const form = await c.req.parseBody().catch(() => ({}));
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') fields[k] = v;
  return fields;
}

/** @returns the OAuth routes: consent screen, token, revoke and userinfo */
export function oauthRoutes(state: SandboxState): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const { options } = state;

  const clientProblem = (request: AuthorizeRequest): string | undefined => {
    if (request.clientId !== options.clientId) return 'Unknown client_id';
    if (!isAbsoluteHttpUri(request.redirectUri)) return 'redirect_uri is missing or not an absolute http(s) URI';
    if (options.redirectUris.length > 0 && !options.redirectUris.includes(request.redirectUri)) {
      return 'redirect_uri is not one of the app’s redirect URIs';
    }
    return undefined;
  };

  const redirectWith = (c: Context<SandboxEnv>, request: AuthorizeRequest, params: Record<string, string>): Response => {
    const url = new URL(request.redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (request.state !== undefined) url.searchParams.set('state', request.state);
    return c.redirect(url.toString(), 302);
  };

  const readAuthorize = (get: (name: string) => string | undefined): AuthorizeRequest => ({
    clientId: get('client_id') ?? '',
    redirectUri: get('redirect_uri') ?? '',
    scope: get('scope') ?? '',
    state: get('state'),
    responseType: get('response_type') ?? '',
  });

  /** Problems that are reported to the app through its redirect URI (RFC 6749 §4.1.2.1). */
  const redirectableProblem = (request: AuthorizeRequest): Record<string, string> | undefined => {
    if (request.responseType !== 'code') return { error: 'unsupported_response_type' };
    if (request.scope.trim() === '') return { error: 'invalid_scope' };
    return undefined;
  };

  app.get('/connect/oauth2', (c) => {
    const request = readAuthorize((name) => c.req.query(name));
    const problem = clientProblem(request);
    if (problem !== undefined) return c.html(authorizeErrorPage('invalid_request', problem), 400);
    const redirectable = redirectableProblem(request);
    if (redirectable !== undefined) return redirectWith(c, request, redirectable);
    return c.html(consentPage(request, state.companies.list(), options.adminEnabled ? '/__admin/ui' : undefined));
  });

  app.post('/connect/oauth2', async (c) => {
    const fields = await bodyFields(c);
    const request = readAuthorize((name) => fields[name]);
    const problem = clientProblem(request);
    if (problem !== undefined) return c.html(authorizeErrorPage('invalid_request', problem), 400);
    const redirectable = redirectableProblem(request);
    if (redirectable !== undefined) return redirectWith(c, request, redirectable);
    if (fields['decision'] !== 'approve') return redirectWith(c, request, { error: 'access_denied' });
    let company = fields['realmId'] === undefined || fields['realmId'] === 'new' ? undefined : state.companies.get(fields['realmId']);
    if (company === undefined) {
      if (fields['realmId'] !== undefined && fields['realmId'] !== 'new') {
        return c.html(authorizeErrorPage('invalid_request', 'Unknown company'), 400);
      }
      const name = (fields['companyName'] ?? '').trim();
      company = state.companies.create(fields['country'] ?? 'FR', name === '' ? {} : { companyName: name });
    }
    const code = state.tokens.issueCode(
      { clientId: request.clientId, redirectUri: request.redirectUri, realmId: company.realmId, scope: request.scope },
      state.nowMs(),
    );
    const scopes = request.scope.split(/\s+/);
    const params: Record<string, string> = { code };
    if (scopes.some((s) => ACCOUNTING_SCOPES.includes(s))) params['realmId'] = company.realmId;
    return redirectWith(c, request, params);
  });

  app.post('/oauth2/v1/tokens/bearer', async (c) => {
    const fields = await bodyFields(c);
    const res = await answerTokenRequest(c, fields);
    const body: unknown =
      res.status === 200
        ? undefined
        : await res
            .clone()
            .json()
            .catch(() => undefined);
    const error = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : undefined;
    state.tokenLog.add({ at: state.options.clock().toISOString(), grantType: fields['grant_type'], status: res.status, error });
    return res;
  });

  const answerTokenRequest = async (c: Context<SandboxEnv>, fields: Record<string, string>): Promise<Response> => {
    const client = basicCredentials(c.req.header('Authorization'));
    if (client === undefined || client.id !== options.clientId || client.secret !== options.clientSecret) {
      return oauthError(c, 401, 'invalid_client');
    }
    const hard = c.req.header('x-include-refresh-token-hard-expires-in') === 'true';
    const grantType = fields['grant_type'];
    let outcome;
    if (grantType === 'authorization_code') {
      if (fields['code'] === undefined || fields['redirect_uri'] === undefined) return oauthError(c, 400, 'invalid_request');
      outcome = state.tokens.exchangeCode(client.id, fields['code'], fields['redirect_uri'], state.nowMs(), hard);
    } else if (grantType === 'refresh_token') {
      if (fields['refresh_token'] === undefined) return oauthError(c, 400, 'invalid_request');
      outcome = state.tokens.refresh(client.id, fields['refresh_token'], state.nowMs(), hard);
    } else if (grantType === undefined) {
      return oauthError(c, 400, 'invalid_request');
    } else {
      return oauthError(c, 400, 'unsupported_grant_type');
    }
    if (!outcome.ok) return oauthError(c, 400, outcome.error.error, outcome.error.error_description);
    c.header('Cache-Control', 'no-store');
    return c.json(outcome.value);
  };

  app.post('/v2/oauth2/tokens/revoke', async (c) => {
    const client = basicCredentials(c.req.header('Authorization'));
    if (client === undefined || client.id !== options.clientId || client.secret !== options.clientSecret) {
      return oauthError(c, 401, 'invalid_client');
    }
    const token = (await bodyFields(c))['token'];
    if (token === undefined || token === '') return oauthError(c, 400, 'invalid_request');
    // RFC 7009: an unknown token is answered 200 like a revoked one.
    state.tokens.revoke(token);
    return c.body(null, 200);
  });

  app.get('/v1/openid_connect/userinfo', (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    const check = state.tokens.authenticate(token, state.nowMs());
    if (!check.ok) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return c.json({ error: 'invalid_token' }, 401);
    }
    return c.json({
      sub: `sandbox-user-${check.value.grantId}`,
      email: 'sandbox.user@example.com',
      emailVerified: true,
      givenName: 'Camille',
      familyName: 'Martin',
    });
  });

  return app;
}
