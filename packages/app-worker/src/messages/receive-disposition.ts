import type { Disposition } from '@ogustine-qbo/adapters';
import type { EventRejection, ReceiveError, ReceiveOutcome } from '@ogustine-qbo/domain';
import { describeEventRejection } from '@ogustine-qbo/domain';
import type { Result } from 'neverthrow';

/** A message that is not even JSON: dead-lettered with this reason. */
export const notJson = (detail: string): Disposition => ({
  kind: 'dead-letter',
  reason: `invalid event: the body is not UTF-8 JSON (${detail})`,
});

/** An event the parser refused (malformed, unknown version): dead-lettered with every issue. */
export const rejectedEvent = (rejection: EventRejection): Disposition => ({
  kind: 'dead-letter',
  reason: describeEventRejection(rejection),
  issues: rejection.issues,
});

/**
 * What becomes of a message once `ReceiveValidatedDocument` ran, for every result it can give:
 * - recorded (queued, held, refused, already in QuickBooks) or already handled: acknowledged;
 * - the document is invalid: dead-lettered with its issues (paths under `document`);
 * - a store or the job queue did not answer: retried later (delayed retry queues);
 * - the error history refused (a transition, another account's document): a retry would repeat it: dead-lettered, for an operator.
 */
export const receiveDisposition = (result: Result<ReceiveOutcome, ReceiveError>): Disposition =>
  result.match(
    (): Disposition => ({ kind: 'ack' }),
    (error): Disposition => {
      switch (error.kind) {
        case 'receive.invalid-document':
          return rejectedEvent({
            kind: 'event.invalid',
            issues: error.issues.map((i) => ({ ...i, path: i.path === '' ? 'document' : `document.${i.path}` })),
          });
        case 'store.unavailable':
        case 'store.conflict':
        case 'queue.unavailable':
          return { kind: 'retry', reason: `${error.kind}: ${error.detail}` };
        case 'error-history.unknown-record':
        case 'error-history.invalid-transition':
        case 'error-history.account-mismatch':
          return { kind: 'dead-letter', reason: `${error.kind} for document ${error.documentId}` };
        case 'error-history.duplicate-id':
          return { kind: 'dead-letter', reason: `${error.kind}: ${error.id}` };
      }
    },
  );
