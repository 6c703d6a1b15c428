import { InMemoryModule } from '@ogustine-qbo/domain/testing';
import { SignJWT } from 'jose';
import { Writable } from 'node:stream';
import { appOf, buildContainer } from '../../src/composition/container.js';
import { loadConfig, type HttpConfig } from '../../src/config/config.js';
import type { App } from '../../src/http/app.js';

export const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes!';
export const ISSUER = 'https://ogustine.test';
export const AUDIENCE = 'ogustine-qbo';

export const testConfig = (overrides: Record<string, string> = {}): HttpConfig => {
  const loaded = loadConfig({
    JWT_HS256_SECRET: SECRET,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    UI_RETURN_URL: 'https://app.ogustine.test/settings/quickbooks',
    QBO_APP_URL: 'https://app.sandbox.qbo.intuit.com',
    PROGRESS_POLL_MS: '100',
    ...overrides,
  });
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
};

/** A token as Ogustine would sign it for an account; `claims` override or remove (undefined) the defaults. */
export const tokenFor = async (accountId: string, claims: Record<string, unknown> = {}, secret = SECRET): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  const all: Record<string, unknown> = { account_id: accountId, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, ...claims };
  const payload = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
};

export interface TestApp {
  readonly app: App;
  readonly module: InMemoryModule;
  readonly logs: string[];
  /** `app.request` with the account's bearer token and JSON. */
  call(accountId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** The app on the domain's in-memory module: for route-mapping tests only, never the production wiring. */
export const testApp = async (configOverrides: Record<string, string> = {}, module = new InMemoryModule()): Promise<TestApp> => {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const container = await buildContainer(testConfig(configOverrides), module, { logDestination: destination, processMetrics: false });
  const app = appOf(container);
  return {
    app,
    module,
    logs,
    async call(accountId, method, path, body, headers = {}) {
      const token = await tokenFor(accountId);
      return app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
};
