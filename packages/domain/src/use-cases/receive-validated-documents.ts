import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { describeParseIssues } from '../documents/parse-document.js';
import type { OgustineDocument } from '../documents/document.js';
import { decideAndQueueMany } from './decide-and-queue.js';
import {
  documentOfMessage,
  ReceiveValidatedDocument,
  type ReceiveError,
  type ReceiveOutcome,
  type ReceiveValidatedDocumentPorts,
  type ValidatedDocumentMessage,
} from './receive-validated-document.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

export type ReceiveResult = Result<ReceiveOutcome, ReceiveError>;

/** A message's result settled by the group, or left to run alone after it. */
type Slot = ReceiveResult | 'alone';

/**
 * A group of billing-core messages received together (the worker's prefetch), each with the result
 * `ReceiveValidatedDocument` would give it alone, the group's reads and writes shared: the message
 * ids looked up in one read, the new documents recorded in one write, decided with their accounts'
 * settings and sync records read once, queued in one call, the message ids remembered in one write
 * and last (a crash before means the redelivery redoes the idempotent work, never skips it).
 *
 * What the group does not settle runs alone afterwards, one at a time, in the group's order: a
 * document already recorded before (its snapshot compared with the first), a second message for a
 * document or a message id already in the group. If the group fails as a whole (a store down, a row
 * a store refuses) each message runs alone, so that one message's trouble stays its own.
 */
export class ReceiveValidatedDocuments {
  private readonly alone: ReceiveValidatedDocument;

  constructor(private readonly ports: ReceiveValidatedDocumentPorts) {
    this.alone = new ReceiveValidatedDocument(ports);
  }

  /** @returns one result per message, in the order given (as `ReceiveValidatedDocument.run`'s) */
  async run(messages: readonly ValidatedDocumentMessage[]): Promise<readonly ReceiveResult[]> {
    const together = messages.length <= 1 ? null : await this.together(messages);
    const slots: readonly Slot[] = together?.isOk() === true ? together.value : messages.map(() => 'alone');
    const results: ReceiveResult[] = [];
    for (const [i, slot] of slots.entries()) {
      const message = messages[i];
      if (message === undefined) continue;
      results.push(slot === 'alone' ? await this.alone.run(message) : slot);
    }
    return results;
  }

  private together(messages: readonly ValidatedDocumentMessage[]): ResultAsync<readonly Slot[], InfrastructureError> {
    const p = this.ports;
    return safeTry<readonly Slot[], InfrastructureError>(async function* (): Steps<readonly Slot[], InfrastructureError> {
      const known = yield* p.processed.knownAmong(messages.map((m) => m.messageId));
      const slots: Slot[] = [];
      const fresh: { readonly index: number; readonly doc: OgustineDocument }[] = [];
      const seenMessages = new Set<string>();
      const seenDocuments = new Set<string>();
      for (const [index, message] of messages.entries()) {
        if (known.has(message.messageId)) {
          slots.push(ok({ kind: 'duplicate-message' }));
          continue;
        }
        const parsed = documentOfMessage(message);
        const idSeen = seenMessages.has(message.messageId);
        if (parsed.isErr() && !idSeen) {
          slots.push(err({ kind: 'receive.invalid-document', issues: parsed.error, reason: describeParseIssues(parsed.error) }));
          continue;
        }
        // Whatever shares a message id or a document with a message before it runs after it, alone,
        // and so does whatever follows that shares one with it.
        const documentKey = parsed.isOk() ? JSON.stringify([parsed.value.accountId, parsed.value.id]) : null;
        const documentSeen = documentKey !== null && seenDocuments.has(documentKey);
        seenMessages.add(message.messageId);
        if (documentKey !== null) seenDocuments.add(documentKey);
        slots.push('alone'); // unless the group settles it below
        if (parsed.isOk() && !idSeen && !documentSeen) fresh.push({ index, doc: parsed.value });
      }
      const now = p.clock.now();
      const recorded = yield* p.documents.recordAll(
        fresh.map((f) => f.doc),
        now,
      );
      // Known before: its snapshot is compared with the first when it runs alone.
      const news = fresh.filter((_, i) => recorded[i] === 'recorded');
      const outcomes = yield* decideAndQueueMany(
        p,
        news.map((n) => n.doc),
        now,
      );
      yield* p.processed.rememberAll(
        news.map((n) => messages[n.index]?.messageId ?? ''),
        now,
      );
      for (const [i, n] of news.entries()) {
        const outcome = outcomes[i];
        if (outcome !== undefined) slots[n.index] = ok(outcome);
      }
      return ok(slots);
    });
  }
}
