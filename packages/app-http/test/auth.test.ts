import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, type AccessTokenSettings } from '../src/auth/access-token-verifier.js';
import { AUDIENCE, ISSUER, SECRET, testApp, tokenFor } from './support/test-app.js';

const settings = (keys: AccessTokenSettings['keys']): AccessTokenSettings => ({
  keys,
  issuer: ISSUER,
  audience: AUDIENCE,
  accountClaim: 'account_id',
  clockToleranceSeconds: 0,
});

const claims = { account_id: 'A1', iss: ISSUER, aud: AUDIENCE };
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

describe('authentication of every /v1 route', () => {
  const get = async (authorization: string | undefined, language = 'fr') => {
    const t = await testApp();
    const res = await t.app.request('/v1/quickbooks/connection', {
      headers: { ...(authorization === undefined ? {} : { authorization }), 'accept-language': language },
    });
    return { res, problem: (await res.json()) as Record<string, unknown> };
  };

  it('refuses a request without a token: 401, WWW-Authenticate, the header named', async () => {
    const { res, problem } = await get(undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(problem).toMatchObject({ type: 'urn:ogustine-qbo:problem:unauthenticated', errors: [{ field: 'header.authorization' }] });
  });

  it.each([
    ['another scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
    ['an expired token', async () => `Bearer ${await tokenFor('A1', { exp: Math.floor(Date.now() / 1000) - 60 })}`],
    ['a token without exp', async () => `Bearer ${await tokenFor('A1', { exp: undefined })}`],
    ['another issuer', async () => `Bearer ${await tokenFor('A1', { iss: 'https://elsewhere.test' })}`],
    ['another audience', async () => `Bearer ${await tokenFor('A1', { aud: 'billing' })}`],
    ['another secret', async () => `Bearer ${await tokenFor('A1', {}, 'a-different-secret-of-thirty-two-bytes!!')}`],
    ['no account claim', async () => `Bearer ${await tokenFor('A1', { account_id: undefined })}`],
    ['an account claim that is not an id', async () => `Bearer ${await tokenFor('../A1')}`],
    ['a number as account', async () => `Bearer ${await tokenFor('A1', { account_id: 42 })}`],
    [
      'HS512 with the right secret',
      async () =>
        `Bearer ${await new SignJWT({ ...claims, exp: inFiveMinutes() }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(SECRET))}`,
    ],
    [
      'alg none',
      async () => `Bearer eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ ...claims, exp: inFiveMinutes() })).toString('base64url')}.`,
    ],
  ])('refuses %s with 401 invalid-token', async (_what, header) => {
    const { res, problem } = await get(await header());
    expect(res.status).toBe(401);
    expect(problem['type']).toBe('urn:ogustine-qbo:problem:invalid-token');
  });

  it('says an expired token has expired, in the asked language', async () => {
    const expired = `Bearer ${await tokenFor('A1', { exp: Math.floor(Date.now() / 1000) - 60 })}`;
    expect((await get(expired, 'en')).problem['detail']).toContain('expired');
    expect((await get(expired, 'fr')).problem['detail']).toContain('expiré');
  });

  it('accepts a valid token and scopes the request to its account', async () => {
    const { res } = await get(`Bearer ${await tokenFor('A1')}`);
    expect(res.status).toBe(200);
  });
});

describe('key sources', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    server = undefined;
  });

  it('RS256 with a configured public key: its tokens pass, another key’s do not', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const other = await generateKeyPair('RS256');
    const verifier = await createAccessTokenVerifier(
      settings({ kind: 'public-key', algorithm: 'RS256', pem: await exportSPKI(publicKey) }),
    );
    const good = await new SignJWT({ ...claims, exp: inFiveMinutes() }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const forged = await new SignJWT({ ...claims, exp: inFiveMinutes() }).setProtectedHeader({ alg: 'RS256' }).sign(other.privateKey);
    expect(await verifier.verify(good)).toEqual({ ok: true, value: 'A1' });
    expect(await verifier.verify(forged)).toEqual({ ok: false, error: { kind: 'authn.invalid-token', reason: 'signature' } });
    // An HS256 token signed with the public key's text must not pass (algorithm confusion).
    const confused = await new SignJWT({ ...claims, exp: inFiveMinutes() })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(await exportSPKI(publicKey)));
    expect((await verifier.verify(confused)).ok).toBe(false);
  });

  it('ES256 from a JWKS URL; the key server down is a 503 (the token may be fine), not a 401', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const verifier = await createAccessTokenVerifier(settings({ kind: 'jwks', url, algorithms: ['ES256'] }));
    const token = await new SignJWT({ ...claims, exp: inFiveMinutes() }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
    expect(await verifier.verify(token)).toEqual({ ok: true, value: 'A1' });

    const closed = await createAccessTokenVerifier(settings({ kind: 'jwks', url: 'http://127.0.0.1:9/jwks.json', algorithms: ['ES256'] }));
    expect(await closed.verify(token)).toEqual({ ok: false, error: { kind: 'authn.keys-unavailable' } });

    const t = await testApp({ JWT_HS256_SECRET: '', JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json', JWT_ALGORITHM: 'ES256' });
    const res = await t.app.request('/v1/quickbooks/connection', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(((await res.json()) as Record<string, unknown>)['type']).toBe('urn:ogustine-qbo:problem:identity-keys-unavailable');
  });
});
