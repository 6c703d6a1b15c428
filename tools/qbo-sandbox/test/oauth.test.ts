// OAuth 2.0 as Intuit answers it, driven by intuit-oauth (and node-quickbooks for the form-body revoke).
import { afterEach, describe, expect, test } from 'vitest';
import QB from 'node-quickbooks';
import type { QuickBooks as QuickBooksType } from 'node-quickbooks';
import { approve, CLIENT_ID, CLIENT_SECRET, oauthClient, REDIRECT_URI, start, type Started } from './clients.js';

const QuickBooks = QB as unknown as typeof QuickBooksType & { TOKEN_URL: string; REVOKE_URL: string };

let current: Started | undefined;
afterEach(async () => {
  await current?.running.close();
  current = undefined;
});

/** A clock a test moves by hand. */
function manualClock(start = Date.parse('2026-03-02T09:00:00Z')): { clock: () => Date; advance: (seconds: number) => void } {
  let now = start;
  return { clock: () => new Date(now), advance: (seconds) => (now += seconds * 1000) };
}

const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

async function tokenCall(
  url: string,
  form: Record<string, string>,
  authorization = basic,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function companyInfoStatus(url: string, realmId: string, accessToken: string): Promise<number> {
  const res = await fetch(`${url}/v3/company/${realmId}/companyinfo/${realmId}`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('intuit-oauth against the sandbox', () => {
  test('full flow: consent, code exchange, refresh with a grace period, revoke', async () => {
    const time = manualClock();
    current = await start({ clock: time.clock, refreshGraceSeconds: 3600 });
    const oc = oauthClient(current.url);
    const authorizeUri = oc.authorizeUri({ scope: ['com.intuit.quickbooks.accounting', 'openid'], state: 'st-123' });
    expect(authorizeUri.startsWith(`${current.url}/connect/oauth2?`)).toBe(true);

    const callback = await approve(authorizeUri, { country: 'GB' });
    const callbackUrl = new URL(callback);
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(REDIRECT_URI);
    expect(callbackUrl.searchParams.get('state')).toBe('st-123');
    const realmId = callbackUrl.searchParams.get('realmId') ?? '';
    expect(realmId).toMatch(/^\d{16}$/);
    expect(current.sandbox.admin.company(realmId)?.settings.country).toBe('GB');

    const created = await oc.createToken(callback);
    const first = created.getJson() as Record<string, unknown>;
    expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8_726_400 });
    expect(oc.getToken().realmId).toBe(realmId);
    const firstRefresh = String(first['refresh_token']);

    time.advance(10);
    const refreshed = (await oc.refresh()).getJson() as Record<string, unknown>;
    expect(refreshed['refresh_token']).not.toBe(firstRefresh);
    expect(refreshed['access_token']).not.toBe(first['access_token']);
    expect(await companyInfoStatus(current.url, realmId, String(refreshed['access_token']))).not.toBe(401);

    // The superseded refresh token still works inside the grace period and gives the current one back.
    time.advance(3500);
    const again = (await oc.refreshUsingToken(firstRefresh)).getJson() as Record<string, unknown>;
    expect(again['refresh_token']).toBe(refreshed['refresh_token']);
    // … and dies after it.
    time.advance(101);
    const dead = await oc
      .refreshUsingToken(firstRefresh)
      .catch((e: unknown) => e as { error: string; authResponse: { response: { status: number } } });
    expect(dead).toMatchObject({ error: 'invalid_grant', authResponse: { response: { status: 400 } } });

    const latest = String(refreshed['refresh_token']);
    oc.setToken({ ...(refreshed as object), realmId, createdAt: Date.now() } as never);
    await oc.revoke();
    expect(await companyInfoStatus(current.url, realmId, String(refreshed['access_token']))).toBe(401);
    expect(await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: latest })).toEqual({
      status: 400,
      body: { error_description: 'Incorrect or invalid refresh token', error: 'invalid_grant' },
    });
  });

  test('a code used twice gives invalid_grant and revokes the tokens issued from it', async () => {
    current = await start();
    const oc = oauthClient(current.url);
    const callback = await approve(oc.authorizeUri({ scope: 'com.intuit.quickbooks.accounting', state: 's' }));
    const realmId = new URL(callback).searchParams.get('realmId') ?? '';
    const tokens = (await oc.createToken(callback)).getJson() as Record<string, string>;
    expect(await companyInfoStatus(current.url, realmId, tokens['access_token'] ?? '')).not.toBe(401);

    const reuse = await oc
      .createToken(callback)
      .catch((e: unknown) => e as { error: string; authResponse: { response: { status: number } } });
    expect(reuse).toMatchObject({ error: 'invalid_grant', authResponse: { response: { status: 400 } } });
    expect(await companyInfoStatus(current.url, realmId, tokens['access_token'] ?? '')).toBe(401);
    expect(
      (await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: tokens['refresh_token'] ?? '' })).body['error'],
    ).toBe('invalid_grant');
  });

  test('the token-request log keeps every call of the token endpoint with its grant type, status and OAuth error', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const refreshed = await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: company.refreshToken });
    expect(refreshed.status).toBe(200);
    await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: 'RT1-unknown' });
    await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: company.refreshToken }, 'Basic bm9ib2R5Om5vcGU=');
    await tokenCall(current.url, { refresh_token: company.refreshToken });
    const over = await fetch(`${current.url}/__admin/token-requests`);
    const logged = ((await over.json()) as { requests: Array<Record<string, unknown>> }).requests;
    expect(logged.map(({ grantType, status, error }) => ({ grantType, status, error }))).toEqual([
      { grantType: 'refresh_token', status: 200, error: undefined },
      { grantType: 'refresh_token', status: 400, error: 'invalid_grant' },
      { grantType: 'refresh_token', status: 401, error: 'invalid_client' },
      { grantType: undefined, status: 400, error: 'invalid_request' },
    ]);
    expect(logged.every((r) => typeof r['at'] === 'string')).toBe(true);
    current.sandbox.admin.clearRequests();
    expect(current.sandbox.admin.tokenRequests()).toEqual([]);
  });

  test('an expired code, a wrong redirect_uri, a bad client and an unknown grant type are refused as Intuit does', async () => {
    const time = manualClock();
    current = await start({ clock: time.clock, authCodeLifetimeSeconds: 1 });
    const oc = oauthClient(current.url);
    const code = (uri: string): string => new URL(uri).searchParams.get('code') ?? '';

    const late = code(await approve(oc.authorizeUri({ scope: 'com.intuit.quickbooks.accounting', state: 'a' })));
    time.advance(2);
    expect(await tokenCall(current.url, { grant_type: 'authorization_code', code: late, redirect_uri: REDIRECT_URI })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });

    const fresh = code(await approve(oc.authorizeUri({ scope: 'com.intuit.quickbooks.accounting', state: 'b' })));
    expect(
      await tokenCall(current.url, { grant_type: 'authorization_code', code: fresh, redirect_uri: 'http://127.0.0.1:9/other' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const wrongSecret = `Basic ${Buffer.from(`${CLIENT_ID}:nope`).toString('base64')}`;
    expect(
      await tokenCall(current.url, { grant_type: 'authorization_code', code: fresh, redirect_uri: REDIRECT_URI }, wrongSecret),
    ).toEqual({ status: 401, body: { error: 'invalid_client' } });
    expect(await tokenCall(current.url, { grant_type: 'password', code: fresh })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    // The refusals above did not spend the code.
    expect((await tokenCall(current.url, { grant_type: 'authorization_code', code: fresh, redirect_uri: REDIRECT_URI })).status).toBe(200);
  });

  test('an expired refresh token (admin) gives invalid_grant; a refresh token lifetime can be one second', async () => {
    const time = manualClock();
    current = await start({ clock: time.clock, refreshTokenLifetimeSeconds: 1 });
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    time.advance(2);
    expect(await tokenCall(current.url, { grant_type: 'refresh_token', refresh_token: company.refreshToken })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  test('the consent screen escapes what it echoes, reports a denial with state, and refuses an unknown redirect URI', async () => {
    current = await start({ redirectUris: [REDIRECT_URI] });
    const oc = oauthClient(current.url);
    const uri = oc.authorizeUri({ scope: 'com.intuit.quickbooks.accounting', state: '"><script>x</script>' });
    const html = await (await fetch(uri)).text();
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');

    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state: 'z',
      decision: 'deny',
    });
    const denied = await fetch(`${current.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' });
    expect(denied.status).toBe(302);
    expect(new URL(denied.headers.get('location') ?? '').search).toBe('?error=access_denied&state=z');

    const elsewhere = uri.replace(encodeURIComponent(REDIRECT_URI), encodeURIComponent('https://evil.example/cb'));
    expect((await fetch(elsewhere, { redirect: 'manual' })).status).toBe(400);
  });

  test('node-quickbooks refreshes and revokes with form bodies', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    QuickBooks.TOKEN_URL = `${current.url}/oauth2/v1/tokens/bearer`;
    QuickBooks.REVOKE_URL = `${current.url}/v2/oauth2/tokens/revoke`;
    const qbo = new QuickBooks(
      CLIENT_ID,
      CLIENT_SECRET,
      company.accessToken,
      false,
      company.realmId,
      true,
      false,
      '75',
      '2.0',
      company.refreshToken,
    );
    const refreshed = await new Promise<Record<string, unknown>>((resolve, reject) =>
      qbo.refreshAccessToken((err: unknown, body: unknown) => (err ? reject(err as Error) : resolve(body as Record<string, unknown>))),
    );
    expect(refreshed['expires_in']).toBe(3600);
    const status = await new Promise<number>((resolve, reject) =>
      qbo.revokeAccess(false, (err: unknown, res: unknown) => (err ? reject(err as Error) : resolve((res as { status: number }).status))),
    );
    expect(status).toBe(200);
    expect(await companyInfoStatus(current.url, company.realmId, String(refreshed['access_token']))).toBe(401);
  });

  test('userinfo answers a live access token and refuses a dead one', async () => {
    current = await start();
    const company = current.sandbox.admin.createCompany({ country: 'FR' });
    const ok = await fetch(`${current.url}/v1/openid_connect/userinfo`, { headers: { Authorization: `Bearer ${company.accessToken}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty('email');
    current.sandbox.admin.expireTokens(company.realmId, 'access');
    expect(
      (await fetch(`${current.url}/v1/openid_connect/userinfo`, { headers: { Authorization: `Bearer ${company.accessToken}` } })).status,
    ).toBe(401);
  });
});
