import type { StoreError, SyncQueueError } from '@ogustine-qbo/domain';
import { ResultAsync } from 'neverthrow';
import { messageOf } from './database.js';

// The one place that knows the engines' error codes.

/** A conflict found by the store itself (a compare-and-set that matched no row), thrown to roll a transaction back. */
export class ConflictError extends Error {}

/** A unique or primary key already holds the value (MariaDB/MySQL and SQLite codes). */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = codeOf(e);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** MariaDB chose this transaction as a deadlock victim: running it again is the cure. */
export const isDeadlock = (e: unknown): boolean => {
  const code = codeOf(e);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
};

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined);

/** A store failure as a value: a unique violation is a lost race (`store.conflict`), anything else `store.unavailable`. */
export const toStoreError = (e: unknown): StoreError =>
  isUniqueViolation(e) || e instanceof ConflictError
    ? { kind: 'store.conflict', detail: messageOf(e) }
    : { kind: 'store.unavailable', detail: messageOf(e) };

/** Each driver call is wrapped once, here: a rejected promise becomes a `StoreError`. */
export const storeCall = <T>(run: () => Promise<T>): ResultAsync<T, StoreError> =>
  ResultAsync.fromPromise(Promise.resolve().then(run), toStoreError);

/** The same for the job queue, whose port has one error. */
export const queueCall = <T>(run: () => Promise<T>): ResultAsync<T, SyncQueueError> =>
  ResultAsync.fromPromise(Promise.resolve().then(run), (e) => ({ kind: 'queue.unavailable', detail: messageOf(e) }));
