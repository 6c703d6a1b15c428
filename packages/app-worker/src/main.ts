import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { readConfig } from './config.js';
import { buildContainer } from './composition/container.js';
import { scaledClock } from './composition/module-time.js';
import { openInfrastructure } from './composition/open-infrastructure.js';
import { TOKENS } from './composition/tokens.js';
import { startHealthServer } from './observability/health-server.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import type { Worker } from './worker.js';

/**
 * The worker process: configuration from the environment, infrastructure opened, the container
 * built, health and metrics served, then the worker started. SIGTERM / SIGINT stop it gracefully;
 * the exit code says whether it stopped cleanly (0), could not start (1) or crashed (2).
 */
const main = async (): Promise<number> => {
  const config = readConfig(process.env, `${hostname()}-${process.pid}`);
  const log = createLogger({ level: 'kind' in config ? 'info' : config.logLevel });
  if ('kind' in config) {
    log.fatal({ problems: config.problems }, 'invalid configuration');
    return 1;
  }
  // A bug (a throw that escaped a lane or a handler): logged, then the process ends with code 2 for its
  // supervisor to restart it. Nothing is lost: unacknowledged messages come again, leases expire.
  const crash = (e: unknown) => {
    log.fatal({ err: e }, 'bug: the worker stops');
    process.exit(2);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const metrics = createMetrics();
  // The module's clock: the wall clock, unless a benchmark scales the module's time (module-time.ts).
  const clock = scaledClock({ scale: config.time.scale, origin: config.time.origin ?? Date.now() });
  const infrastructure = await openInfrastructure(config, log, clock);
  if (infrastructure.isErr()) {
    log.fatal({ err: infrastructure.error }, 'cannot open the infrastructure');
    return 1;
  }
  const c = buildContainer({
    config,
    log,
    metrics,
    clock,
    ids: { next: () => randomUUID() },
    infrastructure: infrastructure.value,
  });
  const worker = c.resolve<Worker>(TOKENS.Worker);
  const health = await startHealthServer({
    port: config.healthPort,
    registry: metrics.registry,
    checks: [{ name: 'running', ready: () => !worker.stopping }, ...infrastructure.value.readiness],
  });
  log.info({ healthPort: health.port, bus: config.bus }, 'health and metrics served');
  if (!(await worker.start())) {
    await health.close();
    await infrastructure.value.close();
    return 1;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log.info({ signal }, 'shutting down');
  await worker.stop();
  await infrastructure.value.close();
  await health.close();
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug: printed for the operator, never swallowed.
    console.error(e);
    process.exitCode = 2;
  },
);
