import { invoiceNumberOf } from '../policy/corrected-invoice.js';
import { err, ok, type Result } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import { MAX_BATCH_SIZE, type Accounting, type BatchOutcome } from '../ports/accounting.js';
import type { LeasedJob } from '../ports/sync-queue.js';
import type { QboTransactionPayload } from '../qbo/transaction-payload.js';
import type { SyncDocumentError, SyncDocumentOutcome } from '../sync/sync-outcome.js';
import type { PostedTransaction, SyncRecord, SyncRecordIn } from '../sync/sync-record.js';
import { declareIntent, nextWriteStep } from '../sync/write-protocol.js';
import type { SyncDocument, SyncDocumentPorts } from './sync-document.js';
import type { Attempt } from './sync-document/attempt.js';
import { chunksOf } from './sync-document/chunks.js';
import { CompanyProfiles } from './company-profiles.js';
import { CreateNameLists } from './sync-document/create-name-lists.js';
import { GatheredSettlements } from './sync-document/gathered-settlements.js';

/** One job's result, as `SyncDocument.run` answers it: `jobDisposition` turns it into the queue's call. */
export type JobResult = Result<SyncDocumentOutcome, SyncDocumentError>;

/** A job whose document is known absent from QBO (`pending`), with the company it goes to. */
interface ToPost {
  readonly index: number;
  readonly attempt: Attempt;
  readonly accounting: Accounting;
  readonly record: SyncRecordIn<'pending'>;
}

type Prepared = ToPost & { readonly payload: QboTransactionPayload };

/** An entry QBO left out of a batch's answer may have been created: an unknown outcome (looked up later, never sent again). */
const UNANSWERED: QboFailure = { kind: 'qbo.unavailable', status: 200 };

const postedOf = (answer: Result<readonly BatchOutcome[], QboFailure>, batchId: string): Result<PostedTransaction, QboFailure> => {
  if (answer.isErr()) return err(answer.error);
  const outcome = answer.value.find((o) => o.batchId === batchId);
  if (outcome === undefined) return err(UNANSWERED);
  return outcome.kind === 'posted' ? ok(outcome.transaction) : err(outcome.failure);
};

/**
 * The jobs of one lease (one realm, at most `MAX_JOBS_PER_LEASE`) run together, through the same
 * parts as `SyncDocument`, so the single path and the batch path cannot drift: `begin` (policy,
 * company, record), `PreparePayload`, the write protocol's steps in `WriteTransaction`, and
 * `AttemptOutcomes`. What differs is only how many requests the writes take:
 * - customers and services missing for several documents are created in batches (`CreateNameLists`);
 * - documents known absent from QBO each declare their intent (their sync record, saved) before the
 *   batch is sent, all with the batch's one `requestid`; then each entry's answer goes through
 *   `afterPosting` as a single post's does: posted → PDF; refused → failure; unanswered, or the whole
 *   request lost → unknown, looked up by number with ownership proof once the in-flight window passed;
 * - credit notes applied to their invoice at once (`firstSettlement`) send their Payments together,
 *   in one batch request per chunk (`GatheredSettlements`), each intent stored before it goes out;
 * - a document already under way (intent, uncertain, sent) resumes on the single path, and PDFs are
 *   uploaded one request each (QBO has no batch upload).
 * A lease of one job takes the single path: a batch of one would only spend the batch allowance.
 * A second job of a document already in the lease runs after the batch, on the single path.
 */
export class SyncBatch {
  private readonly names: CreateNameLists;

  constructor(
    private readonly ports: SyncDocumentPorts,
    private readonly single: SyncDocument,
  ) {
    this.names = new CreateNameLists(ports, new CompanyProfiles(ports));
  }

  /**
   * @param settled told each job's result as soon as it is known (its index in `jobs`), so the queue
   *   hears of a job while the lease's other PDFs are still on their way
   * @param written told once QBO answered a batch of the jobs' transactions (before their PDFs): the
   *   job loop may then begin the realm's next batch, whose preparation overlaps these PDFs
   * @returns each job's result, in the order of `jobs`
   */
  async run(
    jobs: readonly LeasedJob[],
    settled?: (index: number, result: JobResult) => void,
    written?: () => void,
  ): Promise<readonly JobResult[]> {
    if (jobs.length <= 1)
      return Promise.all(
        jobs.map(async ({ job, deliveries }, index) => {
          const result = await this.single.run(job, deliveries);
          settled?.(index, result);
          return result;
        }),
      );
    const results = new ResultsTold(settled);
    const later: number[] = [];
    const toPost: ToPost[] = [];
    const resumed: { index: number; attempt: Attempt; accounting: Accounting; record: SyncRecord }[] = [];
    const documents = new Set<string>();
    const first: number[] = [];
    for (const [index, { job }] of jobs.entries()) {
      const key = JSON.stringify([job.accountId, job.documentId]);
      if (documents.has(key)) later.push(index);
      else {
        documents.add(key);
        first.push(index);
      }
    }
    // The first job alone (it reads what every job of the realm shares: the company, its profile), then the others side by side.
    const begin = async (index: number): Promise<void> => {
      const { job, deliveries } = jobs[index] as LeasedJob;
      const begun = await this.single.begin(job, deliveries);
      if (begun.isErr()) results.set(index, err(begun.error));
      else if (begun.value.kind === 'ended') results.set(index, ok(begun.value.outcome));
      else {
        const { attempt, accounting, record } = begun.value;
        const step = nextWriteStep(record, this.ports.clock.now());
        if (step.kind === 'declare-intent') toPost.push({ index, attempt, accounting, record: step.record });
        else resumed.push({ index, attempt, accounting, record });
      }
    };
    await firstThenTogether(first, begin);
    toPost.sort((a, b) => a.index - b.index);
    await Promise.all(
      [...oneAfterAnother(resumed, (r) => r.attempt)].map(async (chain) => {
        for (const r of chain) results.set(r.index, await this.single.write.run(r.attempt, r.accounting, r.record));
      }),
    );
    for (const group of byCompany(toPost)) await this.postGroup(group, results, written);
    for (const index of later) {
      const { job, deliveries } = jobs[index] as LeasedJob;
      results.set(index, await this.single.run(job, deliveries));
    }
    return jobs.map((_, index) => results.get(index) as JobResult);
  }

  /** Documents of one company: their customers and services, their payloads, then their posts in batches. */
  private async postGroup(group: readonly ToPost[], results: Map<number, JobResult>, written?: () => void): Promise<void> {
    const first = group[0];
    if (first === undefined) return;
    const accounting = first.accounting;
    const named = await this.names.run(
      group.map((p) => p.attempt.doc),
      accounting,
    );
    if (named.isErr()) {
      for (const p of group) results.set(p.index, err(named.error));
      return;
    }
    // Side by side: the names are known by now (a name left to the one-by-one path and created twice
    // at once is refused as taken the second time, then looked up and adopted).
    const payloads = new Map<number, Prepared>();
    await firstThenTogether(group, async (p) => {
      const payload = await this.single.write.payloads.run(p.attempt.doc, accounting, invoiceNumberOf(p.attempt.correctedInvoice));
      if (payload.isOk()) payloads.set(p.index, { ...p, payload: payload.value });
      else results.set(p.index, await this.single.write.unprepared(p.attempt, accounting, payload.error));
    });
    const prepared = group.flatMap((p) => payloads.get(p.index) ?? []);
    for (const chunk of chunksOf(prepared, MAX_BATCH_SIZE)) await this.postChunk(accounting, chunk, results, written);
  }

  /**
   * Every intent is stored before the batch goes out, all with its one `requestid` (a crash in
   * between leaves intents: looked up later, never posted blindly); then each entry's answer settles
   * its document as a single post's answer would.
   */
  private async postChunk(
    accounting: Accounting,
    chunk: readonly Prepared[],
    results: Map<number, JobResult>,
    written?: () => void,
  ): Promise<void> {
    const { records, clock, ids } = this.ports;
    const requestId = ids.next();
    const saved = await Promise.all(chunk.map((p) => records.save(declareIntent(p.record, requestId, clock.now()))));
    const declared: (Prepared & { readonly intent: SyncRecordIn<'intent'>; readonly batchId: string })[] = [];
    for (const [i, p] of chunk.entries()) {
      const intent = saved[i] as (typeof saved)[number];
      if (intent.isErr()) results.set(p.index, err(intent.error));
      else declared.push({ ...p, intent: intent.value, batchId: `b${declared.length}` });
    }
    if (declared.length === 0) return;
    const answer = await accounting.postTransactions(
      declared.map((d) => ({ batchId: d.batchId, payload: d.payload })),
      requestId,
    );
    written?.();
    // Each entry goes on (its PDF, a credit note's settlement) side by side with the others, as far as
    // the realm's limiter lets them; credit notes of one invoice one after another (each reads what the
    // one before left of the invoice's balance). The first of each chain has a seat in the chunk's
    // gathered settlements: the credit notes' first Payments go in one request, not one each.
    const chains = [...oneAfterAnother(declared, (d) => d.attempt)];
    const settlements = new GatheredSettlements(accounting, ids.next(), chains.length);
    await Promise.all(
      chains.map(async (chain) => {
        for (const [i, d] of chain.entries()) {
          const seat = i === 0 ? settlements.seat() : undefined;
          try {
            results.set(d.index, await this.single.write.afterPosting(d.attempt, accounting, d.intent, postedOf(answer, d.batchId), seat));
          } finally {
            seat?.leave();
          }
        }
      }),
    );
  }
}

/** The results of a lease's jobs by index, each told as it is set. */
class ResultsTold extends Map<number, JobResult> {
  constructor(private readonly told: ((index: number, result: JobResult) => void) | undefined) {
    super();
  }

  override set(index: number, result: JobResult): this {
    super.set(index, result);
    this.told?.(index, result);
    return this;
  }
}

/** Jobs grouped by account (one lease is one realm, so normally one group), in their order. */
const byCompany = (jobs: readonly ToPost[]): readonly (readonly ToPost[])[] => {
  const groups = new Map<string, ToPost[]>();
  for (const j of jobs) {
    const key = JSON.stringify([j.attempt.doc.accountId, j.accounting.realmId]);
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  return [...groups.values()];
};

/** Runs `run` on the first item alone, then on the others side by side. */
const firstThenTogether = async <T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> => {
  const [head, ...rest] = items;
  if (head === undefined) return;
  await run(head);
  await Promise.all(rest.map(run));
};

/**
 * Items in chains that may run side by side: each alone, but the credit notes of one invoice in one
 * chain, in their order (their settlements must not both read the invoice's balance before either applies).
 */
const oneAfterAnother = <T>(items: readonly T[], attemptOf: (item: T) => Attempt): Iterable<readonly T[]> => {
  const chains = new Map<string, T[]>();
  for (const [i, item] of items.entries()) {
    const invoice = attemptOf(item).correctedInvoice;
    const key = invoice.kind === 'in-quickbooks' ? `invoice ${invoice.transaction.qboId}` : `item ${i}`;
    chains.set(key, [...(chains.get(key) ?? []), item]);
  }
  return chains.values();
};
