import { errAsync, ResultAsync, okAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type {
  AccountingAuthorization,
  AuthorizationCallback,
  AuthorizationError,
  AuthorizedCompany,
} from '../../ports/accounting-authorization.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionStore, TokenSet } from '../../ports/connection-store.js';
import type { Ids } from '../../ports/ids.js';
import type { RealmId } from '../../qbo/company-profile.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Intuit's OAuth server and the module's token handling, in memory. A test grants a code as the user
 * would at Intuit (`grantCode`), then the module exchanges it. Refresh tokens rotate on every refresh
 * and the previous one stops working, as at Intuit; refreshes of one realm share a single flight.
 */
export class FakeAccountingAuthorization implements AccountingAuthorization {
  /** How many refreshes reached "Intuit": single flight keeps it at one per expiry. */
  intuitRefreshCalls = 0;
  /** Refresh tokens revoked at "Intuit", in order (disconnect, refused connections). */
  readonly revoked: string[] = [];
  private readonly codes = new Map<string, RealmId>();
  private readonly liveRefreshTokens = new Set<string>();
  private readonly inFlight = new Map<RealmId, ResultAsync<TokenSet, AuthorizationError>>();
  private failures: AuthorizationError[] = [];

  constructor(
    private readonly connections: ConnectionStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** The user approved the connection of `realmId` at Intuit: `code` comes back with the callback. */
  grantCode(code: string, realmId: RealmId): void {
    this.codes.set(code, realmId);
  }

  /** Intuit forgets every refresh token (revoked in QBO, or over 100 days): refreshes get `invalid_grant`. */
  forgetRefreshTokens(): void {
    this.liveRefreshTokens.clear();
  }

  /** The next call to Intuit fails with this error. */
  failNext(error: AuthorizationError = { kind: 'auth.unavailable', detail: 'Intuit did not answer' }): void {
    this.failures.push(error);
  }

  authorizationUrl(state: string): string {
    return `https://appcenter.intuit.test/connect/oauth2?client_id=fake&scope=com.intuit.quickbooks.accounting&response_type=code&state=${encodeURIComponent(state)}`;
  }

  exchange(callback: AuthorizationCallback): ResultAsync<AuthorizedCompany, AuthorizationError> {
    const failure = this.takeFailure();
    if (failure !== undefined) return errAsync(failure);
    const realmId = this.codes.get(callback.code);
    this.codes.delete(callback.code);
    if (realmId === undefined || realmId !== callback.realmId) {
      return errAsync({ kind: 'auth.invalid-grant', detail: 'the authorization code is invalid, expired or already used' });
    }
    return okAsync({ realmId, tokens: this.issueTokens() });
  }

  refresh(accountId: AccountId): ResultAsync<TokenSet, AuthorizationError> {
    const unavailable = (detail: string): AuthorizationError => ({ kind: 'auth.unavailable', detail });
    return this.connections
      .get(accountId)
      .mapErr((e) => unavailable(e.detail))
      .andThen((connection) => {
        if (connection === null) return errAsync<TokenSet, AuthorizationError>({ kind: 'auth.invalid-grant', detail: 'no connection' });
        if (connection.tokens.accessTokenExpiresAt > this.clock.now()) return okAsync<TokenSet, AuthorizationError>(connection.tokens);
        const running = this.inFlight.get(connection.realmId);
        if (running !== undefined) return running;
        const flight = this.refreshAtIntuit(accountId, connection.tokens);
        this.inFlight.set(connection.realmId, flight);
        return flight.andTee(() => this.inFlight.delete(connection.realmId)).orTee(() => this.inFlight.delete(connection.realmId));
      });
  }

  revoke(tokens: TokenSet): ResultAsync<void, AuthorizationError> {
    const failure = this.takeFailure();
    if (failure !== undefined) return errAsync(failure);
    this.liveRefreshTokens.delete(tokens.refreshToken);
    this.revoked.push(tokens.refreshToken);
    return okAsync(undefined);
  }

  private refreshAtIntuit(accountId: AccountId, previous: TokenSet): ResultAsync<TokenSet, AuthorizationError> {
    // A turn of the event loop, as a real HTTP call: concurrent callers meet the flight in progress.
    const atIntuit = ResultAsync.fromSafePromise(Promise.resolve()).andThen((): ResultAsync<TokenSet, AuthorizationError> => {
      this.intuitRefreshCalls += 1;
      const failure = this.takeFailure();
      if (failure !== undefined) return errAsync(failure);
      if (!this.liveRefreshTokens.has(previous.refreshToken)) {
        return errAsync({ kind: 'auth.invalid-grant', detail: 'invalid_grant: the refresh token is not valid' });
      }
      this.liveRefreshTokens.delete(previous.refreshToken);
      return okAsync(this.issueTokens());
    });
    return atIntuit
      .andThen((tokens) =>
        this.connections
          .replaceTokens(accountId, previous.refreshToken, tokens)
          .map(() => tokens)
          .mapErr((e): AuthorizationError => ({ kind: 'auth.unavailable', detail: e.detail })),
      )
      .orElse((error) =>
        error.kind === 'auth.invalid-grant'
          ? this.connections
              .markReconnectRequired(accountId)
              .mapErr((e): AuthorizationError => ({ kind: 'auth.unavailable', detail: e.detail }))
              .andThen(() => errAsync(error))
          : errAsync(error),
      );
  }

  private issueTokens(): TokenSet {
    const now = this.clock.now();
    const refreshToken = `refresh-${this.ids.next()}`;
    this.liveRefreshTokens.add(refreshToken);
    return {
      accessToken: `access-${this.ids.next()}`,
      refreshToken,
      accessTokenExpiresAt: now + HOUR,
      refreshTokenExpiresAt: now + 100 * DAY,
    };
  }

  private takeFailure(): AuthorizationError | undefined {
    const [failure, ...rest] = this.failures;
    this.failures = rest;
    return failure;
  }
}
