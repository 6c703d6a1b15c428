import type { AccountId } from '@ogustine-qbo/domain';
import { createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import type { AuthenticationFailure } from '../problems/http-problems.js';
import { failed, succeeded, type Outcome } from '../http/outcome.js';

/** How Ogustine's tokens are checked: one key source, the expected issuer and audience, the claim naming the account. */
export type TokenKeys =
  | { readonly kind: 'hs256'; readonly secret: string }
  | { readonly kind: 'public-key'; readonly algorithm: 'RS256' | 'ES256'; readonly pem: string }
  | { readonly kind: 'jwks'; readonly url: string; readonly algorithms: readonly ('RS256' | 'ES256')[] };

export interface AccessTokenSettings {
  readonly keys: TokenKeys;
  readonly issuer: string;
  readonly audience: string;
  readonly accountClaim: string;
  readonly clockToleranceSeconds: number;
}

/** Checks Ogustine's JWTs and names the account they speak for. */
export interface AccessTokenVerifier {
  /**
   * @returns ok(accountId) for a token signed by the configured key, unexpired, for this issuer and audience
   * @returns err(authn.invalid-token) for any other token
   * @returns err(authn.keys-unavailable) if the JWKS endpoint cannot be reached
   */
  verify(token: string): Promise<Outcome<AccountId, AuthenticationFailure>>;
}

/** Account ids are Ogustine's identifiers: short, printable, safe in logs and URLs. */
export const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** HS256 secrets shorter than this are refused at start: jose would accept 5 bytes. */
export const MIN_HS256_SECRET_BYTES = 32;

const invalid = (reason: Extract<AuthenticationFailure, { kind: 'authn.invalid-token' }>['reason']): AuthenticationFailure => ({
  kind: 'authn.invalid-token',
  reason,
});

/** Token errors are the caller's (401); a key server that is down is ours (503): the token may be fine. */
const failureOf = (e: unknown): AuthenticationFailure => {
  if (e instanceof errors.JWTExpired) return invalid('expired');
  if (e instanceof errors.JWTClaimValidationFailed) return invalid('claims');
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey) return invalid('signature');
  if (e instanceof errors.JWKSTimeout) return { kind: 'authn.keys-unavailable' };
  if (e instanceof errors.JWKSInvalid || e instanceof errors.JWKSMultipleMatchingKeys) return { kind: 'authn.keys-unavailable' };
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid)
    return invalid('malformed');
  if (e instanceof errors.JOSENotSupported) return invalid('malformed');
  // ERR_JOSE_GENERIC (JWKS answered 5xx) and `TypeError: fetch failed` (JWKS port closed).
  if (e instanceof errors.JOSEError && e.code === 'ERR_JOSE_GENERIC') return { kind: 'authn.keys-unavailable' };
  if (e instanceof TypeError) return { kind: 'authn.keys-unavailable' };
  return invalid('malformed');
};

const keyOf = async (keys: TokenKeys): Promise<{ key: Uint8Array | CryptoKey | JWTVerifyGetKey; algorithms: string[] }> => {
  switch (keys.kind) {
    case 'hs256':
      return { key: new TextEncoder().encode(keys.secret), algorithms: ['HS256'] };
    case 'public-key':
      return { key: await importSPKI(keys.pem, keys.algorithm), algorithms: [keys.algorithm] };
    case 'jwks':
      return { key: createRemoteJWKSet(new URL(keys.url)), algorithms: [...keys.algorithms] };
  }
};

/**
 * The verifier for the configured key. `exp` is required (jose accepts a token without it otherwise),
 * `iss` and `aud` must match, and the account claim must be a sane account id.
 */
export const createAccessTokenVerifier = async (settings: AccessTokenSettings): Promise<AccessTokenVerifier> => {
  const { key, algorithms } = await keyOf(settings.keys);
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms,
    requiredClaims: ['exp'],
    clockTolerance: settings.clockToleranceSeconds,
  };
  return {
    async verify(token) {
      try {
        // Two overloads (static key, key function): the call is the same, only the type differs.
        const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
        const accountId = payload[settings.accountClaim];
        return typeof accountId === 'string' && ACCOUNT_ID.test(accountId) ? succeeded(accountId) : failed(invalid('account'));
      } catch (e) {
        return failed(failureOf(e));
      }
    },
  };
};
