import type { AccountId, Language } from '@ogustine-qbo/domain';
import type { Logger } from 'pino';

/** What the middleware chain puts on each request's context, in the order it runs. */
export interface AppVariables {
  /** `x-request-id` of the caller when sane, else a fresh UUID; echoed on the response and on every log line. */
  readonly requestId: string;
  readonly log: Logger;
  /** French or English, from `Accept-Language`. */
  readonly language: Language;
  /** The Ogustine account the verified token (or stream ticket) names: every read and write is scoped to it. */
  readonly accountId: AccountId;
}

export interface AppEnv {
  Variables: AppVariables;
}
