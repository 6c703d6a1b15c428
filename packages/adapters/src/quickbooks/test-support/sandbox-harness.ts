// Tests of the QuickBooks adapter run against the local QBO sandbox over real HTTP, started in-process.
import type { AuthorizationCallback } from '@ogustine-qbo/domain';
import { createSandbox, type Sandbox, type SandboxOptions } from '@ogustine-qbo/qbo-sandbox';
import type { IntuitApp } from '../intuit-authorization.js';
import { configureIntuitOAuth, endpointsAt } from '../intuit-oauth-setup.js';
import type { NodeQuickbooksSettings } from '../node-quickbooks-client.js';
import { realTime, type LimiterTime } from '../realm-limiter.js';
import type { RequestPolicy } from '../request-policy.js';

export interface Harness {
  readonly sandbox: Sandbox;
  readonly url: string;
  readonly app: IntuitApp;
  readonly api: NodeQuickbooksSettings;
  /** The limiter's windows, scaled like the sandbox's (`timeScale`). */
  readonly time: LimiterTime;
  /** Intuit's policy with its waits scaled like the sandbox's windows, and back-off kept short. */
  readonly policy: RequestPolicy;
  close(): Promise<void>;
}

const CLIENT_ID = 'adapter-test-client';
const CLIENT_SECRET = 'adapter-test-secret';

/**
 * Starts a sandbox on a free port and points intuit-oauth at it (process-global: one sandbox per test
 * file, which vitest runs in its own module graph).
 * @returns the harness
 */
export const startSandbox = async (options: Partial<SandboxOptions> = {}): Promise<Harness> => {
  const timeScale = options.timeScale ?? 1;
  const sandbox = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true, ...options, timeScale });
  const running = await sandbox.listen(0);
  configureIntuitOAuth(endpointsAt(running.url), { maxRetries: 0, retryDelayMs: 5 });
  const minute = 60_000 * timeScale;
  return {
    sandbox,
    url: running.url,
    app: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1:9/quickbooks/callback',
      environment: 'sandbox',
    },
    api: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBaseUrl: running.url, minorVersion: '75' },
    time: realTime(timeScale),
    policy: {
      timeoutMs: 10_000,
      readAttempts: 4,
      backoffBaseMs: 5,
      backoffCapMs: 50,
      throttleCooldownMs: minute,
      lastingThrottleMs: 30 * minute,
      // Not scaled: a deep queue of reads waits for HTTP round trips, which the time scale does not shorten.
      maxReadWaitMs: 30_000,
      maxWriteWaitMs: minute / 3,
      random: Math.random,
    },
    close: () => running.close(),
  };
};

/**
 * Plays the user on the sandbox's consent page: approves a new company of `country`.
 * @returns the callback Intuit sends back to the redirect URI
 */
export const approveAtIntuit = async (authorizationUrl: string, country = 'GB'): Promise<AuthorizationCallback> => {
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams({ ...Object.fromEntries(url.searchParams), realmId: 'new', country, decision: 'approve' });
  const answer = await fetch(new URL('/connect/oauth2', url), { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`the consent page answered ${answer.status}`);
  const query = new URL(location).searchParams;
  return { code: query.get('code') ?? '', state: query.get('state') ?? '', realmId: query.get('realmId') ?? '' };
};

/** @returns how many requests reached the sandbox's token endpoint (exchanges and refreshes) */
export const tokenEndpointCalls = (sandbox: Sandbox): number =>
  sandbox.admin.requests().requests.filter((r) => r.path === '/oauth2/v1/tokens/bearer').length;

/** @returns the requests the sandbox answered for one realm, by endpoint (`POST invoice`: 2) */
export const requestCounts = (sandbox: Sandbox, realmId: string): Record<string, number> => sandbox.admin.requests(realmId).counts;
