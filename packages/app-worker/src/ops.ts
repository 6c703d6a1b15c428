import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorJournal } from '@ogustine-qbo/domain';
import { openBus } from './composition/open-bus.js';
import { openInfrastructure } from './composition/open-infrastructure.js';
import { readConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { AccountOperations } from './operations/account-operations.js';
import { DATABASE_COMMANDS, runOperatorCommand, USAGE } from './operator-commands.js';

const out = (line: string) => console.log(line);

/** `node dist/ops.js <command>`: the operator's commands, with the worker's configuration. */
const run = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const config = readConfig(process.env, `${hostname()}-ops-${process.pid}`);
  if ('kind' in config) {
    for (const problem of config.problems) console.error(problem);
    return 2;
  }
  const log = createLogger({ level: 'warn' });
  if (DATABASE_COMMANDS.has(args[0] ?? '')) {
    // The database's commands need no broker: the in-process bus stands in, unused.
    const clock = { now: () => Date.now() };
    const opened = await openInfrastructure({ ...config, bus: 'in-process' }, log, clock);
    if (opened.isErr()) {
      console.error(`error: ${opened.error.part}: ${opened.error.detail}`);
      return 1;
    }
    const infra = opened.value;
    try {
      if (infra.operations === undefined) return (console.error('error: no database operations'), 1);
      const ids = { next: () => randomUUID() };
      const journal = new ErrorJournal(infra.stores.errorHistory, ids, clock);
      return await runOperatorCommand(args, { accounts: new AccountOperations(infra, infra.operations, journal, clock, ids) }, out);
    } finally {
      await infra.close();
    }
  }
  if (args[0] !== 'dead-letters' && args[0] !== 'replay') return (out(USAGE), 2);
  if (config.bus === 'in-process') {
    console.error('error: with WORKER_BUS=in-process the dead letters live inside the worker process; these commands need RabbitMQ');
    return 2;
  }
  const opened = await openBus(config, log);
  if (opened.isErr()) {
    console.error(`error: ${opened.error.detail}`);
    return 1;
  }
  try {
    return await runOperatorCommand(args, { bus: opened.value.bus }, out);
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
