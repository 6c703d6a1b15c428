/** How the worker is set up, from its environment. Every choice has a default a one-process install can run with. */
export interface WorkerConfig {
  /** `rabbitmq` (several processes, durable events) or `in-process` (one process, no broker). */
  readonly bus: 'rabbitmq' | 'in-process';
  readonly amqpUrl: string;
  /** Prefix of every exchange and queue name (`docs/events.md`). */
  readonly amqpPrefix: string;
  /** Database of the stores and the job queue (`mysql://…` or `sqlite:…`). */
  readonly databaseUrl: string;
  /** Messages in the worker's hands at once (received in groups of about a quarter as many, four at once: `documentEventHandler`). */
  readonly prefetch: number;
  /** Realms served at once by this process. */
  readonly realmsAtOnce: number;
  /** Longest sleep of the job loop when it knows of nothing due (other processes may queue jobs meanwhile). */
  readonly idleLookMs: number;
  /** How often the sweep looks for work left between two steps. */
  readonly sweepEveryMs: number;
  /** How often the history loop looks at the connected accounts (import of the billing core's history, then reconciliation). */
  readonly historyEveryMs: number;
  /** History pages imported per account and look. */
  readonly historyPagesPerLook: number;
  /** How often an account's last days are read again from the billing core, to catch a document whose event was lost. */
  readonly reconcileEveryMs: number;
  /** How many days back the reconciliation reads. */
  readonly reconcileDays: number;
  /** How far back the first sweep after a start looks for work left between two steps. */
  readonly sweepLookbackMs: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly healthPort: number;
  readonly logLevel: string;
  /** This process, in leases and logs. */
  readonly workerId: string;
  /**
   * The module's time scale (`composition/module-time.ts`), for benchmarks against a time-scaled
   * sandbox: `MODULE_TIME_SCALE` (1: production), `MODULE_TIME_ORIGIN` (epoch ms shared by a run's
   * processes; the process start when absent).
   */
  readonly time: { readonly scale: number; readonly origin: number | undefined };
  /** The module's Intuit app, and where QuickBooks is (Intuit's, or a local sandbox). */
  readonly qbo: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    readonly environment: 'sandbox' | 'production';
    readonly apiUrl: string;
    /** Intuit's OAuth endpoints on another host (a local sandbox); Intuit's own when absent. */
    readonly oauthUrl: string | undefined;
    readonly minorVersion: string;
  };
  /** The token vault's keys: `keyId:base64key` pairs, and the id of the one that encrypts. */
  readonly tokenKeys: { readonly currentKeyId: string; readonly keys: string };
  /** Ogustine's billing core (`docs/billing-core-api.md`): the accounts' history and the PDFs. */
  readonly billingCore: { readonly url: string; readonly token: string };
}

export type ConfigError = { readonly kind: 'config.invalid'; readonly problems: readonly string[] };

const integer = (env: NodeJS.ProcessEnv, key: string, fallback: number, problems: string[], min = 0): number => {
  const text = env[key];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) problems.push(`${key} must be an integer of at least ${min}, got "${text}"`);
  return n;
};

const required = (env: NodeJS.ProcessEnv, key: string, problems: string[]): string => {
  const value = env[key];
  if (value === undefined || value.trim() === '') problems.push(`${key} is required`);
  return value?.trim() ?? '';
};

const timeScale = (env: NodeJS.ProcessEnv, problems: string[]): number => {
  const text = env['MODULE_TIME_SCALE'];
  if (text === undefined || text === '') return 1;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 1) problems.push(`MODULE_TIME_SCALE must be a number in (0, 1], got "${text}"`);
  return n;
};

/** Intuit's API hosts. */
const QBO_API_URLS = { sandbox: 'https://sandbox-quickbooks.api.intuit.com', production: 'https://quickbooks.api.intuit.com' } as const;

/**
 * Reads the worker's configuration; every problem is named at once (never a secret's value).
 * @returns the configuration, or config.invalid with the problems
 */
export const readConfig = (env: NodeJS.ProcessEnv, hostId: string): WorkerConfig | ConfigError => {
  const problems: string[] = [];
  const bus = env['WORKER_BUS'] ?? 'rabbitmq';
  if (bus !== 'rabbitmq' && bus !== 'in-process') problems.push(`WORKER_BUS must be "rabbitmq" or "in-process", got "${bus}"`);
  const environment = env['QBO_ENVIRONMENT'] ?? 'production';
  if (environment !== 'sandbox' && environment !== 'production')
    problems.push(`QBO_ENVIRONMENT must be "sandbox" or "production", got "${environment}"`);
  const qboEnvironment = environment === 'sandbox' ? 'sandbox' : 'production';
  const config: WorkerConfig = {
    bus: bus === 'in-process' ? 'in-process' : 'rabbitmq',
    amqpUrl: env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672',
    amqpPrefix: env['AMQP_PREFIX'] ?? 'ogustine',
    databaseUrl: env['DATABASE_URL'] ?? 'sqlite:./data/ogustine-qbo.sqlite',
    prefetch: integer(env, 'WORKER_PREFETCH', 1_000, problems, 1),
    realmsAtOnce: integer(env, 'WORKER_REALMS_AT_ONCE', 4, problems, 1),
    idleLookMs: integer(env, 'WORKER_IDLE_LOOK_MS', 5_000, problems, 100),
    sweepEveryMs: integer(env, 'WORKER_SWEEP_EVERY_MS', 60_000, problems, 1_000),
    historyEveryMs: integer(env, 'WORKER_HISTORY_EVERY_MS', 10_000, problems, 100),
    historyPagesPerLook: integer(env, 'WORKER_HISTORY_PAGES', 5, problems, 1),
    reconcileEveryMs: integer(env, 'WORKER_RECONCILE_EVERY_MS', 900_000, problems, 1_000),
    reconcileDays: integer(env, 'WORKER_RECONCILE_DAYS', 3, problems, 1),
    sweepLookbackMs: integer(env, 'WORKER_SWEEP_LOOKBACK_MS', 24 * 3_600_000, problems),
    healthPort: integer(env, 'WORKER_HEALTH_PORT', 9464, problems),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    workerId: env['WORKER_ID'] ?? hostId,
    time: {
      scale: timeScale(env, problems),
      origin: env['MODULE_TIME_ORIGIN'] === undefined ? undefined : integer(env, 'MODULE_TIME_ORIGIN', 0, problems),
    },
    qbo: {
      clientId: required(env, 'QBO_CLIENT_ID', problems),
      clientSecret: required(env, 'QBO_CLIENT_SECRET', problems),
      redirectUri: required(env, 'QBO_REDIRECT_URI', problems),
      environment: qboEnvironment,
      apiUrl: (env['QBO_API_URL'] ?? QBO_API_URLS[qboEnvironment]).replace(/\/+$/, ''),
      oauthUrl: env['QBO_OAUTH_URL']?.replace(/\/+$/, ''),
      minorVersion: env['QBO_MINOR_VERSION'] ?? '75',
    },
    tokenKeys: { currentKeyId: required(env, 'TOKEN_KEY_ID', problems), keys: required(env, 'TOKEN_KEYS', problems) },
    billingCore: { url: required(env, 'BILLING_CORE_URL', problems), token: required(env, 'BILLING_CORE_TOKEN', problems) },
  };
  return problems.length > 0 ? { kind: 'config.invalid', problems } : config;
};
