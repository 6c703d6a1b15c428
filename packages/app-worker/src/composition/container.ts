import 'reflect-metadata';
import { ErrorJournal, ReceiveValidatedDocument, SyncBatch, SyncDocument, type Clock, type Ids } from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import { container, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { WorkerConfig } from '../config.js';
import { JobLoop } from '../jobs/job-loop.js';
import { KeepAliveSchedule } from '../jobs/keep-alive-schedule.js';
import { documentEventHandler } from '../messages/document-event-handler.js';
import { instrumentGateway } from '../observability/instrumented-gateway.js';
import type { WorkerMetrics } from '../observability/metrics.js';
import { Worker } from '../worker.js';
import type { Infrastructure } from './infrastructure.js';
import { TOKENS } from './tokens.js';

export interface ContainerInputs {
  readonly config: WorkerConfig;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly infrastructure: Infrastructure;
}

/**
 * The worker's composition root: values for what was opened outside, factories (cached: one
 * instance per container) for the use cases and the worker. No decorators: tsyringe reads no type
 * metadata, so the wiring does not depend on how TypeScript is compiled.
 */
export const buildContainer = (inputs: ContainerInputs): DependencyContainer => {
  const c = container.createChildContainer();
  c.register(TOKENS.Config, { useValue: inputs.config });
  c.register(TOKENS.Log, { useValue: inputs.log });
  c.register(TOKENS.Metrics, { useValue: inputs.metrics });
  c.register(TOKENS.Clock, { useValue: inputs.clock });
  c.register(TOKENS.Ids, { useValue: inputs.ids });
  c.register(TOKENS.Infrastructure, { useValue: inputs.infrastructure });

  const infra = (r: DependencyContainer) => r.resolve<Infrastructure>(TOKENS.Infrastructure);
  const clock = (r: DependencyContainer) => r.resolve<Clock>(TOKENS.Clock);
  const ids = (r: DependencyContainer) => r.resolve<Ids>(TOKENS.Ids);
  const log = (r: DependencyContainer) => r.resolve<Logger>(TOKENS.Log);
  const metrics = (r: DependencyContainer) => r.resolve<WorkerMetrics>(TOKENS.Metrics);

  c.register(TOKENS.Journal, {
    useFactory: instanceCachingFactory((r) => new ErrorJournal(infra(r).stores.errorHistory, ids(r), clock(r))),
  });
  c.register(TOKENS.ReceiveValidatedDocument, {
    useFactory: instanceCachingFactory((r) => {
      const { stores, queue } = infra(r);
      return new ReceiveValidatedDocument({ ...stores, queue, journal: r.resolve(TOKENS.Journal), clock: clock(r), ids: ids(r) });
    }),
  });
  const syncPorts = (r: DependencyContainer) => {
    const { stores, gateway, files, progress } = infra(r);
    return {
      ...stores,
      gateway: instrumentGateway(gateway, metrics(r)),
      files,
      progress,
      journal: r.resolve<ErrorJournal>(TOKENS.Journal),
      clock: clock(r),
      ids: ids(r),
    };
  };
  c.register(TOKENS.SyncDocument, {
    useFactory: instanceCachingFactory((r) => new SyncDocument(syncPorts(r))),
  });
  c.register(TOKENS.SyncBatch, {
    useFactory: instanceCachingFactory((r) => new SyncBatch(syncPorts(r), r.resolve<SyncDocument>(TOKENS.SyncDocument))),
  });
  c.register(TOKENS.JobLoop, {
    useFactory: instanceCachingFactory((r) => {
      const config = r.resolve<WorkerConfig>(TOKENS.Config);
      return new JobLoop({
        source: infra(r).queue,
        sync: r.resolve<SyncBatch>(TOKENS.SyncBatch),
        clock: clock(r),
        log: log(r).child({ part: 'jobs' }),
        metrics: metrics(r),
        holder: config.workerId,
        lanes: config.realmsAtOnce,
        idleLookMs: config.idleLookMs,
      });
    }),
  });
  c.register(TOKENS.KeepAlive, {
    useFactory: instanceCachingFactory(
      (r) => new KeepAliveSchedule({ keepConnectionsAlive: infra(r).keepConnectionsAlive, log: log(r).child({ part: 'keep-alive' }) }),
    ),
  });
  c.register(TOKENS.MessageHandler, {
    useFactory: instanceCachingFactory((r) => {
      const jobs = r.resolve<JobLoop>(TOKENS.JobLoop);
      return documentEventHandler({
        receive: r.resolve<ReceiveValidatedDocument>(TOKENS.ReceiveValidatedDocument),
        log: log(r).child({ part: 'messages' }),
        metrics: metrics(r),
        onQueued: () => jobs.wake(),
      });
    }),
  });
  c.register(TOKENS.Worker, {
    useFactory: instanceCachingFactory(
      (r) =>
        new Worker({
          bus: infra(r).bus,
          handler: r.resolve(TOKENS.MessageHandler),
          jobs: r.resolve(TOKENS.JobLoop),
          keepAlive: r.resolve(TOKENS.KeepAlive),
          log: log(r),
        }),
    ),
  });
  return c;
};
