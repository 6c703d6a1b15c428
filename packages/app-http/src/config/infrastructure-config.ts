import { z } from 'zod';
import { failed, succeeded, type Outcome } from '../http/outcome.js';

/** What the production entry opens: the database, the progress fan-out, Intuit, the token vault. */
export interface InfrastructureConfig {
  /** `mysql://…` in production, `sqlite:<file>` embedded (the worker reads the same variable). */
  readonly databaseUrl: string;
  /** `rabbitmq`: progress events from workers on other machines arrive at once; `in-process`: the stream polls the store. */
  readonly progressFeed: 'rabbitmq' | 'in-process';
  readonly amqpUrl: string;
  readonly amqpPrefix: string;
  readonly intuit: {
    readonly clientId: string;
    readonly clientSecret: string;
    /** This app's `/v1/quickbooks/connection/callback`, as registered at Intuit. */
    readonly redirectUri: string;
    readonly environment: 'sandbox' | 'production';
    /** Intuit's OAuth host, or the local QBO sandbox's (it serves Intuit's paths). */
    readonly oauthBaseUrl: string | undefined;
    readonly apiBaseUrl: string;
    readonly minorVersion: string;
  };
  /** `keyId:base64key,…` (32-byte keys) and the id of the one that encrypts. */
  readonly tokenKeys: string;
  readonly tokenCurrentKeyId: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(mysql:\/\/|sqlite:)/, 'must be mysql://… or sqlite:<file>')
    .default('sqlite:./data/ogustine-qbo.sqlite'),
  PROGRESS_FEED: z.enum(['rabbitmq', 'in-process']).default('in-process'),
  AMQP_URL: z
    .string()
    .regex(/^amqps?:\/\//, 'must be amqp://…')
    .default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_PREFIX: z
    .string()
    .regex(/^[a-z0-9_.-]{1,40}$/)
    .default('ogustine'),
  INTUIT_CLIENT_ID: z.string().min(1),
  INTUIT_CLIENT_SECRET: z.string().min(1),
  INTUIT_REDIRECT_URI: httpUrl,
  INTUIT_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  INTUIT_OAUTH_BASE_URL: httpUrl.optional(),
  QBO_API_BASE_URL: httpUrl.optional(),
  QBO_MINOR_VERSION: z
    .string()
    .regex(/^\d{1,3}$/)
    .default('75'),
  TOKEN_KEYS: z.string().min(1),
  TOKEN_CURRENT_KEY_ID: z.string().min(1),
});

/**
 * Reads the production entry's settings (the route tests never need them).
 * @returns err(line) naming the first wrong or missing variable, never its value
 */
export const loadInfrastructureConfig = (env: Readonly<Record<string, string | undefined>>): Outcome<InfrastructureConfig, string> => {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    return failed(`Configuration: ${name} ${present[name] === undefined ? 'is required' : (issue?.message ?? 'is invalid')}`);
  }
  const e = parsed.data;
  return succeeded({
    databaseUrl: e.DATABASE_URL,
    progressFeed: e.PROGRESS_FEED,
    amqpUrl: e.AMQP_URL,
    amqpPrefix: e.AMQP_PREFIX,
    intuit: {
      clientId: e.INTUIT_CLIENT_ID,
      clientSecret: e.INTUIT_CLIENT_SECRET,
      redirectUri: e.INTUIT_REDIRECT_URI,
      environment: e.INTUIT_ENVIRONMENT,
      oauthBaseUrl: e.INTUIT_OAUTH_BASE_URL,
      apiBaseUrl:
        e.QBO_API_BASE_URL ??
        (e.INTUIT_ENVIRONMENT === 'production' ? 'https://quickbooks.api.intuit.com' : 'https://sandbox-quickbooks.api.intuit.com'),
      minorVersion: e.QBO_MINOR_VERSION,
    },
    tokenKeys: e.TOKEN_KEYS,
    tokenCurrentKeyId: e.TOKEN_CURRENT_KEY_ID,
  });
};
