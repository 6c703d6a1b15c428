import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { validationProblem } from '../problems/http-problems.js';
import { problemOf, type UseCaseError } from '../problems/domain-problems.js';
import type { ApiProblem } from '../problems/problem.js';
import { sendProblem } from '../problems/respond.js';
import { fieldProblems, type ValidationIssue } from '../problems/validation.js';
import type { AppEnv } from './app-env.js';
import { failed, succeeded, type Outcome } from './outcome.js';

/** A router whose validation failures are problems naming each field, in the caller's language. */
export const createRouter = (): OpenAPIHono<AppEnv> =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues as readonly ValidationIssue[];
        return sendProblem(c as Context<AppEnv>, validationProblem(fieldProblems(result.target, issues)));
      }
      return undefined;
    },
  });

/** What a use case answers: neverthrow's `ResultAsync`, read through `match` only. */
export interface Matchable<T, E> {
  match<A, B = A>(ok: (value: T) => A, err: (error: E) => B): A | B;
}

/**
 * Something awaited that yields `R`: a native promise, or neverthrow's `ResultAsync` (whose `then` is
 * not quite `PromiseLike`'s: it takes no `null` callbacks).
 */
export interface Pending<R> {
  then<A, B = never>(ok?: (value: R) => A | PromiseLike<A>, fail?: (reason: unknown) => B | PromiseLike<B>): PromiseLike<A | B>;
}

/** A use case's result as an `Outcome`, for the app's own queries that combine several. */
export const outcomeOf = async <T, E>(pending: Pending<Matchable<T, E>>): Promise<Outcome<T, E>> =>
  (await pending).match<Outcome<T, E>>(succeeded, failed);

/**
 * Sends a problem from a typed route handler. The route's declared responses type the success
 * bodies; problems are plain `Response`s whose schema is documented apart (`commonProblems`), so
 * this is the one place that tells the type checker they are acceptable answers too.
 */
export const problemReply = <R>(c: Context<AppEnv>, problem: ApiProblem): R => documented<R>(sendProblem(c, problem));

/** A plain `Response` the route documents itself (a stream, a redirect), given to a typed handler. */
export const documented = <R>(response: Response): R => response as R;

/** Runs a use case and answers: its value through `onOk`, its error value as the matching problem. */
export const answer = async <T, E extends UseCaseError, R>(
  c: Context<AppEnv>,
  pending: Pending<Matchable<T, E> | Outcome<T, E>>,
  onOk: (value: T) => R | Promise<R>,
): Promise<R> => {
  const result = await pending;
  if ('ok' in result) return result.ok ? onOk(result.value) : problemReply<R>(c, problemOf(result.error));
  return result.match(onOk, (error) => problemReply<R>(c, problemOf(error)));
};
