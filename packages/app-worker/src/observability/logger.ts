import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger } from 'pino';

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

/**
 * The worker's root logger: JSON lines, one `service` field, secrets redacted at every depth in
 * what is logged and in child bindings, by the same walk (`redactSecrets`): in `formatters.log` for
 * each line, and once per child in `child` itself (pino hands children's bindings to no formatter).
 * pino's own `redact` is not used: its wildcard paths (`*.*.token`…) were walked again on every
 * line, the worker's costliest step per event. Ids (account, realm, document, message, job) are
 * logged as they are: they are how an operator follows a document.
 */
export const createLogger = (options: { readonly level?: string; readonly destination?: DestinationStream } = {}): Logger => {
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'qbo-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactSecrets(object) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
  // Children are made from their parent's prototype: every child, at any depth, goes through this one.
  // pino's generic signature (custom levels) does not narrow to this one; the call is the same.
  const pinoChild = root.child as unknown as (this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions) => Logger;
  root.child = function child(this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions) {
    return pinoChild.call(this, redactSecrets(bindings) as Bindings, childOptions);
  } as unknown as Logger['child'];
  return root;
};
