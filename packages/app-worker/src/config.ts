/** How the worker is set up, from its environment. Every choice has a default a one-process install can run with. */
export interface WorkerConfig {
  /** `rabbitmq` (several processes, durable events) or `in-process` (one process, no broker). */
  readonly bus: 'rabbitmq' | 'in-process';
  readonly amqpUrl: string;
  /** Prefix of every exchange and queue name (`docs/events.md`). */
  readonly amqpPrefix: string;
  /** Database of the stores and the job queue (`mysql://…` or `sqlite:…`). */
  readonly databaseUrl: string;
  /** Messages handled at once. */
  readonly prefetch: number;
  /** Realms served at once by this process. */
  readonly realmsAtOnce: number;
  /** Longest sleep of the job loop when it knows of nothing due (other processes may queue jobs meanwhile). */
  readonly idleLookMs: number;
  /** How often the sweep looks for work left between two steps. */
  readonly sweepEveryMs: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly healthPort: number;
  readonly logLevel: string;
  /** This process, in leases and logs. */
  readonly workerId: string;
}

export type ConfigError = { readonly kind: 'config.invalid'; readonly problems: readonly string[] };

const integer = (env: NodeJS.ProcessEnv, key: string, fallback: number, problems: string[], min = 0): number => {
  const text = env[key];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) problems.push(`${key} must be an integer of at least ${min}, got "${text}"`);
  return n;
};

/**
 * Reads the worker's configuration; every problem is named at once.
 * @returns the configuration, or config.invalid with the problems
 */
export const readConfig = (env: NodeJS.ProcessEnv, hostId: string): WorkerConfig | ConfigError => {
  const problems: string[] = [];
  const bus = env['WORKER_BUS'] ?? 'rabbitmq';
  if (bus !== 'rabbitmq' && bus !== 'in-process') problems.push(`WORKER_BUS must be "rabbitmq" or "in-process", got "${bus}"`);
  const config: WorkerConfig = {
    bus: bus === 'in-process' ? 'in-process' : 'rabbitmq',
    amqpUrl: env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672',
    amqpPrefix: env['AMQP_PREFIX'] ?? 'ogustine',
    databaseUrl: env['DATABASE_URL'] ?? 'sqlite:./data/qbo.sqlite',
    prefetch: integer(env, 'WORKER_PREFETCH', 10, problems, 1),
    realmsAtOnce: integer(env, 'WORKER_REALMS_AT_ONCE', 4, problems, 1),
    idleLookMs: integer(env, 'WORKER_IDLE_LOOK_MS', 5_000, problems, 100),
    sweepEveryMs: integer(env, 'WORKER_SWEEP_EVERY_MS', 60_000, problems, 1_000),
    healthPort: integer(env, 'WORKER_HEALTH_PORT', 9464, problems),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    workerId: env['WORKER_ID'] ?? hostId,
  };
  return problems.length > 0 ? { kind: 'config.invalid', problems } : config;
};
