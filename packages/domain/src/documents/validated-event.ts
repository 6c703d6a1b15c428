import { err, ok, type Result } from 'neverthrow';
import { parseDateTime, type Instant } from '../shared/time.js';
import type { AccountId, DocumentKind, OgustineDocument } from './document.js';
import { parseDocument, type ParseIssue } from './parse-document.js';

/** The envelope version this module reads (`docs/events.md`). A new shape of the envelope or the document is a new version. */
export const EVENT_VERSION = 1;

/** The billing core's events the module listens to, with the document kind each carries. */
export const VALIDATED_EVENT_KINDS = { 'invoice.validated': 'invoice', 'credit_note.validated': 'credit_note' } as const satisfies Record<
  string,
  DocumentKind
>;
export type ValidatedEventType = keyof typeof VALIDATED_EVENT_KINDS;

/** An `invoice.validated` / `credit_note.validated` event, read and checked. */
export interface ValidatedEvent {
  /** Unique per event, kept across redeliveries: the idempotency key of the message. */
  readonly eventId: string;
  readonly type: ValidatedEventType;
  readonly version: typeof EVENT_VERSION;
  /** When the billing core validated the document (its clock). */
  readonly occurredAt: Instant;
  readonly accountId: AccountId;
  readonly document: OgustineDocument;
  /** The document exactly as received (the use case reads it again). */
  readonly documentWire: unknown;
}

/** Why an event cannot be taken: it goes to the dead-letter queue with `describeEventRejection`. */
export type EventRejection =
  /** A version this module does not read (newer billing core, or garbage): nothing else is read. */
  | { readonly kind: 'event.unknown-version'; readonly version: unknown; readonly issues: readonly ParseIssue[] }
  /** The envelope or its document breaks the contract: every issue, paths from the envelope (`document.lines[0].vatRate`). */
  | { readonly kind: 'event.invalid'; readonly issues: readonly ParseIssue[] };

type JsonObject = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const read = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeName(value);

/** The document's issues, their paths put under `document`. */
const underDocument = (issues: readonly ParseIssue[]): ParseIssue[] =>
  issues.map((i) => ({ ...i, path: i.path === '' ? 'document' : `document.${i.path}` }));

/**
 * Reads an untrusted event body (JSON already parsed). The version is read first: an unknown version
 * stops there. Otherwise every issue is collected, the envelope's and the document's, and the
 * envelope must agree with its document (`type` with `kind`, `accountId` with the document's). Never throws.
 * @returns ok(event) for a version-1 event whose envelope and document are valid and agree
 * @returns err(event.unknown-version) if `version` is an integer other than `EVENT_VERSION`
 * @returns err(event.invalid) with every issue otherwise
 */
export const parseValidatedEvent = (input: unknown): Result<ValidatedEvent, EventRejection> => {
  if (!isObject(input)) {
    const code = input === undefined || input === null ? 'required' : 'type';
    return err({ kind: 'event.invalid', issues: [{ path: '', code, message: `the event must be a JSON object, got ${typeName(input)}` }] });
  }
  const issues: ParseIssue[] = [];
  const version = read(input, 'version');
  if (version === undefined || version === null) issues.push({ path: 'version', code: 'required', message: 'version is missing' });
  else if (typeof version !== 'number' || !Number.isInteger(version))
    issues.push({ path: 'version', code: 'type', message: `version must be an integer, got ${shown(version)}` });
  else if (version !== EVENT_VERSION) {
    const message = `version ${version} is not known: this module reads version ${EVENT_VERSION}`;
    return err({ kind: 'event.unknown-version', version, issues: [{ path: 'version', code: 'range', message }] });
  }

  const text = (key: string): string | undefined => {
    const value = read(input, key);
    if (value === undefined || value === null) issues.push({ path: key, code: 'required', message: `${key} is missing` });
    else if (typeof value !== 'string')
      issues.push({ path: key, code: 'type', message: `${key} must be a string, got ${typeName(value)}` });
    else if (value.trim() === '') issues.push({ path: key, code: 'required', message: `${key} is empty` });
    else return value.trim();
    return undefined;
  };
  const eventId = text('eventId');
  const typeText = text('type');
  const type = typeText !== undefined && Object.hasOwn(VALIDATED_EVENT_KINDS, typeText) ? (typeText as ValidatedEventType) : undefined;
  if (typeText !== undefined && type === undefined) {
    const known = Object.keys(VALIDATED_EVENT_KINDS).map((k) => `"${k}"`);
    issues.push({ path: 'type', code: 'format', message: `type must be one of ${known.join(', ')}, got ${shown(typeText)}` });
  }
  const occurredAtText = text('occurredAt');
  const occurredAt = occurredAtText === undefined ? undefined : parseDateTime(occurredAtText).unwrapOr(undefined);
  if (occurredAtText !== undefined && occurredAt === undefined) {
    const message = `occurredAt must be an ISO 8601 date-time with "Z" or an offset, got ${shown(occurredAtText)}`;
    issues.push({ path: 'occurredAt', code: 'format', message });
  }
  const accountId = text('accountId');

  const documentWire = read(input, 'document');
  const parsed = parseDocument(documentWire);
  if (parsed.isErr()) issues.push(...underDocument(parsed.error));
  const document = parsed.unwrapOr(undefined);
  if (document !== undefined && type !== undefined && VALIDATED_EVENT_KINDS[type] !== document.kind) {
    const message = `a ${type} event must carry a document of kind "${VALIDATED_EVENT_KINDS[type]}", got "${document.kind}"`;
    issues.push({ path: 'type', code: 'inconsistent', message });
  }
  if (document !== undefined && accountId !== undefined && accountId !== document.accountId) {
    const message = `accountId ${shown(accountId)} differs from the document's ${shown(document.accountId)}`;
    issues.push({ path: 'accountId', code: 'inconsistent', message });
  }

  if (
    issues.length > 0 ||
    eventId === undefined ||
    type === undefined ||
    occurredAt === undefined ||
    accountId === undefined ||
    document === undefined
  ) {
    if (issues.length === 0) throw new Error('parseValidatedEvent: a field was left unread without an issue');
    return err({ kind: 'event.invalid', issues });
  }
  return ok({ eventId, type, version: EVENT_VERSION, occurredAt, accountId, document, documentWire });
};

/** One line for a log or a dead-letter reason: `invalid event: occurredAt (format): …; document.lines[0].vatRate (range): …`. */
export const describeEventRejection = (rejection: EventRejection): string => {
  const issues = rejection.issues.map((i) => `${i.path === '' ? '(event)' : i.path} (${i.code}): ${i.message}`).join('; ');
  return `${rejection.kind === 'event.unknown-version' ? 'unknown event version' : 'invalid event'}: ${issues}`;
};
