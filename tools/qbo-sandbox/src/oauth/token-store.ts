// Authorization codes, access tokens and refresh tokens, like Intuit's OAuth 2.0 server (QBO-API.md §7).
// A grant is one connection of an app to a company: the code it came from, every access token issued on
// it, and its chain of refresh tokens. Revoking any token of a grant revokes the whole grant.
import { randomBytes } from 'node:crypto';

export type Outcome<T, E> = { ok: true; value: T } | { ok: false; error: E };
const ok = <T>(value: T): Outcome<T, never> => ({ ok: true, value });
const fail = <E>(error: E): Outcome<never, E> => ({ ok: false, error });

export interface Lifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  refreshGraceSeconds: number;
  authCodeSeconds: number;
}

/** The body of a successful token-endpoint answer, as Intuit sends it. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
}

export interface InvalidGrant {
  error: 'invalid_grant';
  error_description: string;
}

export type AccessCheck = Outcome<{ realmId: string; grantId: string }, 'expired' | 'invalid'>;

interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  scope: string;
  createdAtMs: number;
  revoked: boolean;
  currentRefreshToken: string;
}

interface AccessToken {
  grantId: string;
  expiresAtMs: number;
}

interface RefreshToken {
  grantId: string;
  expiresAtMs: number;
  /** When a newer refresh token replaced this one; it then dies after the grace period. */
  supersededAtMs: number | undefined;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  realmId: string;
  scope: string;
  expiresAtMs: number;
  grantId: string | undefined;
}

/** Intuit's refresh tokens carry a hard limit of five years (OJS CHANGELOG 4.2.4). */
const HARD_LIFETIME_SECONDS = 5 * 365 * 86_400;

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

const invalid = (description: string): InvalidGrant => ({ error: 'invalid_grant', error_description: description });

export class TokenStore {
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(private readonly lifetimes: Lifetimes) {}

  /** Issues a one-time authorization code after the person approved. @returns the code */
  issueCode(params: { clientId: string; redirectUri: string; realmId: string; scope: string }, nowMs: number): string {
    const code = `AB11${opaque(36)}`;
    this.codes.set(code, { ...params, expiresAtMs: nowMs + this.lifetimes.authCodeSeconds * 1000, grantId: undefined });
    return code;
  }

  /**
   * Exchanges an authorization code (grant_type=authorization_code).
   * @returns ok(tokens) for a fresh code of this client and redirect URI
   * @returns err(invalid_grant) if the code is unknown, expired, already used (its tokens are then revoked),
   *   or was issued to another client or redirect URI
   */
  exchangeCode(clientId: string, code: string, redirectUri: string, nowMs: number, hard: boolean): Outcome<TokenResponse, InvalidGrant> {
    const stored = this.codes.get(code);
    if (stored === undefined) return fail(invalid('Invalid authorization code'));
    if (stored.grantId !== undefined) {
      // Intuit: exchanging the same code twice "would invalidate the token for that auth code".
      this.revokeGrant(stored.grantId);
      return fail(invalid('Authorization code has already been used'));
    }
    if (nowMs >= stored.expiresAtMs) return fail(invalid('Authorization code has expired'));
    if (stored.clientId !== clientId) return fail(invalid('Authorization code was issued to another client'));
    if (stored.redirectUri !== redirectUri) return fail(invalid('redirect_uri does not match the authorization request'));
    const grant = this.openGrant(clientId, stored.realmId, stored.scope, nowMs);
    stored.grantId = grant.id;
    return ok(this.answer(grant, nowMs, hard));
  }

  /** Opens a connection without the consent screen (what /__admin/companies hands a test). @returns the tokens */
  connect(clientId: string, realmId: string, scope: string, nowMs: number): TokenResponse {
    return this.answer(this.openGrant(clientId, realmId, scope, nowMs), nowMs, false);
  }

  /**
   * Spends a refresh token (grant_type=refresh_token). The current token rotates; a superseded one still inside
   * its grace period yields a new access token and the grant's current refresh token, so the chain never forks.
   * @returns ok(tokens) for a live refresh token of this client
   * @returns err(invalid_grant) if the token is unknown, expired, revoked, superseded beyond the grace period,
   *   or belongs to another client
   */
  refresh(clientId: string, refreshToken: string, nowMs: number, hard: boolean): Outcome<TokenResponse, InvalidGrant> {
    const stored = this.refreshTokens.get(refreshToken);
    const grant = stored === undefined ? undefined : this.grants.get(stored.grantId);
    if (stored === undefined || grant === undefined || grant.revoked || grant.clientId !== clientId || !this.refreshAlive(stored, nowMs)) {
      return fail(invalid('Incorrect or invalid refresh token'));
    }
    if (grant.currentRefreshToken === refreshToken) {
      stored.supersededAtMs = nowMs;
      grant.currentRefreshToken = this.newRefreshToken(grant.id, nowMs);
    } else {
      const current = this.refreshTokens.get(grant.currentRefreshToken);
      if (current === undefined || !this.refreshAlive(current, nowMs)) return fail(invalid('Incorrect or invalid refresh token'));
    }
    return ok(this.answer(grant, nowMs, hard));
  }

  /** Revokes the grant of an access or refresh token (revoke endpoint). @returns true when the token was known */
  revoke(token: string): boolean {
    const grantId = this.accessTokens.get(token)?.grantId ?? this.refreshTokens.get(token)?.grantId;
    if (grantId === undefined) return false;
    this.revokeGrant(grantId);
    return true;
  }

  /**
   * Checks a bearer access token.
   * @returns ok({ realmId }) for a live token
   * @returns err('expired') if its lifetime is over; err('invalid') if unknown or revoked
   */
  authenticate(accessToken: string, nowMs: number): AccessCheck {
    const stored = this.accessTokens.get(accessToken);
    const grant = stored === undefined ? undefined : this.grants.get(stored.grantId);
    if (stored === undefined || grant === undefined || grant.revoked) return fail('invalid');
    if (nowMs >= stored.expiresAtMs) return fail('expired');
    return ok({ realmId: grant.realmId, grantId: grant.id });
  }

  /** Makes the realm's tokens of the given kind expire now (admin). @returns how many tokens changed */
  expire(realmId: string, which: 'access' | 'refresh' | 'both', nowMs: number): number {
    const grantIds = new Set([...this.grants.values()].filter((g) => g.realmId === realmId).map((g) => g.id));
    let changed = 0;
    const tables: Array<Map<string, { grantId: string; expiresAtMs: number }>> = [];
    if (which !== 'refresh') tables.push(this.accessTokens);
    if (which !== 'access') tables.push(this.refreshTokens);
    for (const table of tables) {
      for (const record of table.values()) {
        if (grantIds.has(record.grantId) && record.expiresAtMs > nowMs) {
          record.expiresAtMs = nowMs;
          changed += 1;
        }
      }
    }
    return changed;
  }

  /** The realm's connections, for /__admin (token values shortened). */
  describe(realmId: string, nowMs: number): unknown[] {
    return [...this.grants.values()]
      .filter((g) => g.realmId === realmId)
      .map((g) => ({
        grantId: g.id,
        clientId: g.clientId,
        scope: g.scope,
        revoked: g.revoked,
        accessTokens: [...this.accessTokens.values()]
          .filter((a) => a.grantId === g.id)
          .map((a) => ({ live: nowMs < a.expiresAtMs, expiresAt: new Date(a.expiresAtMs).toISOString() })),
        currentRefreshTokenExpiresAt: new Date(this.refreshTokens.get(g.currentRefreshToken)?.expiresAtMs ?? 0).toISOString(),
      }));
  }

  reset(): void {
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
  }

  private refreshAlive(record: RefreshToken, nowMs: number): boolean {
    if (nowMs >= record.expiresAtMs) return false;
    return record.supersededAtMs === undefined || nowMs < record.supersededAtMs + this.lifetimes.refreshGraceSeconds * 1000;
  }

  private openGrant(clientId: string, realmId: string, scope: string, nowMs: number): Grant {
    const id = opaque(9);
    const grant: Grant = { id, clientId, realmId, scope, createdAtMs: nowMs, revoked: false, currentRefreshToken: '' };
    this.grants.set(id, grant);
    grant.currentRefreshToken = this.newRefreshToken(id, nowMs);
    return grant;
  }

  private newRefreshToken(grantId: string, nowMs: number): string {
    const token = `RT1-${opaque(33)}`;
    this.refreshTokens.set(token, { grantId, expiresAtMs: nowMs + this.lifetimes.refreshTokenSeconds * 1000, supersededAtMs: undefined });
    return token;
  }

  private answer(grant: Grant, nowMs: number, hard: boolean): TokenResponse {
    const accessToken = `eyJ${opaque(96)}`;
    this.accessTokens.set(accessToken, { grantId: grant.id, expiresAtMs: nowMs + this.lifetimes.accessTokenSeconds * 1000 });
    const refresh = this.refreshTokens.get(grant.currentRefreshToken);
    const refreshLeftMs = (refresh?.expiresAtMs ?? nowMs) - nowMs;
    const response: TokenResponse = {
      access_token: accessToken,
      refresh_token: grant.currentRefreshToken,
      token_type: 'bearer',
      expires_in: this.lifetimes.accessTokenSeconds,
      x_refresh_token_expires_in: Math.max(0, Math.floor(refreshLeftMs / 1000)),
    };
    if (hard)
      response.x_refresh_token_hard_expires_in = Math.max(0, HARD_LIFETIME_SECONDS - Math.floor((nowMs - grant.createdAtMs) / 1000));
    return response;
  }

  private revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant !== undefined) grant.revoked = true;
  }
}
