import type { Instant, TokenSet } from '@ogustine-qbo/domain';

/**
 * Whether the access token must be refreshed before use: it expires within `marginMs` (a request
 * must not start with a token about to die), or QBO has just refused it (`rejected`: expired early,
 * or revoked).
 * @returns true when a refresh is needed
 */
export const needsRefresh = (tokens: TokenSet, now: Instant, marginMs: number, rejected?: string): boolean =>
  tokens.accessToken === rejected || tokens.accessTokenExpiresAt - marginMs <= now;

/** What Intuit's token endpoint answers (seconds of life from the moment it answered). */
export interface IntuitTokenAnswer {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
  readonly x_refresh_token_expires_in?: unknown;
}

/**
 * The token set of an answer; lifetimes count from `sentAt`, the moment the request left, so they
 * are never later than Intuit's.
 * @returns the tokens, or undefined if the answer lacks one
 */
export const tokensFromAnswer = (answer: IntuitTokenAnswer, sentAt: Instant): TokenSet | undefined => {
  const { access_token, refresh_token, expires_in, x_refresh_token_expires_in } = answer;
  if (typeof access_token !== 'string' || typeof refresh_token !== 'string') return undefined;
  const seconds = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    accessTokenExpiresAt: sentAt + seconds(expires_in, 3600) * 1000,
    refreshTokenExpiresAt: sentAt + seconds(x_refresh_token_expires_in, 8_726_400) * 1000,
  };
};
