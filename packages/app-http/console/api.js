// The console's only way to the module: the public /v1/quickbooks API, with Ogustine's bearer token.
import { language, t } from './i18n.js';

const BASE = '/v1/quickbooks';
const TOKEN_KEY = 'qbo-console-token';
const DEMO_KEY = 'qbo-console-demo';

/**
 * Reads what the launcher put in the address's fragment (the token, the sandboxes' addresses),
 * keeps it for this tab, and removes it from the address bar so it is not bookmarked or shared.
 */
export const readFragment = () => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    const demo = { qbo: fragment.get('qbo'), billing: fragment.get('billing'), account: fragment.get('account') };
    sessionStorage.setItem(DEMO_KEY, JSON.stringify(demo));
    history.replaceState(null, '', location.pathname + location.search);
  }
};

export const hasToken = () => sessionStorage.getItem(TOKEN_KEY) !== null;

/** @returns the sandboxes' addresses when the console runs on `npm start`, else null */
export const demoSettings = () => {
  const demo = JSON.parse(sessionStorage.getItem(DEMO_KEY) ?? 'null');
  return demo && (demo.qbo || demo.billing) ? demo : null;
};

/** An RFC 9457 problem answered by the API, in the console's language. */
export class ApiProblem extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || t('error.generic'));
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
  }
}

/**
 * Calls the API.
 * @returns the JSON answer (null for an empty one)
 * @throws ApiProblem for an answer of the API that is not a success, or a network failure
 */
export const call = async (method, path, body) => {
  let response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`,
        'accept-language': language(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiProblem({ status: 0, title: t('error.network'), detail: t('error.network') });
  }
  const text = await response.text();
  const json = text === '' ? null : JSON.parse(text);
  if (!response.ok) throw new ApiProblem(json ?? { status: response.status, title: t('error.generic') });
  return json;
};

/** How long the console waits before following a run again when the browser gave up on its stream. */
const FOLLOW_AGAIN_MS = 3000;

/**
 * Follows a run's progress live (Server-Sent Events): a short-lived ticket first, since a browser's
 * EventSource cannot send the bearer token. The browser reconnects by itself with Last-Event-ID after
 * a dropped connection, but gives up for good when a reconnection is refused (its ticket expired, the
 * store did not answer): `onLost` is then called a moment later, to follow again with a new ticket.
 * @returns a function that stops following
 */
export const followRun = async (runId, { onProgress, onEnd, onLost }) => {
  const { eventsUrl } = await call('POST', `/runs/${encodeURIComponent(runId)}/stream-tickets`);
  const source = new EventSource(eventsUrl);
  let again;
  source.addEventListener('progress', (e) => onProgress(JSON.parse(e.data)));
  source.addEventListener('end', () => {
    source.close();
    onEnd();
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) again = setTimeout(onLost, FOLLOW_AGAIN_MS);
  });
  return () => {
    clearTimeout(again);
    source.close();
  };
};
