import type { MessageBus } from '@ogustine-qbo/adapters';

const USAGE = [
  'usage: qbo-worker-ops <command>',
  '  dead-letters              list the document events set aside, with their reason',
  '  replay [eventId…]         publish them again (all, or the ones named) once the cause is fixed',
].join('\n');

/**
 * The operator's commands on the document events' dead letters. Prints lines to `out`; returns
 * the exit code (0 done, 1 the bus failed, 2 usage).
 */
export const runOperatorCommand = async (args: readonly string[], bus: MessageBus, out: (line: string) => void): Promise<number> => {
  const [command, ...rest] = args;
  switch (command) {
    case 'dead-letters': {
      const letters = await bus.deadLetters();
      if (letters.isErr()) return (out(`error: ${letters.error.detail}`), 1);
      for (const l of letters.value) out(`${l.messageId ?? '(no id)'}\t${l.routingKey}\t${l.reason}`);
      out(`${letters.value.length} dead letter(s)`);
      return 0;
    }
    case 'replay': {
      const replayed = await bus.replayDeadLetters(rest.length === 0 ? undefined : rest);
      if (replayed.isErr()) return (out(`error: ${replayed.error.detail}`), 1);
      out(`${replayed.value} dead letter(s) published again`);
      return 0;
    }
    default:
      out(USAGE);
      return 2;
  }
};
