import type { QboFailure } from '@ogustine-qbo/domain';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { RawOutcome } from './raw-outcome.js';
import type { RealmLimiter } from './realm-limiter.js';
import { backoffMs, type RequestPolicy } from './request-policy.js';

/**
 * `read`: safe to send again. `write`: sent once; if it may have reached QBO, its outcome is unknown
 * and the domain's write protocol decides. `batch`: a write that also counts in the batch window.
 */
/**
 * How a request is sent: a read again after a failure; a write or a batch once, after a short wait at
 * most (the write protocol assumes a post reaches QBO soon after its intent was stored); an upload
 * once too, but it may wait as long as a read (its protocol, `uploadTried` then the transaction's
 * attachables, assumes nothing of when it leaves), so a lease's PDFs can all queue for the realm.
 */
export type RequestKind = 'read' | 'write' | 'batch' | 'upload';

/** The access token requests carry, renewed when QBO refuses it (expired early, or revoked). */
export interface AccessTokens {
  current(): string;
  /**
   * @returns ok(token) a token other than `rejected`, refreshed if needed
   * @returns err(qbo.unauthorized) if the connection is lost (`invalid_grant`), err(qbo.unavailable) if Intuit or the store failed
   */
  renew(rejected: string): ResultAsync<string, QboFailure>;
}

/** A successful answer: its body, and Intuit's transaction id (kept with the faults a 200 may carry). */
export interface Answered {
  readonly body: unknown;
  readonly intuitTid?: string | undefined;
}

/** Per realm, shared by every `Accounting` of this process: since when QBO has answered nothing but 429. */
export class ThrottleRuns {
  private readonly since = new Map<string, number>();
  /** @returns the start of the current run of 429s */
  throttled(realmId: string, now: number): number {
    const start = this.since.get(realmId) ?? now;
    this.since.set(realmId, start);
    return start;
  }
  answered(realmId: string): void {
    this.since.delete(realmId);
  }
}

const TRANSIENT: ReadonlySet<QboFailure['kind']> = new Set(['qbo.unavailable', 'qbo.timeout', 'qbo.network']);
const isTransient = (f: QboFailure): boolean => TRANSIENT.has(f.kind) || (f.kind === 'qbo.fault' && f.status >= 500);

const lastingThrottle = (minutes: number, intuitTid: string | undefined): QboFailure => ({
  kind: 'qbo.fault',
  status: 429,
  faultType: 'SERVICE',
  errors: [
    {
      code: '3001',
      message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      detail: `QuickBooks has refused every request for ${minutes} minutes: the app's quota may be spent.`,
    },
  ],
  ...(intuitTid === undefined ? {} : { intuitTid }),
});

const timeout = (ms: number): Promise<RawOutcome> =>
  new Promise((resolve) => setTimeout(() => resolve({ ok: false, answered: false, failure: { kind: 'qbo.timeout' } }), ms).unref());

/**
 * Renewals of one request: its own token refused gives the newer one another caller stored, which
 * may have ended too; that one refused is refreshed at Intuit. A token fresh from Intuit refused at
 * once means the authorization is gone: unauthorized, no third renewal.
 */
const MAX_RENEWALS = 2;

/**
 * Sends requests of one realm through its limiter. Reads are sent again after a 429 (once the realm's
 * pause is over, until the 429s last), a 5xx, a time-out or a network failure (with back-off and
 * jitter, at most `readAttempts` times). Writes are sent once: a 429 (answered
 * before any work) comes back as `qbo.throttled`, anything after which QBO may have acted as it is.
 * A 401 renews the token and sends once more (QBO did nothing); the token renewed may be one another
 * caller already had, refused too (ended early): then it is renewed at Intuit, and sent once more. A
 * token is never sent again once refused, so a refusal of every token ends, unauthorized. A run of
 * 429s that lasts becomes a visible fault instead of endless retries.
 */
export class QboRequests {
  constructor(
    private readonly realmId: string,
    private readonly limiter: RealmLimiter,
    private readonly throttleRuns: ThrottleRuns,
    private readonly tokens: AccessTokens,
    private readonly policy: RequestPolicy,
    private readonly time: { now(): number; sleep(ms: number): Promise<void> },
  ) {}

  async send(kind: RequestKind, request: (accessToken: string) => Promise<RawOutcome>): Promise<Result<Answered, QboFailure>> {
    const { policy, time } = this;
    let attempt = 1;
    // Tokens QBO refused for this request: each is renewed once (at most MAX_RENEWALS in all).
    const refused = new Set<string>();
    for (;;) {
      const maxWait = kind === 'read' || kind === 'upload' ? policy.maxReadWaitMs : policy.maxWriteWaitMs;
      const permit = await this.limiter.acquire({
        batch: kind === 'batch',
        deadline: time.now() + maxWait,
        behindOthers: kind === 'upload',
      });
      // Not sent: the realm is paused after a 429, or its allowance is spent for longer than this request may wait.
      if (permit === 'deadline') return err({ kind: 'qbo.throttled' });
      const token = this.tokens.current();
      const outcome = await Promise.race([request(token), timeout(policy.timeoutMs)]).finally(() => permit.release());
      if (outcome.ok) {
        this.throttleRuns.answered(this.realmId);
        return ok({ body: outcome.body, intuitTid: outcome.intuitTid });
      }
      const failure = outcome.failure;
      if (failure.kind === 'qbo.throttled') {
        const now = time.now();
        this.limiter.pauseUntil(now + policy.throttleCooldownMs);
        const since = this.throttleRuns.throttled(this.realmId, now);
        if (now - since >= policy.lastingThrottleMs) return err(lastingThrottle(Math.round((now - since) / 60_000), failure.intuitTid));
        // A read is waited out (the pause, then the limiter) for as long as the 429s do not last:
        // two processes within their shares can meet one, and no user should read of it.
        if (kind === 'read') continue;
        return err(failure);
      }
      if (outcome.answered) this.throttleRuns.answered(this.realmId);
      if (failure.kind === 'qbo.unauthorized' && !refused.has(token) && refused.size < MAX_RENEWALS) {
        refused.add(token);
        const fresh = await this.tokens.renew(token);
        if (fresh.isErr()) return err(fresh.error);
        if (refused.has(fresh.value)) return err(failure);
        continue;
      }
      if (kind === 'read' && isTransient(failure) && attempt < policy.readAttempts) {
        await time.sleep(backoffMs(policy, attempt));
        attempt += 1;
        continue;
      }
      return err(failure);
    }
  }
}
