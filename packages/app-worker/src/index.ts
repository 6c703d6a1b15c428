// The worker's composition root and parts, for a launcher that runs it in the same process as the
// HTTP app (one embedded install: the in-process bus and one SQLite handle are shared).
export { buildContainer, type ContainerInputs } from './composition/container.js';
export type { Infrastructure, WorkerStores } from './composition/infrastructure.js';
export { TOKENS as WORKER_TOKENS } from './composition/tokens.js';
export { readConfig, type WorkerConfig } from './config.js';
export type { JobLoop } from './jobs/job-loop.js';
export { createLogger as createWorkerLogger } from './observability/logger.js';
export { createMetrics as createWorkerMetrics, type WorkerMetrics } from './observability/metrics.js';
export type { Worker } from './worker.js';
export { openBus, type OpenedBus } from './composition/open-bus.js';
export { scaledClock, wallMs, type ModuleTime } from './composition/module-time.js';
