import type { AccountId } from '@ogustine-qbo/domain';
import { jwtVerify, SignJWT } from 'jose';
import { failed, succeeded, type Outcome } from '../http/outcome.js';
import { ACCOUNT_ID } from './access-token-verifier.js';

/** A browser's EventSource cannot send an Authorization header: the progress stream takes this ticket in its URL instead. */
export interface StreamTicket {
  readonly ticket: string;
  readonly expiresAt: number;
}

const AUDIENCE = 'ogustine-qbo:progress-stream';

/**
 * Short-lived tickets for one run's progress stream, issued to the account of a verified JWT. Signed
 * (HS256) rather than stored, so any HTTP instance sharing the secret accepts them; bound to the
 * account and the run, so a leaked URL opens nothing else and stops working within `ttlSeconds`.
 */
export class StreamTickets {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(accountId: AccountId, runId: string, nowMs: number): Promise<StreamTicket> {
    const expiresAt = Math.floor(nowMs / 1000) + this.ttlSeconds;
    const ticket = await new SignJWT({ run: runId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(accountId)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { ticket, expiresAt: expiresAt * 1000 };
  }

  /** @returns the account the ticket was issued to, if it is genuine, unexpired and for this run */
  async verify(ticket: string, runId: string): Promise<Outcome<AccountId, 'invalid-ticket'>> {
    try {
      const { payload } = await jwtVerify(ticket, this.key, { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      return payload['run'] === runId && typeof payload.sub === 'string' && ACCOUNT_ID.test(payload.sub)
        ? succeeded(payload.sub)
        : failed('invalid-ticket');
    } catch {
      return failed('invalid-ticket');
    }
  }
}
