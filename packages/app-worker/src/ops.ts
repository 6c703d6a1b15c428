import { hostname } from 'node:os';
import { openBus } from './composition/open-bus.js';
import { readConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { runOperatorCommand } from './operator-commands.js';

/** `node dist/ops.js <command>`: the operator's commands, with the worker's configuration. */
const run = async (): Promise<number> => {
  const config = readConfig(process.env, `${hostname()}-ops-${process.pid}`);
  if ('kind' in config) {
    for (const problem of config.problems) console.error(problem);
    return 2;
  }
  if (config.bus === 'in-process') {
    console.error('error: with WORKER_BUS=in-process the dead letters live inside the worker process; these commands need RabbitMQ');
    return 2;
  }
  const opened = await openBus(config, createLogger({ level: 'warn' }));
  if (opened.isErr()) {
    console.error(`error: ${opened.error.detail}`);
    return 1;
  }
  try {
    return await runOperatorCommand(process.argv.slice(2), opened.value.bus, (line) => console.log(line));
  } finally {
    await opened.value.bus.close();
    await opened.value.close();
  }
};

run().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  },
);
