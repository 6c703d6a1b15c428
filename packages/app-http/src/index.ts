// The HTTP API of the module: the hono app, its configuration and its composition root.
export { createApp, API_BASE, type AppDependencies } from './http/app.js';
export { loadConfig, type HttpConfig } from './config/config.js';
export { buildJourneys, type Journeys } from './composition/journeys.js';
export type { ModulePorts } from './composition/module-ports.js';
export { buildContainer, appOf, type ContainerOptions } from './composition/container.js';
