// Test helpers: a sandbox listening on a free port, and the two client libraries pointed at it unchanged
// (STACK-NOTES.md §4 and §5).
import QB from 'node-quickbooks';
import type { QuickBooks as QuickBooksType } from 'node-quickbooks';
import OAuthClient from 'intuit-oauth';
import { createSandbox, type Sandbox, type RunningSandbox, type SandboxOptions } from '../src/index.js';

const QuickBooks = QB as unknown as typeof QuickBooksType;

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret';
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export interface Started {
  sandbox: Sandbox;
  running: RunningSandbox;
  url: string;
}

/** @returns a sandbox with the test client, listening on 127.0.0.1 with a free port */
export async function start(options: Partial<SandboxOptions> = {}): Promise<Started> {
  const sandbox = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true, ...options });
  const running = await sandbox.listen(0);
  return { sandbox, running, url: running.url };
}

/** @returns a node-quickbooks client (OAuth 2.0, minorversion 75) whose endpoint is the sandbox */
export function qboClient(url: string, realmId: string, accessToken: string, refreshToken = ''): QuickBooksType {
  const qbo = new QuickBooks(CLIENT_ID, CLIENT_SECRET, accessToken, false, realmId, true, false, '75', '2.0', refreshToken);
  (qbo as unknown as { endpoint: string }).endpoint = `${url}/v3/company/`;
  return qbo;
}

export interface QboCallError {
  status: number | undefined;
  data: unknown;
  code: string | undefined;
}

type Callback = (err: unknown, data: unknown, res?: unknown) => void;

/** Runs one callback-style node-quickbooks call. @returns its data, or rejects with a QboCallError */
export function call<T = Record<string, unknown>>(invoke: (cb: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((err, data) => {
      if (err === null || err === undefined) {
        resolve(data as T);
        return;
      }
      const axiosLike = err as { response?: { status?: number; data?: unknown }; code?: string };
      reject({ status: axiosLike.response?.status, data: axiosLike.response?.data ?? err, code: axiosLike.code } satisfies QboCallError);
    });
  });
}

/** @returns what a rejected `call` carried */
export async function callError(invoke: (cb: Callback) => void): Promise<QboCallError> {
  try {
    await call(invoke);
  } catch (error) {
    return error as QboCallError;
  }
  throw new Error('the call succeeded, an error was expected');
}

/** @returns an intuit-oauth client pointed at the sandbox (the endpoints are static: process-global) */
export function oauthClient(url: string): OAuthClient {
  const client = new OAuthClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'sandbox', redirectUri: REDIRECT_URI });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${url}/connect/oauth2`,
    tokenEndpoint: `${url}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${url}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${url}/v1/openid_connect/userinfo`,
  });
  OAuthClient.retryConfig = { ...OAuthClient.retryConfig, retryDelay: 5, maxRetries: 0 };
  return client;
}

/**
 * Plays the person on the consent screen: loads it, posts "approve" with the first company (or a new one),
 * and reads the 302. @returns the callback URL the browser would be sent to
 */
export async function approve(authorizeUri: string, choice: { realmId?: string; country?: string } = {}): Promise<string> {
  const page = await fetch(authorizeUri);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const html = await page.text();
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], decodeEntities(m[2] ?? '')]),
  );
  const form = new URLSearchParams({ ...hidden, decision: 'approve', realmId: choice.realmId ?? 'new', country: choice.country ?? 'FR' });
  const answer = await fetch(new URL('/connect/oauth2', authorizeUri), { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`approve answered ${answer.status}`);
  return location;
}

const decodeEntities = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
