import { createServer } from 'node:net';

/** @returns whether nothing listens on host:port (checked by listening on it for a moment) */
const isFree = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });

/**
 * Checks every port before anything starts, so a busy one stops the launch with nothing half started.
 * @returns null when all are free, else one line naming the variable to change
 */
export const busyPortLine = async (
  host: string,
  ports: readonly { readonly variable: string; readonly port: number }[],
): Promise<string | null> => {
  for (const { variable, port } of ports) {
    if (!(await isFree(host, port)))
      return `npm start: port ${port} is already in use: set ${variable} to a free port (e.g. ${variable}=${port + 1} npm start)`;
  }
  return null;
};
