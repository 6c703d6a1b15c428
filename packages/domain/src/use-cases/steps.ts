import type { Err, Result } from 'neverthrow';

/** The body of a `safeTry` use case: annotating it keeps literal `kind`s from widening to `string`. */
export type Steps<T, E> = AsyncGenerator<Err<never, E>, Result<T, E>>;
