import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (the broker), so that a scenario can drop the connections of the
 * process that goes through it: `cut` destroys every open connection and refuses new ones (accepted,
 * then reset at once, as a broker that has gone away) until `restore`. What the worker sees is a
 * broken socket, the same as a broker restart or a network failure, on any RabbitMQ (no management
 * API needed).
 */
export const openTcpProxy = async (
  target: { readonly host: string; readonly port: number },
  /** Called for each client connection: what it returns sees every chunk the client sends. */
  tap?: () => (chunk: Buffer) => void,
) => {
  const open = new Set<Socket>();
  let refusing = false;
  let cuts = 0;
  const server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const end = (): void => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
    if (tap !== undefined) client.on('data', tap());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
  return {
    port: address.port,
    /** How many times the connections were cut. */
    cuts: (): number => cuts,
    /** Resets every connection through the proxy and refuses new ones. */
    cut: (): void => {
      refusing = true;
      cuts += 1;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    /** Lets connections through again. */
    restore: (): void => {
      refusing = false;
    },
    close: async (): Promise<void> => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export type TcpProxy = Awaited<ReturnType<typeof openTcpProxy>>;

/** `url` with its host and port replaced by the proxy's (user, password, vhost and query kept). */
export const throughProxy = (url: string, proxy: Pick<TcpProxy, 'port'>): string => {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
};
