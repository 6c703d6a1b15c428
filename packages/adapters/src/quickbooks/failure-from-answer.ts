import type { QboFailure, QboFaultError } from '@ogustine-qbo/domain';

/** What came back over HTTP: the status, the body (parsed JSON, or text such as the 429 XML) and Intuit's transaction id. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly intuitTid?: string | undefined;
}

export type QboFault = Extract<QboFailure, { kind: 'qbo.fault' }>;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** One `Error` entry, whichever case QBO used for its keys (`Message` in 4xx bodies, `message` in the 401 envelope). */
const errorOf = (e: Json): QboFaultError => {
  const element = text(e['element'] ?? e['Element']);
  return {
    code: text(e['code'] ?? e['Code']),
    message: text(e['Message'] ?? e['message']),
    detail: text(e['Detail'] ?? e['detail']),
    ...(element === '' ? {} : { element }),
  };
};

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name] ?? '');
const xmlText = (xml: string, tag: string): string => unescapeXml(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? '');

/** The throttle answer is XML whatever was asked for: `<Fault type="SERVICE"><Error code="3001"><Message>…`. */
const faultOfXml = (xml: string): { errors: QboFaultError[]; faultType: string } | undefined => {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/.exec(xml);
  if (fault === null) return undefined;
  const attribute = (attributes: string, name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '';
  const errors = [...(fault[2] ?? '').matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/g)].map((m) => {
    const inner = m[2] ?? '';
    const element = attribute(m[1] ?? '', 'element');
    return {
      code: attribute(m[1] ?? '', 'code'),
      message: xmlText(inner, 'Message'),
      detail: xmlText(inner, 'Detail'),
      ...(element === '' ? {} : { element }),
    };
  });
  return { errors, faultType: attribute(fault[1] ?? '', 'type') };
};

/**
 * The fault of a body, in any of the envelopes QBO uses: `{"Fault":{"Error":[…],"type"}}`, the 401
 * `{"fault":{"error":[…],"type"}}`, and the XML `<Fault>`.
 * @returns the errors and fault type, or undefined when the body holds no fault
 */
export const faultOfBody = (body: unknown): { errors: QboFaultError[]; faultType: string } | undefined => {
  if (typeof body === 'string') {
    if (body.trimStart().startsWith('<')) return faultOfXml(body);
    try {
      return faultOfBody(JSON.parse(body) as unknown);
    } catch {
      return undefined;
    }
  }
  if (!isJson(body)) return undefined;
  const fault = body['Fault'] ?? body['fault'];
  if (!isJson(fault)) return undefined;
  const list = fault['Error'] ?? fault['error'];
  const errors = Array.isArray(list) ? list.filter(isJson).map(errorOf) : [];
  return { errors, faultType: text(fault['type']) };
};

const withTid = (intuitTid: string | undefined): { intuitTid?: string } =>
  intuitTid === undefined || intuitTid === '' ? {} : { intuitTid };

/** The answer as a fault, whatever its status, keeping every code, element and detail. */
export const faultOf = (answer: HttpAnswer): QboFault => {
  const fault = faultOfBody(answer.body);
  return {
    kind: 'qbo.fault',
    status: answer.status,
    errors: fault?.errors ?? [],
    faultType: fault?.faultType ?? '',
    ...withTid(answer.intuitTid),
  };
};

const THROTTLE_CODE = /^0*3001$/;

/**
 * Classifies a failed answer of QBO: 401 → unauthorized (its detail quotes the token: dropped), 429 or
 * fault 3001 → throttled, a fault body → the fault with its status, a 5xx without fault → unavailable,
 * anything else → a fault without errors (the status says what happened). The `intuit_tid` is kept.
 * @returns the failure
 */
export const failureFromAnswer = (answer: HttpAnswer): QboFailure => {
  const tid = withTid(answer.intuitTid);
  if (answer.status === 401) return { kind: 'qbo.unauthorized', ...tid };
  const fault = faultOf(answer);
  if (answer.status === 429 || fault.errors.some((e) => THROTTLE_CODE.test(e.code))) return { kind: 'qbo.throttled', ...tid };
  if (answer.status >= 500 && fault.errors.length === 0) return { kind: 'qbo.unavailable', status: answer.status, ...tid };
  return fault;
};

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A request that got no answer: a time-out (axios `ECONNABORTED`, fetch `TimeoutError`…) or a
 * broken or refused connection (`ECONNRESET`, "socket hang up", `fetch failed`…).
 * @returns qbo.timeout or qbo.network
 */
export const failureFromTransport = (error: unknown): QboFailure => {
  const e = isJson(error) ? error : {};
  const cause = isJson(e['cause']) ? e['cause'] : {};
  const names = [text(e['name']), text(cause['name'])];
  const codes = [text(e['code']), text(cause['code'])];
  if (names.some((n) => n === 'TimeoutError') || codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'qbo.timeout' };
  return { kind: 'qbo.network' };
};
