import type { Disposition, InboundMessage, MessageHandler } from '@ogustine-qbo/adapters';
import { parseValidatedEvent, type ReceiveOutcome, type ReceiveValidatedDocument } from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/metrics.js';
import { OneAtATime } from './one-at-a-time.js';
import { notJson, receiveDisposition, rejectedEvent } from './receive-disposition.js';

export interface DocumentEventHandlerDeps {
  readonly receive: Pick<ReceiveValidatedDocument, 'run'>;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  /** Called when a document was queued: the job loop wakes at once instead of at its next look. */
  readonly onQueued: () => void;
}

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
 * `ReceiveValidatedDocument` (idempotent by event id and by document id) → the message's fate.
 * Every path returns a disposition; nothing here throws for bad input.
 */
export const documentEventHandler = (deps: DocumentEventHandlerDeps): MessageHandler => {
  const perDocument = new OneAtATime();
  return async (message: InboundMessage): Promise<Disposition> => {
    const log = deps.log.child({ messageId: message.messageId, routingKey: message.routingKey, retries: message.retries });
    const decide = (disposition: Disposition, fields: Record<string, unknown> = {}): Disposition => {
      deps.metrics.messages.inc({ disposition: disposition.kind });
      const line = { ...fields, disposition: disposition.kind, ...('reason' in disposition ? { reason: disposition.reason } : {}) };
      if (disposition.kind === 'ack') log.info(line, 'document event handled');
      else log.warn(line, 'document event not handled');
      return disposition;
    };

    const json = readJson(message.body);
    if (!json.ok) return decide(notJson(json.detail));
    const event = parseValidatedEvent(json.value);
    if (event.isErr()) return decide(rejectedEvent(event.error));
    const { eventId, accountId, document } = event.value;
    const result = await perDocument.run(`${accountId}/${document.id}`, () =>
      deps.receive.run({ messageId: eventId, document: event.value.documentWire }),
    );
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
