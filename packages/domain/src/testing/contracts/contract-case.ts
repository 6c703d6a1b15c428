import type { ResultAsync } from 'neverthrow';

/**
 * One case of a port contract suite: framework-agnostic, so the fakes (domain tests) and the real
 * adapters (integration tests) run the same list with whatever runner they use (ADR 0003). `run`
 * rejects with an `Error` that says what was expected when the subject breaks the contract.
 */
export interface ContractCase<Subject> {
  readonly name: string;
  readonly run: (subject: Subject) => Promise<void>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Structural equality over JSON-like data, bigints and byte arrays (what ports exchange). */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
};

/** Text for a failure message; bigints and bytes stay readable. */
export const show = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `<${v.length} bytes>` : v)) ??
  String(value);

/** Throws when `actual` is not structurally equal to `expected`, naming what was checked. */
export const expectEqual = <T>(actual: T, expected: T, what: string): void => {
  if (!deepEqual(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
};

/** Throws when a condition that the contract requires does not hold. */
export const expectTrue = (condition: boolean, what: string): void => {
  if (!condition) throw new Error(what);
};

/** Awaits a result and returns its value; an error result fails the case with the port's error. */
export const mustSucceed = async <T, E>(result: ResultAsync<T, E>, what: string): Promise<T> => {
  const settled = await result;
  if (settled.isErr()) throw new Error(`${what}: expected success, got error ${show(settled.error)}`);
  return settled.value;
};

/** Awaits a result that must fail and returns its error. */
export const mustFail = async <T, E>(result: ResultAsync<T, E>, what: string): Promise<E> => {
  const settled = await result;
  if (settled.isOk()) throw new Error(`${what}: expected an error, got success ${show(settled.value)}`);
  return settled.error;
};
