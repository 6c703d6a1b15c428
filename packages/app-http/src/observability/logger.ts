import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths that may carry a secret, at every depth the app logs (pino's `*.x` matches exactly one level).
 * Request lines log the path only, never the query string, so a stream ticket in a URL is never written.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'ticket',
  '*.ticket',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  '*.*.accessToken',
  'refreshToken',
  '*.refreshToken',
  '*.*.refreshToken',
  'tokens',
  '*.tokens',
  'code',
  '*.code',
];

export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    { level, base: { service: 'ogustine-qbo-http' }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    destination ?? pino.destination(1),
  );
