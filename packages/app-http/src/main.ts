// The HTTP app as a process: configuration checked first (one line and exit on a wrong value), the
// production ports opened, then the server. `npm run start -w @ogustine-qbo/app-http` runs the build.
import 'reflect-metadata';
import { serve } from '@hono/node-server';
import { appOf, buildContainer } from './composition/container.js';
import { openProductionPorts } from './composition/open-production-ports.js';
import { loadConfig } from './config/config.js';
import { loadInfrastructureConfig } from './config/infrastructure-config.js';
import { createLogger } from './observability/logger.js';

const stop = (line: string): never => {
  console.error(line);
  process.exit(1);
};

const config = loadConfig(process.env);
if (!config.ok) stop(config.error);
const infrastructure = loadInfrastructureConfig(process.env);
if (!infrastructure.ok) stop(infrastructure.error);

if (config.ok && infrastructure.ok) {
  const log = createLogger(config.value.logLevel);
  const opened = await openProductionPorts(infrastructure.value, log);
  if (!opened.ok) stop(opened.error);
  if (opened.ok) {
    const container = await buildContainer(config.value, opened.value.ports, { readiness: opened.value.readiness });
    const { host, port } = config.value;
    const server = serve({ fetch: appOf(container).fetch, hostname: host, port }, () => log.info({ host, port }, 'HTTP API listening'));
    server.on('error', (e: NodeJS.ErrnoException) => {
      stop(e.code === 'EADDRINUSE' ? `Port ${port} is busy: set HTTP_PORT to a free port.` : `HTTP server: ${e.message}`);
    });
    const shutdown = () => {
      log.info('stopping');
      server.close(() => {
        void opened.value.close().then(() => process.exit(0));
      });
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  }
}
