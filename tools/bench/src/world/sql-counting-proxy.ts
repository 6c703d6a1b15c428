import { openTcpProxy } from './tcp-proxy.js';

/** MySQL's client/server protocol: a command is a packet of sequence id 0; `COM_QUERY` carries the statement's text. */
const COM_QUERY = 0x03;
const HEADER = 4;

/** A statement's kind, from its first words: `commit`, `begin`, `insert document`, `select sync_job`… */
export const statementKind = (text: string): string => {
  const words = text.trimStart().slice(0, 200).toLowerCase().replace(/[`"]/g, '').split(/\s+/);
  const verb = words[0] ?? '';
  if (verb === 'start' && words[1] === 'transaction') return 'begin';
  if (verb === 'set' && words[1] === 'transaction') return 'set transaction';
  const after = (word: string): string => words[words.indexOf(word) + 1] ?? '?';
  if (verb === 'insert' || verb === 'replace') return `${verb} ${after('into')}`;
  if (verb === 'update') return `update ${words[1] ?? '?'}`;
  if (verb === 'delete' || verb === 'select') return words.includes('from') ? `${verb} ${after('from')}` : verb;
  return verb;
};

/** Reads the commands in one client → server byte stream, packet by packet, whatever the chunks. */
export const commandReader = (onCommand: (kind: string, bytes: number) => void) => {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk: Buffer): void => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= HEADER) {
      const length = buffered.readUIntLE(0, 3);
      if (buffered.length < HEADER + length) return;
      const sequence = buffered[3];
      if (sequence === 0 && length > 0) {
        const command = buffered[HEADER];
        onCommand(
          command === COM_QUERY
            ? statementKind(buffered.toString('utf8', HEADER + 1, HEADER + Math.min(length, 201)))
            : `command ${command}`,
          HEADER + length,
        );
      }
      buffered = buffered.subarray(HEADER + length);
    }
  };
};

/**
 * A TCP proxy in front of MariaDB that counts what goes through it: each command the clients send
 * (each one a round trip), by kind of statement, and the bytes. It sees what the worker asks of the
 * database whatever the machine's load: commits, statements, round trips per event.
 */
export const openSqlCountingProxy = async (target: { readonly host: string; readonly port: number }) => {
  const counts = new Map<string, { commands: number; bytes: number }>();
  const proxy = await openTcpProxy(target, () =>
    commandReader((kind, bytes) => {
      const c = counts.get(kind) ?? { commands: 0, bytes: 0 };
      counts.set(kind, { commands: c.commands + 1, bytes: c.bytes + bytes });
    }),
  );
  return {
    port: proxy.port,
    /** Commands (round trips) and bytes sent so far, by kind of statement. */
    counts: (): ReadonlyMap<string, { readonly commands: number; readonly bytes: number }> => new Map(counts),
    close: proxy.close,
  };
};
