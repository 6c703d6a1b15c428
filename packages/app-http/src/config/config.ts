import { z } from 'zod';
import { MIN_HS256_SECRET_BYTES, type AccessTokenSettings, type TokenKeys } from '../auth/access-token-verifier.js';
import { failed, succeeded, type Outcome } from '../http/outcome.js';

/** Everything the HTTP app reads from its environment, validated once at start. */
export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  readonly accessTokens: AccessTokenSettings;
  /** Signs the progress stream's tickets; random per process when not set (then a single instance only). */
  readonly streamTicketSecret: string | undefined;
  readonly streamTicketTtlSeconds: number;
  /** Where the OAuth callback sends the user back, with `?quickbooks=<outcome>`. */
  readonly uiReturnUrl: string;
  /** QuickBooks' web app, for links to a synced transaction (`https://app.sandbox.qbo.intuit.com` for Intuit's sandbox). */
  readonly qboAppUrl: string;
  /** The module's help article in Ogustine, linked from prerequisite checks that have no Intuit page of their own. */
  readonly helpArticleUrl: string | undefined;
  readonly bodyLimitBytes: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often an open progress stream re-reads the run from the store (events may come from another process, or be lost). */
  readonly progressPollMs: number;
}

const bytes = (text: string): number => new TextEncoder().encode(text).length;

const port = z.coerce.number().int().min(1).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ });

const schema = z
  .object({
    HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    HTTP_PORT: port.default(8080),
    JWT_HS256_SECRET: z
      .string()
      .refine((s) => bytes(s) >= MIN_HS256_SECRET_BYTES, `must be at least ${MIN_HS256_SECRET_BYTES} bytes`)
      .optional(),
    JWT_PUBLIC_KEY: z.string().includes('-----BEGIN PUBLIC KEY-----', { message: 'must be a PEM public key (SPKI)' }).optional(),
    JWT_JWKS_URL: httpUrl.optional(),
    JWT_ALGORITHM: z.enum(['RS256', 'ES256']).optional(),
    JWT_ISSUER: z.string().min(1),
    JWT_AUDIENCE: z.string().min(1),
    JWT_ACCOUNT_CLAIM: z.string().min(1).default('account_id'),
    JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    STREAM_TICKET_SECRET: z
      .string()
      .refine((s) => bytes(s) >= MIN_HS256_SECRET_BYTES, `must be at least ${MIN_HS256_SECRET_BYTES} bytes`)
      .optional(),
    STREAM_TICKET_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    UI_RETURN_URL: z.union([httpUrl, z.string().regex(/^\/[^/\\]/, 'must be an http(s) URL or a path starting with /')]).default('/'),
    QBO_APP_URL: httpUrl.default('https://app.qbo.intuit.com'),
    HELP_ARTICLE_URL: httpUrl.optional(),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PROGRESS_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  })
  .superRefine((env, ctx) => {
    const sources = [env.JWT_HS256_SECRET, env.JWT_PUBLIC_KEY, env.JWT_JWKS_URL].filter((s) => s !== undefined).length;
    if (sources !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_HS256_SECRET'],
        message: 'set exactly one of JWT_HS256_SECRET, JWT_PUBLIC_KEY (with JWT_ALGORITHM) or JWT_JWKS_URL',
      });
    }
    if (env.JWT_PUBLIC_KEY !== undefined && env.JWT_ALGORITHM === undefined) {
      ctx.addIssue({ code: 'custom', path: ['JWT_ALGORITHM'], message: 'must be RS256 or ES256 with JWT_PUBLIC_KEY' });
    }
  });

const keysOf = (env: z.infer<typeof schema>): TokenKeys => {
  if (env.JWT_HS256_SECRET !== undefined) return { kind: 'hs256', secret: env.JWT_HS256_SECRET };
  if (env.JWT_PUBLIC_KEY !== undefined) return { kind: 'public-key', algorithm: env.JWT_ALGORITHM ?? 'RS256', pem: env.JWT_PUBLIC_KEY };
  return {
    kind: 'jwks',
    url: env.JWT_JWKS_URL ?? '',
    algorithms: env.JWT_ALGORITHM === undefined ? ['RS256', 'ES256'] : [env.JWT_ALGORITHM],
  };
};

/**
 * Reads the configuration from environment variables.
 * @returns ok(config)
 * @returns err(line) naming the first wrong variable and what it must be, never its value (it may be a secret)
 */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Outcome<HttpConfig, string> => {
  // An empty variable is an unset one (`FOO= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const missing = issue?.code === 'invalid_type' && present[name] === undefined;
    return failed(`Configuration: ${name} ${missing ? 'is required' : (issue?.message ?? 'is invalid')}`);
  }
  const e = parsed.data;
  return succeeded({
    host: e.HTTP_HOST,
    port: e.HTTP_PORT,
    accessTokens: {
      keys: keysOf(e),
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accountClaim: e.JWT_ACCOUNT_CLAIM,
      clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS,
    },
    streamTicketSecret: e.STREAM_TICKET_SECRET,
    streamTicketTtlSeconds: e.STREAM_TICKET_TTL_SECONDS,
    uiReturnUrl: e.UI_RETURN_URL,
    qboAppUrl: e.QBO_APP_URL.replace(/\/+$/, ''),
    helpArticleUrl: e.HELP_ARTICLE_URL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
    progressPollMs: e.PROGRESS_POLL_MS,
  });
};
