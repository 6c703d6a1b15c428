import type { Clock, Ids } from '@ogustine-qbo/domain';
import { okAsync } from 'neverthrow';
import type { DependencyContainer } from 'tsyringe';
import { readConfig, type WorkerConfig } from '../src/config.js';
import { buildContainer } from '../src/composition/container.js';
import type { Infrastructure } from '../src/composition/infrastructure.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';

/** The worker's configuration for a test: placeholders for what the test does not reach, `env` over them. */
export const testWorkerConfig = (env: Record<string, string>, workerId = 'test-worker'): WorkerConfig => {
  const config = readConfig(
    {
      QBO_CLIENT_ID: 'c',
      QBO_CLIENT_SECRET: 's',
      QBO_REDIRECT_URI: 'http://127.0.0.1/cb',
      TOKEN_KEY_ID: 'k',
      TOKEN_KEYS: 'k:x',
      BILLING_CORE_URL: 'http://127.0.0.1/',
      BILLING_CORE_TOKEN: 't',
      ...env,
    },
    workerId,
  );
  if ('kind' in config) throw new Error(config.problems.join('; '));
  return config;
};

/** A keep-alive pass with no connection due. */
export const noKeepAlive = () => okAsync({ renewed: [], reconnectRequired: [], failed: [] });

/** The worker's container over the given infrastructure (nothing to close, no readiness check), silent. */
export const composedWorker = (
  config: WorkerConfig,
  clock: Clock,
  ids: Ids,
  infrastructure: Omit<Infrastructure, 'readiness' | 'close'>,
): DependencyContainer =>
  buildContainer({
    config,
    log: createLogger({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    clock,
    ids,
    infrastructure: { ...infrastructure, readiness: [], close: async () => undefined },
  });
