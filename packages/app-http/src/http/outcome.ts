/**
 * The result of an HTTP-side check (token, ticket, configuration). The domain's use cases answer with
 * neverthrow's `Result`; the app only reads those, so it keeps this small union of its own instead of
 * another dependency.
 */
export type Outcome<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const succeeded = <T>(value: T): Outcome<T, never> => ({ ok: true, value });
export const failed = <E>(error: E): Outcome<never, E> => ({ ok: false, error });
