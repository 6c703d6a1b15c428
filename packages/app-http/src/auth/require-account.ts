import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { authenticationProblem } from '../problems/http-problems.js';
import { sendProblem } from '../problems/respond.js';
import type { AccessTokenVerifier } from './access-token-verifier.js';

/** Longer than any JWT Ogustine issues; a bigger header is refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

/** @returns the bearer token of an `Authorization` header, or undefined */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = header === undefined ? null : /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
};

/** Every route behind it runs for the account the verified JWT names, and for no other. */
export const requireAccount =
  (verifier: AccessTokenVerifier): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header('authorization');
    const token = bearerToken(header);
    if (token === undefined) {
      return sendProblem(
        c,
        authenticationProblem(
          header === undefined ? { kind: 'authn.missing-token' } : { kind: 'authn.invalid-token', reason: 'malformed' },
        ),
      );
    }
    if (token.length > MAX_TOKEN_LENGTH) return sendProblem(c, authenticationProblem({ kind: 'authn.invalid-token', reason: 'malformed' }));
    const verified = await verifier.verify(token);
    if (!verified.ok) return sendProblem(c, authenticationProblem(verified.error));
    c.set('accountId', verified.value);
    await next();
    return undefined;
  };
