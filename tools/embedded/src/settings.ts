import { z } from 'zod';

/**
 * Everything `npm start` reads from its environment. Each value has a default an embedded install
 * runs with; a production value switches its part to the real thing (see README.md).
 */
export interface EmbeddedSettings {
  readonly host: string;
  readonly httpPort: number;
  readonly qboSandboxPort: number;
  readonly billingSandboxPort: number;
  readonly dataDir: string;
  /** `sqlite:<dataDir>/ogustine-qbo.sqlite` unless DATABASE_URL says otherwise. */
  readonly databaseUrl: string;
  /** RabbitMQ when set; the in-process bus otherwise. */
  readonly amqpUrl: string | undefined;
  /** Intuit's app when QBO_CLIENT_ID is set; the local qbo-sandbox otherwise. */
  readonly intuit: { readonly clientId: string; readonly clientSecret: string; readonly environment: 'sandbox' | 'production' } | undefined;
  /** Verifies Ogustine's JWTs; a key kept in the data folder otherwise (and a demo token is printed). */
  readonly jwtSecret: string | undefined;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /** The token vault's keys (`id:base64,…` and the current id); a key kept in the data folder otherwise. */
  readonly tokenKeys: { readonly currentKeyId: string; readonly keys: string } | undefined;
  /** Ogustine's billing core when set; the local billing-sandbox otherwise. */
  readonly billingCore: { readonly url: string; readonly token: string } | undefined;
  readonly demoAccount: string;
  readonly demoDocuments: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** The variables that name a port, for the one-line message of a busy port. */
export const PORT_VARIABLES = {
  httpPort: 'HTTP_PORT',
  qboSandboxPort: 'QBO_SANDBOX_PORT',
  billingSandboxPort: 'BILLING_SANDBOX_PORT',
} as const;

const port = z.coerce.number().int().min(1, 'must be a port from 1 to 65535').max(65535, 'must be a port from 1 to 65535');

const schema = z
  .object({
    HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    HTTP_PORT: port.default(8080),
    QBO_SANDBOX_PORT: port.default(4010),
    BILLING_SANDBOX_PORT: port.default(4020),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite:, mysql:// or mariadb://')
      .optional(),
    AMQP_URL: z
      .string()
      .regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL')
      .optional(),
    QBO_CLIENT_ID: z.string().min(1).optional(),
    QBO_CLIENT_SECRET: z.string().min(1).optional(),
    QBO_ENVIRONMENT: z.enum(['sandbox', 'production'], 'must be sandbox or production').default('production'),
    JWT_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('ogustine'),
    JWT_AUDIENCE: z.string().min(1).default('ogustine-qbo'),
    TOKEN_KEY_ID: z.string().min(1).optional(),
    TOKEN_KEYS: z.string().min(1).optional(),
    BILLING_CORE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    BILLING_CORE_TOKEN: z.string().min(1).optional(),
    DEMO_ACCOUNT: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, - or _')
      .default('A1'),
    DEMO_DOCUMENTS: z.coerce.number().int().min(0).max(99_999).default(600),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  })
  .superRefine((env, ctx) => {
    // A production part is all or nothing: half of Intuit's app, or a key id without keys, is a mistake.
    const pairs: readonly (readonly [keyof typeof env, keyof typeof env])[] = [
      ['QBO_CLIENT_ID', 'QBO_CLIENT_SECRET'],
      ['QBO_CLIENT_SECRET', 'QBO_CLIENT_ID'],
      ['TOKEN_KEY_ID', 'TOKEN_KEYS'],
      ['TOKEN_KEYS', 'TOKEN_KEY_ID'],
      ['BILLING_CORE_URL', 'BILLING_CORE_TOKEN'],
      ['BILLING_CORE_TOKEN', 'BILLING_CORE_URL'],
    ];
    for (const [set, needed] of pairs) {
      if (env[set] !== undefined && env[needed] === undefined)
        ctx.addIssue({ code: 'custom', path: [needed], message: `is required with ${set}` });
    }
  });

/**
 * Reads and checks the environment.
 * @returns the settings, or one line naming the first wrong variable (never its value: it may be a secret)
 */
export const readSettings = (env: Readonly<Record<string, string | undefined>>): EmbeddedSettings | { readonly error: string } => {
  // An empty variable is an unset one (`FOO= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `npm start: ${String(issue?.path[0] ?? 'environment')} ${issue?.message ?? 'is invalid'}` };
  }
  const e = parsed.data;
  const dataDir = e.DATA_DIR.replace(/\/+$/, '');
  return {
    host: e.HTTP_HOST,
    httpPort: e.HTTP_PORT,
    qboSandboxPort: e.QBO_SANDBOX_PORT,
    billingSandboxPort: e.BILLING_SANDBOX_PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${dataDir}/ogustine-qbo.sqlite`,
    amqpUrl: e.AMQP_URL,
    intuit:
      e.QBO_CLIENT_ID === undefined || e.QBO_CLIENT_SECRET === undefined
        ? undefined
        : { clientId: e.QBO_CLIENT_ID, clientSecret: e.QBO_CLIENT_SECRET, environment: e.QBO_ENVIRONMENT },
    jwtSecret: e.JWT_HS256_SECRET,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    tokenKeys:
      e.TOKEN_KEY_ID === undefined || e.TOKEN_KEYS === undefined ? undefined : { currentKeyId: e.TOKEN_KEY_ID, keys: e.TOKEN_KEYS },
    billingCore:
      e.BILLING_CORE_URL === undefined || e.BILLING_CORE_TOKEN === undefined
        ? undefined
        : { url: e.BILLING_CORE_URL.replace(/\/+$/, ''), token: e.BILLING_CORE_TOKEN },
    demoAccount: e.DEMO_ACCOUNT,
    demoDocuments: e.DEMO_DOCUMENTS,
    logLevel: e.LOG_LEVEL,
  };
};
