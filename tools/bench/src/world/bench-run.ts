import { randomUUID } from 'node:crypto';
import { DEFAULT_RETRY_POLICY } from '@ogustine-qbo/adapters';
import { deleteTopology, RabbitMqConnection, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';
import type { ModuleTime } from '@ogustine-qbo/app-worker';
import { openModuleSide, type ModuleSide } from './module-side.js';
import { AMQP_URL, CLIENT_ID, CLIENT_SECRET, openSandboxes, type Sandboxes } from './sandboxes.js';
import { startWorker, type WorkerProcess } from './worker-process.js';

export interface RunOptions {
  readonly scenario: string;
  /** Wall-clock ms per module (and QBO) ms. */
  readonly scale: number;
  /** QBO's answer time at Intuit's pace, ms (scaled by the sandbox). */
  readonly latencyMs: number;
}

export const ACCOUNT = 'BENCH1';

/**
 * One run's world: both sandboxes, the run's own MariaDB database and AMQP prefix (`bench_*`), the
 * module side in this process (connect, launch), and the real worker as child processes with the
 * production configuration but for the time scale.
 */
export const openRun = async (o: RunOptions) => {
  const tag = `${o.scenario.replace(/-/g, '_')}_${randomUUID().slice(0, 8)}`;
  const amqpPrefix = `bench_${tag}`;
  const names = topologyNames(amqpPrefix);
  const time: ModuleTime = { scale: o.scale, origin: Date.now() };
  console.log(`  run ${tag}: opening the sandboxes and the database`);
  const sandboxes: Sandboxes = await openSandboxes({
    scale: o.scale,
    latencyMs: o.latencyMs,
    eventsExchange: names.events,
    accountId: ACCOUNT,
  });
  const module: ModuleSide = await openModuleSide(time, 'bench');
  const workers: WorkerProcess[] = [];

  const workerEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    WORKER_BUS: 'rabbitmq',
    AMQP_URL,
    AMQP_PREFIX: amqpPrefix,
    DATABASE_URL: module.databaseUrl,
    WORKER_HEALTH_PORT: '0',
    // Jobs queued by another process (the launch) are noticed within this (5 s at Intuit's pace).
    WORKER_IDLE_LOOK_MS: String(Math.max(100, Math.round(5_000 * o.scale))),
    // The history loop looks at the connected accounts at the run's pace (10 s at Intuit's pace).
    WORKER_HISTORY_EVERY_MS: String(Math.max(100, Math.round(10_000 * o.scale))),
    // Production's level: a line per job.
    LOG_LEVEL: 'info',
    QBO_CLIENT_ID: CLIENT_ID,
    QBO_CLIENT_SECRET: CLIENT_SECRET,
    QBO_REDIRECT_URI: 'http://127.0.0.1:9/v1/quickbooks/connection/callback',
    QBO_ENVIRONMENT: 'sandbox',
    QBO_API_URL: sandboxes.qboUrl,
    QBO_OAUTH_URL: sandboxes.qboUrl,
    TOKEN_KEY_ID: module.tokenKeys.currentKeyId,
    TOKEN_KEYS: module.tokenKeys.keys,
    BILLING_CORE_URL: sandboxes.billingUrl,
    BILLING_CORE_TOKEN: sandboxes.billingToken,
    MODULE_TIME_SCALE: String(o.scale),
    MODULE_TIME_ORIGIN: String(time.origin),
    ...extra,
  });

  /** Starts a worker process and waits until it consumes. */
  const startWorkerProcess = async (extra?: Record<string, string>, from: 'source' | 'built' = 'source'): Promise<WorkerProcess> => {
    const worker = startWorker(workerEnv(extra), from);
    workers.push(worker);
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 300_000).unref());
    if ((await Promise.race([worker.started, timedOut])) === 'timeout')
      throw new Error(`the worker did not start within 5 minutes; it logged: ${worker.recent.join('\n')}`);
    return worker;
  };

  return {
    time,
    names,
    /** What the workers logged as trouble (warn and above, jobs held or failed), grouped: message and reason → how many. */
    troubles: (): Record<string, number> => {
      const grouped: Record<string, number> = {};
      for (const line of workers.flatMap((w) => w.troubles)) {
        const parsed = JSON.parse(line.startsWith('{') ? line : '{}') as {
          msg?: string;
          outcome?: string;
          why?: string;
          cause?: { kind?: string };
        };
        const key = [parsed.msg ?? line.slice(0, 80), parsed.outcome, parsed.why, parsed.cause?.kind]
          .filter((k) => k !== undefined)
          .join(' / ');
        grouped[key] = (grouped[key] ?? 0) + 1;
      }
      return grouped;
    },
    sandboxes,
    module,
    startWorkerProcess,
    /** The worker processes started, in order. */
    workers: (): readonly WorkerProcess[] => workers,
    close: async () => {
      for (const worker of workers) {
        if (worker.child.exitCode === null && worker.child.signalCode === null) {
          worker.kill('SIGTERM');
          await worker.exited;
        }
      }
      const connection = await RabbitMqConnection.open(AMQP_URL, { name: 'bench cleanup', initialRetries: 1 });
      if (connection.isOk()) {
        const channel = await (await connection.value.connected()).createChannel();
        await deleteTopology(channel, names, DEFAULT_RETRY_POLICY).catch(() => undefined);
        await channel.close().catch(() => undefined);
        await connection.value.close();
      }
      await sandboxes.close();
      await module.close();
    },
  };
};

export type BenchRun = Awaited<ReturnType<typeof openRun>>;

/** Polls `done` every `everyMs` until it holds or `timeoutMs` passes. @returns whether it held */
export const until = async (done: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return done();
};
