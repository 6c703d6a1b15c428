import OAuthClient from 'intuit-oauth';

/** Intuit's OAuth 2.0 endpoints. */
export interface IntuitEndpoints {
  readonly authorizeEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revokeEndpoint: string;
  readonly userInfoEndpoint: string;
}

export const INTUIT_ENDPOINTS: IntuitEndpoints = {
  authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  userInfoEndpoint: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
};

/** The same paths on another host (the local QBO sandbox serves Intuit's paths). */
export const endpointsAt = (baseUrl: string): IntuitEndpoints => ({
  authorizeEndpoint: `${baseUrl}/connect/oauth2`,
  tokenEndpoint: `${baseUrl}/oauth2/v1/tokens/bearer`,
  revokeEndpoint: `${baseUrl}/v2/oauth2/tokens/revoke`,
  userInfoEndpoint: `${baseUrl}/v1/openid_connect/userinfo`,
});

/** intuit-oauth's own retries of token calls (5xx, resets): few and short, the caller retries later. */
export interface IntuitRetry {
  readonly maxRetries: number;
  readonly retryDelayMs: number;
}

let configured: string | undefined;

/**
 * intuit-oauth keeps its endpoints and retry settings in statics of `OAuthClient`: process-global, and
 * `setAuthorizeURLs` on any client changes them for every client. So the process configures them
 * once, here, before any client is made; configuring them again identically is harmless, differently
 * is a wiring bug (two Intuit servers in one process) and throws.
 */
export const configureIntuitOAuth = (endpoints: IntuitEndpoints, retry: IntuitRetry): void => {
  const wanted = JSON.stringify({ endpoints, retry });
  if (configured === wanted) return;
  if (configured !== undefined) throw new Error('intuit-oauth is already configured with other endpoints in this process');
  OAuthClient.authorizeEndpoint = endpoints.authorizeEndpoint;
  OAuthClient.tokenEndpoint = endpoints.tokenEndpoint;
  OAuthClient.revokeEndpoint = endpoints.revokeEndpoint;
  OAuthClient.userinfo_endpoint_production = endpoints.userInfoEndpoint;
  OAuthClient.userinfo_endpoint_sandbox = endpoints.userInfoEndpoint;
  OAuthClient.retryConfig = { ...OAuthClient.retryConfig, maxRetries: retry.maxRetries, retryDelay: retry.retryDelayMs };
  configured = wanted;
};

/** @returns whether `configureIntuitOAuth` has run in this process */
export const isIntuitOAuthConfigured = (): boolean => configured !== undefined;
