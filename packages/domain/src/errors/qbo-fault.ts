/** One entry of a QBO `Fault.Error[]`, keys normalised (QBO sends `Message`/`message`, `Detail`/`detail`). */
export interface QboFaultError {
  /** QBO's code, a string (`"6240"`); the 401 envelope sends it too (`"3200"`). */
  readonly code: string;
  readonly message: string;
  /** Empty when QBO sent none (`null` in 401 and 403 bodies). */
  readonly detail: string;
  /** The field QBO blames, when it names one (`"DocNumber"`); QBO often sends `""`. */
  readonly element?: string;
}

/**
 * What QBO answered when a call failed, as the QuickBooks adapter reads it from HTTP. It holds no
 * HTTP object and no raw body, so the domain classifies it without knowing the transport.
 */
export type QboFailure =
  | {
      readonly kind: 'qbo.fault';
      /** HTTP status (QBO faults come with 400, 401, 403, 500… and sometimes 200 in a batch item). */
      readonly status: number;
      readonly errors: readonly QboFaultError[];
      /** `ValidationFault`, `SystemFault`, `AuthenticationFault`, `AUTHENTICATION`, `SERVICE`… */
      readonly faultType: string;
      /** The `intuit_tid` response header: Intuit support asks for it. */
      readonly intuitTid?: string;
    }
  /** HTTP 429 or fault 3001 ThrottleExceeded; the scheduler absorbs it, it only surfaces if it persists. */
  | { readonly kind: 'qbo.throttled'; readonly intuitTid?: string }
  /** HTTP 401 on the API, or `invalid_grant` on the token endpoint: only a new connection helps. */
  | { readonly kind: 'qbo.unauthorized'; readonly intuitTid?: string }
  /** HTTP 5xx without a usable fault, or 503 maintenance. */
  | { readonly kind: 'qbo.unavailable'; readonly status?: number; readonly intuitTid?: string }
  /** No answer in time: for a write, QBO may have done it. */
  | { readonly kind: 'qbo.timeout' }
  /** The connection failed or broke (DNS, reset, TLS). */
  | { readonly kind: 'qbo.network' };

export type QboFailureKind = QboFailure['kind'];
