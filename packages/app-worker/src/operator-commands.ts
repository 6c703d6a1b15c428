import type { MessageBus } from '@ogustine-qbo/adapters';
import type { AccountOperations } from './operations/account-operations.js';

export const USAGE = [
  'usage: qbo-worker-ops <command>',
  'document events (RabbitMQ):',
  '  dead-letters                          list the document events set aside, with their reason',
  '  replay [eventId…]                     publish them again (all, or the ones named) once the cause is fixed',
  'sync jobs and documents (the database):',
  '  history <accountId> <documentId>      a document: its sync record, its errors, its jobs (dead ones too)',
  '  dead-jobs [accountId]                 sync jobs set aside, newest first (200 at most), with their reason',
  '  replay-jobs <jobId…>                  queue those dead jobs again, once the cause is fixed',
  '  resync <accountId> <documentId>       send a document again, as « Relancer » does (nothing if it is in QuickBooks)',
  "  erase-account <accountId> --confirm   on the account holder's request: disconnect QuickBooks (tokens revoked",
  "                                        and forgotten), erase the customers' personal data the module keeps (names,",
  '                                        emails, phones, addresses, memos in its copies of the documents; customer',
  '                                        mappings), drop the jobs not yet run. Kept, as accounting law requires',
  "                                        (invoices are legal records, ten years in France): each document's number,",
  '                                        dates, lines, amounts and VAT, its sync record and error history, the runs.',
  "                                        Nothing is deleted in QuickBooks: that company is the accountant's.",
].join('\n');

export interface OperatorContext {
  /** The document events' bus (dead letters); absent when the worker runs on the in-process bus. */
  readonly bus?: MessageBus;
  /** The database's commands; absent when the command needs only the bus. */
  readonly accounts?: AccountOperations;
}

/** The commands that need the database (the others need the bus). */
export const DATABASE_COMMANDS: ReadonlySet<string> = new Set(['history', 'dead-jobs', 'replay-jobs', 'resync', 'erase-account']);

const printed = (result: readonly string[] | string, out: (line: string) => void): number => {
  if (typeof result === 'string') return (out(`error: ${result}`), 1);
  for (const line of result) out(line);
  return 0;
};

/**
 * The operator's commands. Prints lines to `out`; returns the exit code (0 done, 1 the bus or the
 * database failed, 2 usage).
 */
export const runOperatorCommand = async (args: readonly string[], ctx: OperatorContext, out: (line: string) => void): Promise<number> => {
  const [command, ...rest] = args;
  const { bus, accounts } = ctx;
  if (command !== undefined && DATABASE_COMMANDS.has(command) && accounts === undefined) return (out('error: no database'), 2);
  switch (command) {
    case 'dead-letters': {
      if (bus === undefined) return (out('error: no bus'), 2);
      const letters = await bus.deadLetters();
      if (letters.isErr()) return (out(`error: ${letters.error.detail}`), 1);
      for (const l of letters.value) out(`${l.messageId ?? '(no id)'}\t${l.routingKey}\t${l.reason}`);
      out(`${letters.value.length} dead letter(s)`);
      return 0;
    }
    case 'replay': {
      if (bus === undefined) return (out('error: no bus'), 2);
      const replayed = await bus.replayDeadLetters(rest.length === 0 ? undefined : rest);
      if (replayed.isErr()) return (out(`error: ${replayed.error.detail}`), 1);
      out(`${replayed.value} dead letter(s) published again`);
      return 0;
    }
    case 'history':
      if (accounts === undefined || rest.length !== 2) break;
      return printed(await accounts.history(rest[0] ?? '', rest[1] ?? ''), out);
    case 'dead-jobs':
      if (accounts === undefined || rest.length > 1) break;
      return printed(await accounts.deadJobs(rest[0]), out);
    case 'replay-jobs':
      if (accounts === undefined || rest.length === 0) break;
      return printed(await accounts.replayJobs(rest), out);
    case 'resync':
      if (accounts === undefined || rest.length !== 2) break;
      return printed(await accounts.resyncDocument(rest[0] ?? '', rest[1] ?? ''), out);
    case 'erase-account':
      // Irreversible: asked for twice (the account, and the flag).
      if (accounts === undefined || rest.length !== 2 || rest[1] !== '--confirm') break;
      return printed(await accounts.erase(rest[0] ?? ''), out);
    default:
      break;
  }
  out(USAGE);
  return 2;
};
