import { pino, type DestinationStream, type Logger } from 'pino';

/** Keys whose values never reach a log, at any depth: tokens, secrets, credentials. */
const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|api[-_]?key|client[-_]?secret|credential|refresh/i;

export const REDACTED = '[REDACTED]';

/** How deep a log object is walked; deeper values are replaced, never printed unread. */
const MAX_DEPTH = 12;

/**
 * A copy of `value` with every secret key's value replaced, however deep. pino's own `redact`
 * matches fixed paths only (`*.accessToken` is one level), so a token nested one level deeper than
 * foreseen would be printed: this walks the whole object instead.
 */
export const redactSecrets = (value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return '[TOO DEEP]';
  if (seen.has(value)) return '[CIRCULAR]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1, seen));
  if (value instanceof Error) {
    const { name, message } = value;
    const rest = redactSecrets({ ...value }, depth + 1, seen) as Record<string, unknown>;
    return { type: name, message, ...rest };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(v, depth + 1, seen);
  return copy;
};

/** The secret keys named in child bindings (`log.child({...})`), which pino does not pass to `formatters.log`. */
const SECRET_BINDING_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'authorization',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'apiKey',
  'cookie',
];

/** `key`, `*.key`, `*.*.key`… down to `depth` levels: pino's `redact` matches fixed paths only. */
const atEveryLevel = (keys: readonly string[], depth: number): string[] =>
  Array.from({ length: depth + 1 }, (_, level) => keys.map((k) => `${'*.'.repeat(level)}${k}`)).flat();

/**
 * The worker's root logger: JSON lines, one `service` field, secrets redacted at every depth in
 * what is logged (a walk of the object), and in child bindings down to five levels (pino's `redact`). Ids (account, realm, document, message, job) are logged as
 * they are: they are how an operator follows a document.
 */
export const createLogger = (options: { readonly level?: string; readonly destination?: DestinationStream } = {}): Logger =>
  pino(
    {
      level: options.level ?? 'info',
      base: { service: 'qbo-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: atEveryLevel(SECRET_BINDING_KEYS, 5), censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactSecrets(object) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
