import type {
  AccountId,
  AccountingAuthorization,
  AuthorizationCallback,
  AuthorizationError,
  AuthorizedCompany,
  Clock,
  Connection,
  ConnectionStore,
  RealmId,
  StoreError,
  TokenSet,
} from '@ogustine-qbo/domain';
import OAuthClient from 'intuit-oauth';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { isIntuitOAuthConfigured } from './intuit-oauth-setup.js';
import { needsRefresh, tokensFromAnswer, type IntuitTokenAnswer } from './token-freshness.js';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** The app's registration at Intuit. */
export interface IntuitApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly environment: 'sandbox' | 'production';
}

/** A token is refreshed when it has less than this left: a sync must not start with a token about to die. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * intuit-oauth rejects with an Error carrying `error` (`invalid_grant`…), `error_description`,
 * `intuit_tid` and the HTTP status in `authResponse.response.status`. Only what identifies the
 * failure is kept: never a token.
 * @returns auth.invalid-grant for `invalid_grant`, auth.unavailable otherwise
 */
export const authorizationErrorOf = (error: unknown): AuthorizationError => {
  const e = isJson(error) ? error : {};
  const authResponse = isJson(e['authResponse']) ? e['authResponse'] : {};
  const response = isJson(authResponse['response']) ? authResponse['response'] : {};
  const status = typeof response['status'] === 'number' ? ` (HTTP ${response['status']})` : '';
  const tid = text(e['intuit_tid']) === '' ? '' : `, intuit_tid ${text(e['intuit_tid'])}`;
  const code = text(e['error']);
  const description = text(e['error_description']);
  if (code === 'invalid_grant') {
    return {
      kind: 'auth.invalid-grant',
      detail: `Intuit answered invalid_grant${description === '' ? '' : `: ${description}`}${status}${tid}`,
    };
  }
  const what = code !== '' && code.length <= 60 ? code : text(e['originalMessage']).slice(0, 120) || 'no answer';
  return { kind: 'auth.unavailable', detail: `Intuit's OAuth server failed: ${what}${status}${tid}` };
};

const unavailable = (e: StoreError): AuthorizationError => ({ kind: 'auth.unavailable', detail: `connection store: ${e.detail}` });

const fromIntuit = <T>(work: () => Promise<T>): ResultAsync<T, AuthorizationError> =>
  ResultAsync.fromPromise(Promise.resolve().then(work), authorizationErrorOf);

/**
 * `AccountingAuthorization` on intuit-oauth. One refresh per realm at a time in this process (callers
 * share it); across processes the store's compare-and-set decides: the loser of a race re-reads and
 * uses the winner's tokens. The rotated refresh token is stored before the new access token is
 * handed to anyone. `invalid_grant` marks the connection `reconnect-required` (settings kept).
 */
export class IntuitAuthorization implements AccountingAuthorization {
  private readonly inFlight = new Map<RealmId, ResultAsync<TokenSet, AuthorizationError>>();

  constructor(
    private readonly app: IntuitApp,
    private readonly connections: ConnectionStore,
    private readonly clock: Clock,
    private readonly refreshMarginMs = REFRESH_MARGIN_MS,
  ) {
    // The endpoints are process-global statics of intuit-oauth: they must be set once, first.
    if (!isIntuitOAuthConfigured()) throw new Error('IntuitAuthorization: call configureIntuitOAuth once at start');
  }

  /** A fresh client per call: an intuit-oauth client holds one token, and calls of several realms run at once. */
  private client(): OAuthClient {
    const { clientId, clientSecret, redirectUri, environment } = this.app;
    return new OAuthClient({ clientId, clientSecret, redirectUri, environment, logging: false });
  }

  authorizationUrl(state: string): string {
    return this.client().authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
  }

  exchange(callback: AuthorizationCallback): ResultAsync<AuthorizedCompany, AuthorizationError> {
    const sentAt = this.clock.now();
    const query = new URLSearchParams({ code: callback.code, state: callback.state, realmId: callback.realmId });
    return fromIntuit(() => this.client().createToken(`${this.app.redirectUri}?${query.toString()}`)).andThen((answer) => {
      const tokens = tokensFromAnswer(answer.getJson() as IntuitTokenAnswer, sentAt);
      return tokens === undefined
        ? errAsync<AuthorizedCompany, AuthorizationError>({ kind: 'auth.unavailable', detail: 'Intuit answered without tokens' })
        : okAsync({ realmId: callback.realmId, tokens });
    });
  }

  refresh(accountId: AccountId): ResultAsync<TokenSet, AuthorizationError> {
    return this.freshTokens(accountId, undefined);
  }

  /**
   * QBO refused `rejectedAccessToken` (401): gives a token other than it, refreshing unless someone
   * already did. @returns as `refresh`
   */
  renewRejected(accountId: AccountId, rejectedAccessToken: string): ResultAsync<TokenSet, AuthorizationError> {
    return this.freshTokens(accountId, rejectedAccessToken);
  }

  /**
   * Refreshes the connection even if its access token is valid: the keep-alive, so that a refresh
   * token nobody uses is renewed before it lapses. @returns as `refresh`
   */
  renewNow(accountId: AccountId): ResultAsync<TokenSet, AuthorizationError> {
    return this.connection(accountId).andThen((connection) => this.singleFlight(connection));
  }

  revoke(tokens: TokenSet): ResultAsync<void, AuthorizationError> {
    // Revoking the refresh token ends the whole connection at Intuit; an unknown token is a success (RFC 7009).
    return fromIntuit(() => this.client().revoke({ refresh_token: tokens.refreshToken })).map(() => undefined);
  }

  private connection(accountId: AccountId): ResultAsync<Connection, AuthorizationError> {
    return this.connections
      .get(accountId)
      .mapErr(unavailable)
      .andThen((connection) =>
        connection === null || connection.status !== 'connected'
          ? errAsync<Connection, AuthorizationError>({ kind: 'auth.invalid-grant', detail: 'the account has no live connection' })
          : okAsync(connection),
      );
  }

  private freshTokens(accountId: AccountId, rejected: string | undefined): ResultAsync<TokenSet, AuthorizationError> {
    return this.connection(accountId).andThen((connection) =>
      needsRefresh(connection.tokens, this.clock.now(), this.refreshMarginMs, rejected)
        ? this.singleFlight(connection)
        : okAsync<TokenSet, AuthorizationError>(connection.tokens),
    );
  }

  private singleFlight(connection: Connection): ResultAsync<TokenSet, AuthorizationError> {
    const running = this.inFlight.get(connection.realmId);
    if (running !== undefined) return running;
    const forget = () => this.inFlight.delete(connection.realmId);
    const flight = this.refreshAtIntuit(connection).andTee(forget).orTee(forget);
    this.inFlight.set(connection.realmId, flight);
    return flight;
  }

  private refreshAtIntuit(connection: Connection): ResultAsync<TokenSet, AuthorizationError> {
    const { accountId, tokens: previous } = connection;
    const sentAt = this.clock.now();
    return fromIntuit(() => this.client().refreshUsingToken(previous.refreshToken))
      .andThen((answer) => {
        const next = tokensFromAnswer(answer.getJson() as IntuitTokenAnswer, sentAt);
        if (next === undefined)
          return errAsync<TokenSet, AuthorizationError>({ kind: 'auth.unavailable', detail: 'Intuit answered without tokens' });
        return this.connections
          .replaceTokens(accountId, previous.refreshToken, next)
          .map(() => next)
          .orElse((e) => (e.kind === 'store.conflict' ? this.winnersTokens(accountId, previous) : errAsync(unavailable(e))));
      })
      .orElse((error) => {
        if (error.kind !== 'auth.invalid-grant') return errAsync(error);
        // Refused because another process rotated the token long ago? Then its tokens are in the store.
        return this.winnersTokens(accountId, previous).orElse(() =>
          this.connections
            .markReconnectRequired(accountId)
            .mapErr(unavailable)
            .andThen(() => errAsync<TokenSet, AuthorizationError>(error)),
        );
      });
  }

  /** Another process stored newer tokens first: use them. @returns err if the store holds nothing newer */
  private winnersTokens(accountId: AccountId, previous: TokenSet): ResultAsync<TokenSet, AuthorizationError> {
    return this.connections
      .get(accountId)
      .mapErr(unavailable)
      .andThen((stored) =>
        stored !== null && stored.status === 'connected' && stored.tokens.refreshToken !== previous.refreshToken
          ? okAsync<TokenSet, AuthorizationError>(stored.tokens)
          : errAsync<TokenSet, AuthorizationError>({ kind: 'auth.unavailable', detail: 'the connection changed while refreshing' }),
      );
  }
}
