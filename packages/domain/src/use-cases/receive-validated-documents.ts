import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { describeParseIssues } from '../documents/parse-document.js';
import type { OgustineDocument } from '../documents/document.js';
import { decideMany, jobsOfDecided, recordOnce } from './decide-and-queue.js';
import type { DocumentReceipts } from '../ports/document-receipts.js';
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

export interface ReceiveValidatedDocumentsPorts extends ReceiveValidatedDocumentPorts {
  /** The group's writes together: its new documents, their jobs and their messages. */
  readonly receipts: DocumentReceipts;
}

/** A message's result settled by the group, or left to run alone after it. */
type Slot = ReceiveResult | 'alone';

/**
 * A group of billing-core messages received together (the worker's prefetch), each with the result
 * `ReceiveValidatedDocument` would give it alone, the group's reads and writes shared: the message
 * ids looked up in one read, the documents decided with their accounts' settings and sync records
 * read once, then the new documents recorded with their jobs and their message ids in one write
 * (`DocumentReceipts`: one transaction on SQL; a message id is never remembered before its
 * document and jobs, so a crash before means the redelivery redoes the idempotent work, never
 * skips it). A refused document's message is remembered after its refusal is in the history.
 *
 * What the group does not settle runs alone afterwards, one at a time, in the group's order: a
 * document already recorded before (its snapshot compared with the first), a second message for a
 * document or a message id already in the group. If the group fails as a whole (a store down, a row
 * a store refuses) each message runs alone, so that one message's trouble stays its own.
 */
export class ReceiveValidatedDocuments {
  private readonly alone: ReceiveValidatedDocument;

  constructor(private readonly ports: ReceiveValidatedDocumentsPorts) {
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
      // Decided before they are recorded (the decision reads the settings and sync records only), so
      // that each new document is written with its jobs and its message at once.
      const decisions = yield* decideMany(
        p,
        fresh.map((f) => f.doc),
        now,
      );
      const recorded = yield* p.receipts.recordAll(
        fresh.map((f, i) => ({
          document: f.doc,
          jobs: jobsOfDecided(p.ids, f.doc, decisions[i]),
          // A refusal goes in the history before its message is remembered.
          messageId: decisions[i]?.cause === null ? (messages[f.index]?.messageId ?? null) : null,
        })),
        now,
      );
      // Known before: its snapshot is compared with the first when it runs alone.
      const news = fresh.flatMap((f, i) => (recorded[i] === 'recorded' ? [{ ...f, decided: decisions[i] }] : []));
      const refused = news.flatMap((n) => (n.decided === undefined || n.decided.cause === null ? [] : [{ ...n, cause: n.decided.cause }]));
      for (const r of refused) yield* recordOnce(p.journal, r.doc, r.cause);
      if (refused.length > 0)
        yield* p.processed.rememberAll(
          refused.map((r) => messages[r.index]?.messageId ?? ''),
          now,
        );
      for (const n of news) if (n.decided !== undefined) slots[n.index] = ok(n.decided.outcome);
      return ok(slots);
    });
  }
}
