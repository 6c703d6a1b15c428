import type { AuthorizationCallback } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';

export type AuthorizationCallbackError =
  /** The user clicked "Cancel" on Intuit's consent page (`error=access_denied`): nothing is connected. */
  | { readonly kind: 'auth.access-denied' }
  /** Intuit sent another `error` (`invalid_scope`, `unsupported_response_type`…), or no code, state or realm. */
  | { readonly kind: 'auth.bad-callback'; readonly detail: string };

/**
 * Reads Intuit's redirect back to the app: `?code=…&state=…&realmId=…`, or `?error=…&state=…`.
 * intuit-oauth would post even a denial to the token endpoint (and get `invalid_grant`): the error is
 * answered here, before any call. The state is then checked by `ConnectQuickBooks` (issued, once, in time).
 * @returns ok(callback) to hand to `ConnectQuickBooks.run`
 * @returns err(auth.access-denied) if the user refused
 * @returns err(auth.bad-callback) for any other error or a missing parameter
 */
export const readAuthorizationCallback = (query: URLSearchParams): Result<AuthorizationCallback, AuthorizationCallbackError> => {
  const error = query.get('error');
  if (error === 'access_denied') return err({ kind: 'auth.access-denied' });
  if (error !== null) return err({ kind: 'auth.bad-callback', detail: `Intuit answered ${error.slice(0, 60)}` });
  const code = query.get('code') ?? '';
  const state = query.get('state') ?? '';
  const realmId = query.get('realmId') ?? '';
  const missing = Object.entries({ code, state, realmId })
    .filter(([, v]) => v === '')
    .map(([k]) => k);
  return missing.length > 0
    ? err({ kind: 'auth.bad-callback', detail: `the callback lacks ${missing.join(', ')}` })
    : ok({ code, state, realmId });
};
