import type { Disposition, InboundMessage, MessageHandler } from '@ogustine-qbo/adapters';
import {
  parseValidatedEvent,
  type ReceiveOutcome,
  type ReceiveResult,
  type ReceiveValidatedDocuments,
  type ValidatedDocumentMessage,
} from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/metrics.js';
import { InGroups } from './in-groups.js';
import { notJson, receiveDisposition, rejectedEvent } from './receive-disposition.js';

export interface DocumentEventHandlerDeps {
  /** Receives the events of a group together (`ReceiveValidatedDocuments`). */
  readonly receive: Pick<ReceiveValidatedDocuments, 'run'>;
  /** The most events received together: about the prefetch divided by `GROUPS_AT_ONCE`, so that that many groups can be in hand. */
  readonly groupSize: number;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  /** Called when a document was queued: the job loop wakes at once instead of at its next look. */
  readonly onQueued: () => void;
}

/**
 * Groups received at once: while one waits for its commit (an fsync), the others are read,
 * decided and written (MariaDB syncs the commits that wait together), and a finished group's
 * acks bring the next events while the others run.
 */
export const GROUPS_AT_ONCE = 4;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const readJson = (body: Uint8Array): { ok: true; value: unknown } | { ok: false; detail: string } => {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(body)) as unknown };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
};

const documentOf = (outcome: ReceiveOutcome): string | undefined => ('documentId' in outcome ? outcome.documentId : undefined);

/**
 * The consumer of Ogustine's document events: body → envelope (`parseValidatedEvent`) →
 * `ReceiveValidatedDocuments` (idempotent by event id and by document id), the events in hand
 * received in groups (`InGroups`: `GROUPS_AT_ONCE` at a time, never one document in both; each event
 * with the result it has alone) →
 * each message's fate, told to the bus, which acknowledges it only then (after the group's
 * writes). Every path returns a disposition; nothing here throws for bad input.
 */
export const documentEventHandler = (deps: DocumentEventHandlerDeps): MessageHandler => {
  const groups = new InGroups<ValidatedDocumentMessage & { readonly key: string }, ReceiveResult>(
    (messages) => deps.receive.run(messages),
    {
      maxGroup: deps.groupSize,
      concurrency: GROUPS_AT_ONCE,
      keyOf: (m) => m.key,
    },
  );
  return async (message: InboundMessage): Promise<Disposition> => {
    const decide = (disposition: Disposition, fields: Record<string, unknown> = {}): Disposition => {
      deps.metrics.messages.inc({ disposition: disposition.kind });
      // The message's fields in the line itself: a child logger per message costs more than the line (its bindings are redacted apart).
      const line = {
        messageId: message.messageId,
        routingKey: message.routingKey,
        retries: message.retries,
        ...fields,
        disposition: disposition.kind,
        ...('reason' in disposition ? { reason: disposition.reason } : {}),
      };
      if (disposition.kind === 'ack') deps.log.info(line, 'document event handled');
      else deps.log.warn(line, 'document event not handled');
      return disposition;
    };

    const json = readJson(message.body);
    if (!json.ok) return decide(notJson(json.detail));
    const event = parseValidatedEvent(json.value);
    if (event.isErr()) return decide(rejectedEvent(event.error));
    const { eventId, accountId, document } = event.value;
    // The document was read with its envelope: passed as read, not read again.
    const result = await groups.submit({ messageId: eventId, parsed: document, key: `${accountId}/${document.id}` });
    if (result.isOk() && result.value.kind === 'queued') deps.onQueued();
    const outcome = result.isOk() ? result.value.kind : result.error.kind;
    return decide(receiveDisposition(result), {
      eventId,
      accountId,
      documentId: (result.isOk() ? documentOf(result.value) : undefined) ?? document.id,
      outcome,
    });
  };
};
