import { describe, expect, test } from 'vitest';
import { TokenStore } from './token-store.js';

const lifetimes = { accessTokenSeconds: 3600, refreshTokenSeconds: 8_726_400, refreshGraceSeconds: 86_400, authCodeSeconds: 600 };
const T0 = Date.parse('2026-02-01T10:00:00Z');

const refreshToken = (outcome: { ok: boolean; value?: { refresh_token: string } }): string => outcome.value?.refresh_token ?? '';

describe('TokenStore', () => {
  test('a code works once, for its client and redirect URI', () => {
    const store = new TokenStore(lifetimes);
    const code = store.issueCode({ clientId: 'c', redirectUri: 'http://x/cb', realmId: '1', scope: 's' }, T0);
    expect(store.exchangeCode('other', code, 'http://x/cb', T0, false).ok).toBe(false);
    const first = store.exchangeCode('c', code, 'http://x/cb', T0, false);
    expect(first.ok).toBe(true);
    expect(store.exchangeCode('c', code, 'http://x/cb', T0, false)).toEqual({
      ok: false,
      error: { error: 'invalid_grant', error_description: 'Authorization code has already been used' },
    });
  });

  test('rotation: the previous refresh token dies after the grace period, the current one lives on', () => {
    const store = new TokenStore(lifetimes);
    const t0 = store.connect('c', '1', 's', T0);
    const r1 = store.refresh('c', t0.refresh_token, T0 + 1000, false);
    expect(r1.ok).toBe(true);
    expect(refreshToken(r1)).not.toBe(t0.refresh_token);
    expect(store.refresh('c', t0.refresh_token, T0 + 86_400_000, false).ok).toBe(true);
    expect(store.refresh('c', t0.refresh_token, T0 + 86_401_000, false).ok).toBe(false);
    expect(store.refresh('c', refreshToken(r1), T0 + 86_401_000, false).ok).toBe(true);
  });

  test('x_refresh_token_expires_in counts down; the hard limit appears only when asked', () => {
    const store = new TokenStore(lifetimes);
    const t0 = store.connect('c', '1', 's', T0);
    expect(t0.x_refresh_token_expires_in).toBe(8_726_400);
    expect(t0.x_refresh_token_hard_expires_in).toBeUndefined();
    const r = store.refresh('c', t0.refresh_token, T0 + 10_000, true);
    expect(r.ok && r.value.x_refresh_token_expires_in).toBe(8_726_400);
    expect(r.ok && r.value.x_refresh_token_hard_expires_in).toBe(5 * 365 * 86_400 - 10);
  });

  test('revoking the refresh token kills the access tokens of the grant, not those of another grant', () => {
    const store = new TokenStore(lifetimes);
    const a = store.connect('c', '1', 's', T0);
    const b = store.connect('c', '1', 's', T0);
    expect(store.revoke(a.refresh_token)).toBe(true);
    expect(store.authenticate(a.access_token, T0)).toEqual({ ok: false, error: 'invalid' });
    expect(store.authenticate(b.access_token, T0).ok).toBe(true);
    expect(store.revoke('unknown')).toBe(false);
  });

  test('expire makes the realm’s tokens answer expired, and only that realm’s', () => {
    const store = new TokenStore(lifetimes);
    const a = store.connect('c', '1', 's', T0);
    const b = store.connect('c', '2', 's', T0);
    expect(store.expire('1', 'both', T0 + 5)).toBe(2);
    expect(store.authenticate(a.access_token, T0 + 5)).toEqual({ ok: false, error: 'expired' });
    expect(store.refresh('c', a.refresh_token, T0 + 5, false).ok).toBe(false);
    expect(store.authenticate(b.access_token, T0 + 5).ok).toBe(true);
  });
});
