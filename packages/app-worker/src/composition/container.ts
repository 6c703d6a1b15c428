import 'reflect-metadata';
import {
  CheckPrerequisites,
  ErrorJournal,
  ImportBillingHistory,
  LaunchInitialSync,
  ReceiveValidatedDocument,
  ReceiveValidatedDocuments,
  SweepStalledWork,
  SyncBatch,
  SyncDocument,
  type Clock,
  type Ids,
} from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import { container, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { WorkerConfig } from '../config.js';
import { HistoryLoop } from '../jobs/history-loop.js';
import { JobLoop } from '../jobs/job-loop.js';
import { KeepAliveSchedule } from '../jobs/keep-alive-schedule.js';
import { Sweeper } from '../jobs/sweeper.js';
import { documentEventHandler, GROUPS_AT_ONCE } from '../messages/document-event-handler.js';
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
  c.register(TOKENS.ReceiveValidatedDocuments, {
    useFactory: instanceCachingFactory((r) => {
      const { stores, queue } = infra(r);
      return new ReceiveValidatedDocuments({ ...stores, queue, journal: r.resolve(TOKENS.Journal), clock: clock(r), ids: ids(r) });
    }),
  });
  const syncPorts = (r: DependencyContainer) => {
    const { stores, gateway, files, progress, queue } = infra(r);
    return {
      ...stores,
      queue,
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
        timeScale: config.time.scale,
      });
    }),
  });
  c.register(TOKENS.HistoryLoop, {
    useFactory: instanceCachingFactory((r) => {
      const { stores, queue, history } = infra(r);
      if (history === undefined) return null;
      const config = r.resolve<WorkerConfig>(TOKENS.Config);
      const jobs = r.resolve<JobLoop>(TOKENS.JobLoop);
      return new HistoryLoop({
        importer: new ImportBillingHistory({
          ...stores,
          queue,
          billingCore: history.billingCore,
          historyImports: history.imports,
          journal: r.resolve(TOKENS.Journal),
          clock: clock(r),
          ids: ids(r),
        }),
        connections: history.connections,
        clock: clock(r),
        log: log(r).child({ part: 'history' }),
        everyMs: config.historyEveryMs,
        pagesPerLook: config.historyPagesPerLook,
        reconcileEveryMs: config.reconcileEveryMs,
        reconcileWindowMs: config.reconcileDays * 86_400_000,
        onQueued: () => jobs.wake(),
        onImported: async (accountId) => {
          const checked = await new CheckPrerequisites({ ...stores, gateway: infra(r).gateway, queue, clock: clock(r), ids: ids(r) }).run(
            accountId,
          );
          if (checked.isErr()) log(r).warn({ accountId, err: checked.error }, 'history: prerequisites not checked again after the import');
          else {
            log(r).info(
              { accountId, unmet: checked.value.unmet.length, queued: checked.value.queued },
              'history: prerequisites checked again after the import',
            );
            if (checked.value.queued > 0) jobs.wake();
          }
        },
      });
    }),
  });
  c.register(TOKENS.KeepAlive, {
    useFactory: instanceCachingFactory((r) => {
      const { keepConnectionsAlive } = infra(r);
      return keepConnectionsAlive === undefined
        ? undefined
        : new KeepAliveSchedule({ keepConnectionsAlive, log: log(r).child({ part: 'keep-alive' }) });
    }),
  });
  c.register(TOKENS.MessageHandler, {
    useFactory: instanceCachingFactory((r) => {
      const jobs = r.resolve<JobLoop>(TOKENS.JobLoop);
      return documentEventHandler({
        receive: r.resolve<ReceiveValidatedDocuments>(TOKENS.ReceiveValidatedDocuments),
        groupSize: Math.max(1, Math.ceil(r.resolve<WorkerConfig>(TOKENS.Config).prefetch / GROUPS_AT_ONCE)),
        log: log(r).child({ part: 'messages' }),
        metrics: metrics(r),
        onQueued: () => jobs.wake(),
      });
    }),
  });
  c.register(TOKENS.LaunchInitialSync, {
    useFactory: instanceCachingFactory((r) => {
      const { stores, queue, progress } = infra(r);
      return new LaunchInitialSync({ ...stores, queue, progress, clock: clock(r), ids: ids(r) });
    }),
  });
  c.register(TOKENS.Sweeper, {
    useFactory: instanceCachingFactory((r) => {
      const { stores, queue, stalled } = infra(r);
      if (stalled === undefined) return undefined;
      const config = r.resolve<WorkerConfig>(TOKENS.Config);
      const jobs = r.resolve<JobLoop>(TOKENS.JobLoop);
      const sweep = new SweepStalledWork({
        ...stores,
        queue,
        stalled,
        journal: r.resolve(TOKENS.Journal),
        launch: r.resolve<LaunchInitialSync>(TOKENS.LaunchInitialSync),
        clock: clock(r),
        ids: ids(r),
      });
      return new Sweeper({
        sweep,
        clock: clock(r),
        log: log(r).child({ part: 'sweep' }),
        metrics: metrics(r),
        everyMs: config.sweepEveryMs,
        lookbackMs: config.sweepLookbackMs,
        onQueued: () => jobs.wake(),
      });
    }),
  });
  c.register(TOKENS.Worker, {
    useFactory: instanceCachingFactory((r) => {
      const sweeper = r.resolve<Sweeper | undefined>(TOKENS.Sweeper);
      const keepAlive = r.resolve<KeepAliveSchedule | undefined>(TOKENS.KeepAlive);
      return new Worker({
        bus: infra(r).bus,
        handler: r.resolve(TOKENS.MessageHandler),
        jobs: r.resolve(TOKENS.JobLoop),
        history: r.resolve<HistoryLoop | null>(TOKENS.HistoryLoop),
        log: log(r),
        ...(sweeper === undefined ? {} : { sweeper }),
        ...(keepAlive === undefined ? {} : { keepAlive }),
      });
    }),
  });
  // The queue gauges read the job table on each scrape, when the infrastructure can.
  const { queueDepth } = inputs.infrastructure;
  if (queueDepth !== undefined) inputs.metrics.watchQueue(queueDepth);
  return c;
};
