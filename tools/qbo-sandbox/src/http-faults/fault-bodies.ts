// The error bodies QBO sends outside the accounting routes' validation faults (QBO-API.md §4 and §6).
// Their envelopes differ on purpose: 401/403 use Intuit's lowercase `fault`, throttling answers XML even
// when JSON was asked, and 5xx use the usual `Fault` envelope.

/** The time QBO stamps on JSON bodies: ISO with milliseconds. */
const timeOf = (now: Date): string => now.toISOString();

export type AuthFailure = 'malformed' | 'expired' | 'invalid';

/**
 * The 401 body QBO sends for a missing, malformed, expired or revoked access token (real captures, QBO-API.md §6).
 * @returns the JSON body with the lowercase `fault` envelope and code "3200"
 */
export function authenticationFailedBody(failure: AuthFailure, token: string, now: Date): unknown {
  const detail =
    failure === 'malformed'
      ? 'Malformed bearer token: too short or too long'
      : failure === 'expired'
        ? `Token expired: ${token.slice(0, 12)}...`
        : null;
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail,
          code: '3200',
          element: null,
        },
      ],
      type: 'AUTHENTICATION',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: now.getTime(),
    status: null,
    cdcresponse: [],
  };
}

/** The 403 body for a company the token may not reach (third-party fixture, QBO-API.md §6). @returns the JSON body */
export function authorizationFailedBody(): unknown {
  return {
    fault: {
      error: [
        {
          message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
          detail: null,
          code: '3100',
        },
      ],
      type: 'SERVICE',
    },
  };
}

/** The XML body of a throttled request, sent whatever `Accept` said (QBO-API.md §4). @returns the XML text */
export function throttleExceededXml(now: Date): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${timeOf(now)}">` +
    '<Fault type="SERVICE"><Error code="3001">' +
    '<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>' +
    '<Detail>The request limit was reached.  Try again later</Detail>' +
    '</Error></Fault></IntuitResponse>'
  );
}

/** The body of an injected 500 or 503 (SystemFault, code 10000). @returns the JSON body */
export function systemFaultBody(status: 500 | 503, now: Date): unknown {
  const detail =
    status === 500
      ? 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.'
      : 'Service Unavailable: The service is temporarily unavailable. Please wait a few minutes and try again.';
  return {
    Fault: {
      Error: [{ Message: 'An application error has occurred while processing your request', Detail: detail, code: '10000', element: '' }],
      type: 'SystemFault',
    },
    time: timeOf(now),
  };
}

/** A ValidationFault with one error, in the usual JSON envelope (QBO-API.md §6). @returns the JSON body */
export function validationFaultBody(code: string, message: string, detail: string, element: string, now: Date): unknown {
  return { Fault: { Error: [{ Message: message, Detail: detail, code, element }], type: 'ValidationFault' }, time: timeOf(now) };
}
