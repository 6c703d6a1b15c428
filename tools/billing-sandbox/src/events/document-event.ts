// The event the billing core publishes when it validates a document (`docs/events.md`).

export type DocumentEventType = 'invoice.validated' | 'credit_note.validated';

export interface DocumentEvent {
  /** The envelope's version: `docs/events.md` describes version 1. */
  readonly version: 1;
  readonly eventId: string;
  /** ISO 8601 UTC: when the document was validated. */
  readonly occurredAt: string;
  readonly accountId: string;
  readonly type: DocumentEventType;
  /** The document snapshot (`docs/document-message.md`), possibly malformed when asked for one. */
  readonly document: unknown;
}

/** Where the sandbox sends its events: RabbitMQ, a callback in the same process, or both. */
export interface EventPublisher {
  /** Resolves once the event is accepted (for RabbitMQ: confirmed by the broker). */
  publish(event: DocumentEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hands every event to a function in the same process (tests, an embedded install: the function
 * can publish the event's JSON bytes on the worker's in-process bus, routing key = type).
 */
export const callbackPublisher = (onEvent: (event: DocumentEvent) => void | Promise<void>): EventPublisher => ({
  publish: async (event) => {
    await onEvent(event);
  },
  close: () => Promise.resolve(),
});
