import { ResultAsync, errAsync } from 'neverthrow';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config.js';
import type { Infrastructure } from './infrastructure.js';
import { openBus } from './open-bus.js';

export type InfrastructureError = { readonly kind: 'infrastructure.unavailable'; readonly part: string; readonly detail: string };

/**
 * Opens what the configuration names: the bus and progress feed (`openBus`), the stores and the
 * job queue (`DATABASE_URL`), QuickBooks, and Ogustine's billing core for the PDFs.
 * @returns ok(infrastructure), or err naming the part that could not be opened (what was opened is closed again)
 */
export const openInfrastructure = (config: WorkerConfig, log: Logger): ResultAsync<Infrastructure, InfrastructureError> =>
  openBus(config, log)
    .mapErr((e): InfrastructureError => ({ kind: 'infrastructure.unavailable', part: 'bus', detail: e.detail }))
    .andThen((bus) =>
      ResultAsync.fromSafePromise(bus.close()).andThen(() =>
        errAsync<Infrastructure, InfrastructureError>({
          kind: 'infrastructure.unavailable',
          part: 'stores',
          detail: 'the SQL stores, the QuickBooks adapter and the billing-core adapter are not wired in this build yet',
        }),
      ),
    );
