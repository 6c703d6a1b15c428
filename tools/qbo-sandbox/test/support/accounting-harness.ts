// Test harness of the accounting API: a real sandbox (createSandbox, full middleware chain) on a free port,
// companies made through /__admin/companies, raw fetch helpers and node-quickbooks pointed at it unchanged.
import QB from 'node-quickbooks';
import type { QuickBooks as QuickBooksType } from 'node-quickbooks';
import type { Sandbox } from '../../src/server/create-sandbox.js';
import { createSandbox } from '../../src/server/create-sandbox.js';
import type { CompanySettings } from '../../src/company/company-settings.js';
import type { SandboxOptions } from '../../src/server/sandbox-options.js';

const QuickBooks = QB as unknown as typeof QuickBooksType;
type Json = Record<string, unknown>;

export interface Harness {
  readonly url: string;
  /** The sandbox itself, for in-process checks (e.g. serving the temporary file links). */
  readonly sandbox: Sandbox;
  close(): Promise<void>;
  /** A new company of `country`, with settings overlaid, and its bearer token. */
  company(country: string, settings?: Partial<CompanySettings>): Promise<Realm>;
}

export interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly headers: Headers;
}

export interface Realm {
  readonly realmId: string;
  readonly token: string;
  /** `fetch` on `/v3/company/{realmId}/{path}` with the bearer token; a JSON body is sent as application/json. */
  api(method: string, path: string, body?: unknown): Promise<Answer>;
  raw(method: string, path: string, init?: RequestInit): Promise<Response>;
  qbo(): QuickBooksType;
  /** Query text → QueryResponse. */
  query(text: string): Promise<Json>;
  /** Creates an entity, failing the test when QBO refuses it. */
  create(resource: string, body: Json): Promise<Json>;
  settings(patch: Partial<CompanySettings>): Promise<void>;
}

/** @returns a started sandbox (time scale small enough that the per-realm limits never get in the way) */
export const startHarness = async (options: Partial<SandboxOptions> = {}): Promise<Harness> => {
  const sandbox = createSandbox({ adminEnabled: true, timeScale: 0.0001, ...options });
  const running = await sandbox.listen(0);
  const url = running.url;
  return {
    url,
    sandbox,
    close: () => running.close(),
    async company(country, settings = {}) {
      const res = await fetch(`${url}/__admin/companies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ country, ...settings }),
      });
      if (res.status !== 201) throw new Error(`company not created: ${res.status} ${await res.text()}`);
      const created = (await res.json()) as { realmId: string; accessToken: string };
      const base = `${url}/v3/company/${created.realmId}`;
      const raw = (method: string, path: string, init: RequestInit = {}): Promise<Response> =>
        fetch(`${base}/${path}`, {
          ...init,
          method,
          headers: {
            authorization: `Bearer ${created.accessToken}`,
            accept: 'application/json',
            ...(init.headers as Record<string, string> | undefined),
          },
        });
      const api = async (method: string, path: string, body?: unknown): Promise<Answer> => {
        const res = await raw(
          method,
          path,
          body === undefined
            ? {}
            : {
                body: typeof body === 'string' ? body : JSON.stringify(body),
                headers: { 'content-type': typeof body === 'string' ? 'application/text' : 'application/json' },
              },
        );
        const text = await res.text();
        return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Json, headers: res.headers };
      };
      return {
        realmId: created.realmId,
        token: created.accessToken,
        api,
        raw,
        qbo: () => {
          const qbo = new QuickBooks('client', 'secret', created.accessToken, false, created.realmId, true, false, '75', '2.0', '');
          (qbo as unknown as { endpoint: string }).endpoint = `${url}/v3/company/`;
          return qbo;
        },
        async query(text) {
          const a = await api('GET', `query?query=${encodeURIComponent(text)}&minorversion=75`);
          if (a.status !== 200) throw new Error(`query refused: ${JSON.stringify(a.body)}`);
          return a.body['QueryResponse'] as Json;
        },
        async create(resource, body) {
          const a = await api('POST', `${resource}?minorversion=75`, body);
          if (a.status !== 200) throw new Error(`${resource} refused: ${JSON.stringify(a.body)}`);
          return Object.values(a.body).find((v): v is Json => typeof v === 'object' && v !== null) ?? {};
        },
        async settings(patch) {
          const res = await fetch(`${url}/__admin/companies/${created.realmId}/settings`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(patch),
          });
          if (res.status !== 200) throw new Error(`settings refused: ${res.status} ${await res.text()}`);
        },
      };
    },
  };
};

/** The first Error of a Fault answer. */
export const firstError = (a: Answer | Json): Json => {
  const body = 'body' in a && 'status' in a ? (a as Answer).body : (a as Json);
  const fault = body['Fault'] as { Error?: Json[] } | undefined;
  return fault?.Error?.[0] ?? {};
};

type Callback = (err: unknown, data: unknown) => void;

/** Runs a node-quickbooks call. @returns its data, or rejects with { status, body } */
export const nodeQb = <T = Json>(invoke: (cb: Callback) => void): Promise<T> =>
  new Promise((resolve, reject) => {
    invoke((err, data) => {
      if (err === null || err === undefined) {
        resolve(data as T);
        return;
      }
      const axiosLike = err as { response?: { status?: number; data?: unknown } };
      reject(
        Object.assign(new Error('node-quickbooks call failed'), {
          status: axiosLike.response?.status ?? 200,
          body: axiosLike.response?.data ?? err,
        }),
      );
    });
  });
