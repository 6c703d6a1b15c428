import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { errAsync, ResultAsync } from 'neverthrow';
import { toDocumentWire } from '../documents/document-wire.js';
import type { DocumentKind, OgustineDocument } from '../documents/document.js';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { ErrorRecord } from '../errors/error-history.js';
import { jobDisposition } from '../policy/job-disposition.js';
import type { BatchEntry, BatchOutcome, CreditApplication, CreditEntry, CreditOutcome } from '../ports/accounting.js';
import type { QboId } from '../qbo/company-profile.js';
import type { LeasedJob, LeaseError, RealmLease } from '../ports/sync-queue.js';
import type { QboTransactionPayload } from '../qbo/transaction-payload.js';
import { transactionOf, type PostedTransaction } from '../sync/sync-record.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aCustomer, aDocument, aLine, aService } from '../testing/builders/document.js';
import type { InMemoryAccounting } from '../testing/fakes/in-memory-accounting.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';

const ACCOUNT = 'A1';
const REALM = '9130350000000001';

// ---- the documents of one run -----------------------------------------------------------------

/** What the policy makes of a document once the initial sync is launched (schedule from 2024-01-01). */
type Category = 'sendable' | 'before-sync-from' | 'number-too-long';

interface DocSpec {
  readonly category: Category;
  readonly kind: DocumentKind;
  readonly customer: number;
  readonly service: number;
  /** Received before the launch, so part of the initial sync (if sendable), rather than arriving by a command. */
  readonly beforeLaunch: boolean;
  /** A credit note corrects the sendable invoice before it picked by this (modulo their count), if there is one. */
  readonly corrects: number;
}

interface PoolDoc {
  readonly doc: OgustineDocument;
  readonly category: Category;
  readonly beforeLaunch: boolean;
  /** The `OGUSTINE_` number it has in QBO; for a number too long, the one a naive client would send. */
  readonly docNumber: string;
}

const CUSTOMERS = ['Jeanne Dupont', 'Paul Martin', 'Anaïs Lefèvre'];
const SERVICES = ['Ménage', 'Jardinage'];

const docSpecArb: fc.Arbitrary<DocSpec> = fc.record({
  category: fc.constantFrom<Category>('sendable', 'sendable', 'sendable', 'before-sync-from', 'number-too-long'),
  kind: fc.constantFrom<DocumentKind>('invoice', 'credit_note'),
  customer: fc.nat({ max: CUSTOMERS.length - 1 }),
  service: fc.nat({ max: SERVICES.length - 1 }),
  beforeLaunch: fc.boolean(),
  corrects: fc.nat({ max: 5 }),
});

const toPoolDoc = (spec: DocSpec, i: number, specs: readonly DocSpec[]): PoolDoc => {
  const day = String(i + 1).padStart(2, '0');
  const number =
    spec.category === 'before-sync-from'
      ? `2023-12-${day}`
      : spec.category === 'number-too-long'
        ? `2024-03-${day}-LONG`
        : `2024-03-${day}`;
  const createdAt = spec.category === 'before-sync-from' ? Date.UTC(2023, 11, i + 1, 9) : Date.UTC(2024, 2, i + 1, 9);
  const service = aService({ id: `S${spec.service}`, name: SERVICES[spec.service] ?? 'Ménage' });
  const corrected = correctedIndex(spec, i, specs);
  // A credit note is the customer's of the invoice it corrects.
  const customer = corrected === undefined ? spec.customer : (specs[corrected]?.customer ?? spec.customer);
  const doc = aDocument({
    id: `D${i + 1}`,
    accountId: ACCOUNT,
    kind: spec.kind,
    number,
    customer: aCustomer({ id: `C${customer}`, name: CUSTOMERS[customer] ?? 'Jeanne Dupont' }),
    lines: [aLine({ service })],
    createdAt,
    validatedAt: createdAt + 3_600_000,
    ...(corrected === undefined ? {} : { correctsInvoiceId: `D${corrected + 1}` }),
  });
  return { doc, category: spec.category, beforeLaunch: spec.beforeLaunch, docNumber: `OGUSTINE_${number}` };
};

/** The pool index of the sendable invoice a credit note corrects, so that its settlement (the Payment of 0) is exercised too. */
const correctedIndex = (spec: DocSpec, i: number, specs: readonly DocSpec[]): number | undefined => {
  // Only a sendable note: one dated before the sync-from day cannot correct a later invoice.
  if (spec.kind !== 'credit_note' || spec.category !== 'sendable') return undefined;
  const invoices = specs.flatMap((s, j) => (j < i && s.kind === 'invoice' && s.category === 'sendable' ? [j] : []));
  return invoices.length === 0 ? undefined : invoices[spec.corrects % invoices.length];
};

const poolArb: fc.Arbitrary<readonly PoolDoc[]> = fc
  .array(docSpecArb, { minLength: 1, maxLength: 6 })
  .map((specs) => specs.map((spec, i) => toPoolDoc(spec, i, specs)));

/**
 * Sendable invoices then a credit note of each, all before the launch: the notes share a lease once
 * their invoices are in QBO, and apply their credit in one batch of Payments.
 */
const settlementPoolArb: fc.Arbitrary<readonly PoolDoc[]> = fc.array(docSpecArb, { minLength: 2, maxLength: 3 }).map((specs) => {
  const all = [
    ...specs.map((s): DocSpec => ({ ...s, category: 'sendable', kind: 'invoice', beforeLaunch: true })),
    ...specs.map((s, i): DocSpec => ({ ...s, category: 'sendable', kind: 'credit_note', beforeLaunch: true, corrects: i })),
  ];
  return all.map((spec, i) => toPoolDoc(spec, i, all));
});

// ---- the system and its model -------------------------------------------------------------------

type FailureKind = 'fault-500' | 'unavailable-503' | 'timeout' | 'network';
type PostMishap = FailureKind | 'throttled' | 'commit-then-lose';
/**
 * What the next batch of transactions meets: its whole answer lost after QBO committed it, QBO
 * answering only its first entry (the others committed, unanswered), its first entry refused (not
 * written, the others posted), or the whole request failing without QBO acting.
 */
type BatchMishap = 'answer-lost' | 'answered-partly' | 'first-refused' | FailureKind | 'throttled';

const failureOf = (kind: FailureKind | 'throttled'): QboFailure => {
  switch (kind) {
    case 'fault-500':
      return {
        kind: 'qbo.fault',
        status: 500,
        faultType: 'SystemFault',
        errors: [
          { code: '10000', message: 'An application error has occurred while processing your request', detail: 'System Failure Error' },
        ],
      };
    case 'unavailable-503':
      return { kind: 'qbo.unavailable', status: 503 };
    case 'timeout':
      return { kind: 'qbo.timeout' };
    case 'network':
      return { kind: 'qbo.network' };
    case 'throttled':
      return { kind: 'qbo.throttled' };
  }
};

/** Thrown by the patched post to stop the worker dead, as a killed process would. */
class WorkerCrash extends Error {}

const WORKER = 'worker-1';

interface Real {
  readonly m: InMemoryModule;
  readonly qbo: InMemoryAccounting;
  readonly pool: readonly PoolDoc[];
  /** Set by the crash command: the next post kills the worker before it sends, or just after QBO committed. */
  crashAtPost: 'before-send' | 'after-send' | null;
  /** Set by the race command: before the next post goes out, a second worker runs this job to its end. */
  raceAtPost: LeasedJob | null;
  /** What the racing second worker's run returned, for the race command to acknowledge. */
  racerResult: Awaited<ReturnType<InMemoryModule['syncDocument']['run']>> | null;
  /**
   * Mishaps aimed at the next posts. The fake's knobs hit the next call of any kind, and a job's first
   * call (the profile read, or the look-up) always takes them, so they alone never reach a post.
   */
  readonly postMishaps: PostMishap[];
  /** Mishaps aimed at the next batch posts of transactions. */
  readonly batchMishaps: BatchMishap[];
  /** Set by the batch crash command: the next batch kills the worker before it is sent (intents stored), or just after QBO committed it. */
  crashAtBatch: 'before-send' | 'after-send' | null;
  /** Mishaps aimed at the next batch requests of Payments (a lease's credit notes applied together). */
  readonly settlementMishaps: BatchMishap[];
  /** Set by the settlements crash command: the next batch of Payments kills the worker before it is sent (intents stored), or just after QBO committed it. */
  crashAtSettlements: 'before-send' | 'after-send' | null;
  /**
   * Posts of a document QBO already held, under another `requestid` than the one that created it.
   * QBO refuses them here (6140), but one that accepts duplicate numbers would keep a second copy:
   * the write protocol must never rely on that refusal.
   */
  readonly resends: string[];
}

interface Model {
  /** Every message sent so far, redeliverable. */
  readonly messages: { readonly messageId: string; readonly index: number }[];
  /** Pool indexes whose document the module received at least once. */
  readonly received: Set<number>;
  /** Mishaps queued on the fake QBO (some may be used up already). */
  knobs: number;
  nextMessage: number;
  /** Each error record seen so far and how many state changes it had: the history never shrinks. */
  readonly seenErrors: Map<string, number>;
}

const unwrapOk = <T, E>(result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): E }, what: string): T => {
  if (!result.isOk()) throw new Error(`${what} failed: ${JSON.stringify(result._unsafeUnwrapErr())}`);
  return result._unsafeUnwrap();
};

/** Wraps the fake's post: the resend oracle, the crash switch and the aimed mishaps. Installed once per run. */
const instrumentPosts = (real: Real): void => {
  const { qbo } = real;
  const post = qbo.postTransaction.bind(qbo);
  const creatorOf = new Map<string, string>();
  instrumentBatches(real, creatorOf);
  instrumentSettlements(real);
  qbo.postTransaction = (payload: QboTransactionPayload, requestId: string): ResultAsync<PostedTransaction, QboFailure> => {
    const race = real.raceAtPost;
    real.raceAtPost = null;
    if (race !== null) {
      // The intent is stored, the post not yet sent: the second worker runs the same job to its end first.
      return new ResultAsync(
        (async () => {
          real.racerResult = await real.m.syncDocument.run(race.job, race.deliveries);
          return qbo.postTransaction(payload, requestId);
        })(),
      );
    }
    const crash = real.crashAtPost;
    real.crashAtPost = null;
    if (crash === 'before-send') throw new WorkerCrash('crashed after storing the intent, before sending');
    const mishap = real.postMishaps.shift();
    if (mishap !== undefined && mishap !== 'commit-then-lose') return errAsync(failureOf(mishap));
    const held = qbo.transactionsNumbered(payload.docNumber).length;
    const creator = creatorOf.get(payload.docNumber);
    if (held > 0 && creator !== requestId)
      real.resends.push(`${payload.docNumber} re-posted with ${requestId} (created by ${creator ?? '?'})`);
    // The fake acts synchronously within the call: what it holds right after is what this call did.
    const answer = post(payload, requestId);
    if (held === 0 && qbo.transactionsNumbered(payload.docNumber).length > 0) creatorOf.set(payload.docNumber, requestId);
    if (crash === 'after-send')
      return new ResultAsync(
        Promise.resolve(answer).then(() => Promise.reject(new WorkerCrash('crashed after QBO committed the post, before recording it'))),
      );
    return mishap === 'commit-then-lose' ? answer.andThen(() => errAsync<PostedTransaction, QboFailure>({ kind: 'qbo.timeout' })) : answer;
  };
};

const REFUSED_IN_BATCH: QboFailure = {
  kind: 'qbo.fault',
  status: 200,
  faultType: 'ValidationFault',
  errors: [{ code: '6000', message: 'A business validation error has occurred', detail: 'Business Validation Error' }],
};

/**
 * A batch request under the crash switch and an aimed mishap: the worker killed before it is sent or
 * after QBO committed it; the request failed without QBO acting; its first entry refused (not
 * written), answered for the others only, or the whole answer lost after QBO committed it.
 * @param send the fake's batch call for the entries actually sent
 */
const underMishap = <E extends { readonly batchId: string }, O extends { readonly batchId: string }>(
  real: Real,
  aimed: { readonly crash: 'before-send' | 'after-send' | null; readonly mishap: BatchMishap | undefined; readonly what: string },
  entries: readonly E[],
  send: (sent: readonly E[]) => ResultAsync<readonly O[], QboFailure>,
  refusal: (batchId: string) => O,
): ResultAsync<readonly O[], QboFailure> => {
  const { crash, mishap, what } = aimed;
  if (crash === 'before-send') throw new WorkerCrash(`crashed after storing the intents, before sending the ${what}`);
  if (mishap !== undefined && mishap !== 'answer-lost' && mishap !== 'answered-partly' && mishap !== 'first-refused')
    return errAsync(failureOf(mishap));
  const refused = mishap === 'first-refused' ? entries[0] : undefined;
  if (mishap === 'answered-partly') real.qbo.answerNextBatchPartly(1);
  const answer = send(entries.filter((e) => e !== refused)).map((outcomes): readonly O[] =>
    refused === undefined ? outcomes : [...outcomes, refusal(refused.batchId)],
  );
  if (crash === 'after-send')
    return new ResultAsync(
      Promise.resolve(answer).then(() => Promise.reject(new WorkerCrash(`crashed after QBO committed the ${what}, before recording them`))),
    );
  return mishap === 'answer-lost' ? answer.andThen(() => errAsync<readonly O[], QboFailure>({ kind: 'qbo.timeout' })) : answer;
};

/** Wraps the fake's batch post likewise: the resend oracle per entry, the crash switch and the aimed mishaps. */
const instrumentBatches = (real: Real, creatorOf: Map<string, string>): void => {
  const { qbo } = real;
  const postAll = qbo.postTransactions.bind(qbo);
  qbo.postTransactions = (entries: readonly BatchEntry[], requestId: string): ResultAsync<readonly BatchOutcome[], QboFailure> => {
    const crash = real.crashAtBatch;
    const aimed = { crash, mishap: crash === 'before-send' ? undefined : real.batchMishaps.shift(), what: 'transactions' };
    real.crashAtBatch = null;
    const post = (sent: readonly BatchEntry[]): ResultAsync<readonly BatchOutcome[], QboFailure> => {
      const held = new Map(sent.map((e) => [e.payload.docNumber, qbo.transactionsNumbered(e.payload.docNumber).length]));
      for (const e of sent) {
        const creator = creatorOf.get(e.payload.docNumber);
        if ((held.get(e.payload.docNumber) ?? 0) > 0 && creator !== requestId)
          real.resends.push(`${e.payload.docNumber} re-posted in batch ${requestId} (created by ${creator ?? '?'})`);
      }
      const answer = postAll(sent, requestId);
      for (const e of sent)
        if (held.get(e.payload.docNumber) === 0 && qbo.transactionsNumbered(e.payload.docNumber).length > 0)
          creatorOf.set(e.payload.docNumber, requestId);
      return answer;
    };
    return underMishap(real, aimed, entries, post, (batchId): BatchOutcome => ({ batchId, kind: 'failed', failure: REFUSED_IN_BATCH }));
  };
};

/**
 * Wraps the fake's Payments, alone and in batches: the resend oracle (QBO refuses an application
 * beyond either balance, so a Payment sent again for a credit memo the module already applied would
 * be refused here, and must never be sent: the protocol reads the balances instead), the crash
 * switch and the aimed mishaps.
 */
const instrumentSettlements = (real: Real): void => {
  const { qbo } = real;
  const applyOne = qbo.applyCredit.bind(qbo);
  const applyAll = qbo.applyCredits.bind(qbo);
  const resent = (application: CreditApplication, requestId: string): void => {
    if (qbo.creditApplicationsOf(application.creditMemoId).some((a) => !a.automatic))
      real.resends.push(`credit memo ${application.creditMemoId} applied again with ${requestId}`);
  };
  qbo.applyCredit = (application: CreditApplication, requestId: string): ResultAsync<QboId, QboFailure> => {
    resent(application, requestId);
    return applyOne(application, requestId);
  };
  qbo.applyCredits = (entries: readonly CreditEntry[], requestId: string): ResultAsync<readonly CreditOutcome[], QboFailure> => {
    for (const e of entries) resent(e.application, requestId);
    const crash = real.crashAtSettlements;
    const aimed = { crash, mishap: crash === 'before-send' ? undefined : real.settlementMishaps.shift(), what: 'Payments' };
    real.crashAtSettlements = null;
    return underMishap(
      real,
      aimed,
      entries,
      (sent) => applyAll(sent, requestId),
      (batchId): CreditOutcome => ({ batchId, kind: 'failed', failure: REFUSED_IN_BATCH }),
    );
  };
};

const setUp = async (pool: readonly PoolDoc[]): Promise<{ model: Model; real: Real }> => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
  const model: Model = { messages: [], received: new Set(), knobs: 0, nextMessage: 0, seenErrors: new Map() };
  for (const [index, p] of pool.entries()) {
    if (!p.beforeLaunch) continue;
    const messageId = `init-${p.doc.id}`;
    unwrapOk(await m.receiveValidatedDocument.run({ messageId, document: toDocumentWire(p.doc) }), 'receive before launch');
    model.messages.push({ messageId, index });
    model.received.add(index);
  }
  await m.connect(ACCOUNT, REALM);
  unwrapOk(await m.launchInitialSync.run(ACCOUNT), 'launch');
  const real: Real = {
    m,
    qbo,
    pool,
    crashAtPost: null,
    raceAtPost: null,
    racerResult: null,
    postMishaps: [],
    batchMishaps: [],
    crashAtBatch: null,
    settlementMishaps: [],
    crashAtSettlements: null,
    resends: [],
  };
  instrumentPosts(real);
  return { model, real };
};

// ---- invariants -----------------------------------------------------------------------------------

/** (a) at most once in QBO, and what the module believes is in QBO is there; (c) the error history never shrinks. */
const checkInvariants = async (model: Model, real: Real): Promise<void> => {
  const { m, qbo, pool } = real;
  for (const p of pool) {
    const held = qbo.transactionsNumbered(p.docNumber);
    expect(held.length, `${p.doc.id} (${p.docNumber}) is in QBO ${held.length} times`).toBeLessThanOrEqual(1);
    if (p.category !== 'sendable') expect(held, `${p.doc.id} (${p.category}) must never reach QBO`).toHaveLength(0);
    const record = unwrapOk(await m.records.get(ACCOUNT, p.doc.id), 'records.get');
    const believed = record === null ? null : transactionOf(record);
    if (believed !== null)
      expect(
        held.map((t) => t.qboId),
        `${p.doc.id}: the record points at what QBO holds`,
      ).toEqual([believed.qboId]);
  }
  expect(real.resends, 'the write protocol sent again a document or a Payment QBO already held').toEqual([]);
  for (const p of pool) {
    if (p.doc.kind !== 'credit_note') continue;
    for (const note of qbo.transactionsNumbered(p.docNumber)) {
      const ours = qbo.creditApplicationsOf(note.qboId).filter((a) => !a.automatic);
      expect(ours.length, `${p.doc.id}: the module applied its credit memo ${ours.length} times`).toBeLessThanOrEqual(1);
    }
  }
  const records = m.errorStore.allRecords(ACCOUNT);
  const now = new Map(records.map((r): [string, ErrorRecord] => [r.id, r]));
  for (const [id, changes] of model.seenErrors) {
    const record = now.get(id);
    expect(record, `error record ${id} disappeared from the history`).toBeDefined();
    expect(record?.history.length ?? 0, `error record ${id} lost state changes`).toBeGreaterThanOrEqual(changes);
  }
  for (const r of records) model.seenErrors.set(r.id, r.history.length);
};

// ---- the worker, one job at a time ----------------------------------------------------------------

/** A job taken by the worker, with the lease of its realm. */
type Taken = LeasedJob & { readonly lease: RealmLease };

/** Takes the next due job (one per lease), moving the clock to the next due time when none is due, as the worker would. */
const takeDue = async (m: InMemoryModule): Promise<Taken | null> => {
  const lease =
    unwrapOk(await m.queue.take(WORKER, m.clock.now()), 'queue.take') ??
    (await (async () => {
      const next = unwrapOk(await m.queue.nextDueAt(), 'queue.nextDueAt');
      if (next === null) return null;
      m.clock.set(Math.max(next, m.clock.now()));
      return unwrapOk(await m.queue.take(WORKER, m.clock.now()), 'queue.take');
    })());
  const first = lease?.jobs[0];
  return lease === null || first === undefined ? null : { ...first, lease };
};

/**
 * What the worker does with a job's result (as `InMemoryModule.drain`), then it releases the realm.
 * A lease lost meanwhile (the job already acknowledged by the other run) leaves nothing to do.
 */
const acknowledge = async (
  m: InMemoryModule,
  taken: Taken,
  result: Awaited<ReturnType<InMemoryModule['syncDocument']['run']>>,
  release = true,
): Promise<void> => {
  if (result.isErr() && result.error.kind === 'sync.document-unknown')
    throw new Error(`a job for an unknown document: ${taken.job.documentId}`);
  const { lease, job } = taken;
  const disposition = jobDisposition(result, m.clock.now());
  const settle = async (call: ResultAsync<void, LeaseError>): Promise<void> => {
    const settled = await call;
    if (settled.isErr() && settled.error.kind !== 'queue.lease-lost') throw new Error(`queue: ${settled.error.kind}`);
  };
  if (disposition.kind === 'complete') await settle(m.queue.complete(lease, job.jobId));
  else if (disposition.kind === 'retry-at') await settle(m.queue.retryLater(lease, job.jobId, disposition.at));
  else await settle(m.queue.deadLetter(lease, job.jobId, disposition.reason));
  if (release) await settle(m.queue.release(lease));
};

// ---- commands -------------------------------------------------------------------------------------

type Cmd = fc.AsyncCommand<Model, Real>;

const sendableOutcomes = ['queued', 'already-in-quickbooks'];

/** A validated document's message arrives, with a message id never seen before. */
class ReceiveNew implements Cmd {
  constructor(readonly index: number) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const index = this.index % real.pool.length;
    const p = real.pool[index] as PoolDoc;
    const messageId = `msg-${model.nextMessage}`;
    model.nextMessage += 1;
    const outcome = unwrapOk(await real.m.receiveValidatedDocument.run({ messageId, document: toDocumentWire(p.doc) }), 'receive');
    model.messages.push({ messageId, index });
    model.received.add(index);
    if (p.category === 'sendable') expect(sendableOutcomes).toContain(outcome.kind);
    else expect(outcome).toMatchObject({ kind: 'not-queued', decision: { kind: p.category === 'before-sync-from' ? 'hold' : 'refuse' } });
    await checkInvariants(model, real);
  }
  toString = (): string => `receive(D${this.index + 1}, new message)`;
}

/** The broker redelivers a message already handled: same message id. */
class Redeliver implements Cmd {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>): boolean => model.messages.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const message = model.messages[this.pick % model.messages.length] as Model['messages'][number];
    const p = real.pool[message.index] as PoolDoc;
    const outcome = unwrapOk(
      await real.m.receiveValidatedDocument.run({ messageId: message.messageId, document: toDocumentWire(p.doc) }),
      'redelivery',
    );
    expect(outcome.kind).toBe('duplicate-message');
    await checkInvariants(model, real);
  }
  toString = (): string => `redeliver(message #${this.pick})`;
}

/** The worker runs the next due job. */
class RunNext implements Cmd {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const leased = await takeDue(real.m);
    if (leased !== null) await acknowledge(real.m, leased, await real.m.syncDocument.run(leased.job, leased.deliveries));
    await checkInvariants(model, real);
  }
  toString = (): string => 'runNext';
}

/** The same job is delivered twice (two workers, or a redelivery racing the first): both run it, both acknowledge. */
class RunTwice implements Cmd {
  constructor(readonly concurrently: boolean) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const { m } = real;
    const leased = await takeDue(m);
    if (leased !== null) {
      const results = this.concurrently
        ? await Promise.all([m.syncDocument.run(leased.job, leased.deliveries), m.syncDocument.run(leased.job, leased.deliveries)])
        : [await m.syncDocument.run(leased.job, leased.deliveries), await m.syncDocument.run(leased.job, leased.deliveries)];
      // Acknowledged in turn: once the first completes the job, the second acknowledgement finds nothing.
      for (const result of results) await acknowledge(m, leased, result);
    }
    await checkInvariants(model, real);
  }
  toString = (): string => `runTwice(${this.concurrently ? 'concurrently' : 'one after the other'})`;
}

/**
 * Two workers on one job, the worst moment: the second runs it from start to end after the first
 * stored its intent and before its post goes out. Both acknowledge, the first first.
 */
class RaceAtPost implements Cmd {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const { m } = real;
    const leased = await takeDue(m);
    if (leased !== null) {
      real.raceAtPost = leased;
      real.racerResult = null;
      let first: Awaited<ReturnType<InMemoryModule['syncDocument']['run']>>;
      try {
        first = await m.syncDocument.run(leased.job, leased.deliveries);
      } finally {
        real.raceAtPost = null;
      }
      await acknowledge(m, leased, first);
      if (real.racerResult !== null) await acknowledge(m, leased, real.racerResult);
    }
    await checkInvariants(model, real);
  }
  toString = (): string => 'raceAtPost';
}

/** QBO carries out its next call but the answer is lost (timeout). */
class LoseNextAnswer implements Cmd {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    real.qbo.commitThenLose();
    model.knobs += 1;
    await checkInvariants(model, real);
  }
  toString = (): string => 'qbo.commitThenLose';
}

/** QBO's next call fails without acting: a 5xx, a timeout, a broken connection. */
class FailNext implements Cmd {
  constructor(readonly failure: FailureKind) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    real.qbo.failNext(failureOf(this.failure));
    model.knobs += 1;
    await checkInvariants(model, real);
  }
  toString = (): string => `qbo.failNext(${this.failure})`;
}

/** The next post meets a mishap: its answer is lost after QBO committed it, or it fails without acting. */
class PostMishapNext implements Cmd {
  constructor(readonly mishap: PostMishap) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    real.postMishaps.push(this.mishap);
    await checkInvariants(model, real);
  }
  toString = (): string => `nextPost(${this.mishap})`;
}

/** QBO throttles its next calls (429). */
class Throttle implements Cmd {
  constructor(readonly calls: number) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    real.qbo.throttleNext(this.calls);
    model.knobs += this.calls;
    await checkInvariants(model, real);
  }
  toString = (): string => `qbo.throttleNext(${this.calls})`;
}

/**
 * The worker dies during a job: at the post, before sending (the intent is stored) or just after QBO
 * committed (nothing recorded of the answer); a job that does not reach a post dies after running,
 * before its acknowledgement. The restart: the durable queue hands the unacknowledged job out again
 * (`abandonLeases`, the lease of the dead worker expiring), and the job resumes from the stored record.
 */
class Crash implements Cmd {
  constructor(readonly when: 'before-send' | 'after-send') {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const { m } = real;
    const leased = await takeDue(m);
    if (leased !== null) {
      real.crashAtPost = this.when;
      try {
        await m.syncDocument.run(leased.job, leased.deliveries);
      } catch (e) {
        if (!(e instanceof WorkerCrash)) throw e;
      } finally {
        real.crashAtPost = null;
      }
      m.queue.abandonLeases();
    }
    await checkInvariants(model, real);
  }
  toString = (): string => `crash(${this.when})`;
}

/** *Resynchroniser cet élément* on one document. */
class ResyncOne implements Cmd {
  constructor(readonly index: number) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const p = real.pool[this.index % real.pool.length] as PoolDoc;
    const resynced = unwrapOk(await real.m.resyncDocument.run(ACCOUNT, p.doc.id), 'resync one');
    const record = unwrapOk(await real.m.records.get(ACCOUNT, p.doc.id), 'records.get');
    // A document QBO may hold without the module knowing (intent, uncertain) is queued again: its job looks it up first.
    if (resynced.queued.includes(p.doc.id))
      expect(record === null ? null : transactionOf(record), 'resync queued a document the module knows is in QBO').toBeNull();
    await checkInvariants(model, real);
  }
  toString = (): string => `resyncOne(D${this.index + 1})`;
}

/** A relaunched synchronisation: every document with an open error, or a chosen few. */
class ResyncMany implements Cmd {
  constructor(readonly which: readonly number[] | 'all-open') {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const ids = this.which === 'all-open' ? [] : [...new Set(this.which.map((i) => (real.pool[i % real.pool.length] as PoolDoc).doc.id))];
    unwrapOk(
      await real.m.resyncMany.run(ACCOUNT, this.which === 'all-open' ? { kind: 'all-open' } : { kind: 'documents', documentIds: ids }),
      'resync many',
    );
    await checkInvariants(model, real);
  }
  toString = (): string => `resyncMany(${this.which === 'all-open' ? 'all open' : this.which.map((i) => `#${i}`).join(',')})`;
}

/** Takes the next due lease whole, as the worker does, moving the clock to the next due time when none is due. */
const takeLease = async (m: InMemoryModule): Promise<RealmLease | null> => {
  const now = unwrapOk(await m.queue.take(WORKER, m.clock.now()), 'queue.take');
  if (now !== null) return now;
  const next = unwrapOk(await m.queue.nextDueAt(), 'queue.nextDueAt');
  if (next === null) return null;
  m.clock.set(Math.max(next, m.clock.now()));
  return unwrapOk(await m.queue.take(WORKER, m.clock.now()), 'queue.take');
};

/** The worker runs the next lease's jobs together (`SyncBatch`) and tells each job's fate, then releases the realm. */
class RunBatch implements Cmd {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const { m } = real;
    const lease = await takeLease(m);
    if (lease !== null) {
      const results = await m.syncBatch.run(lease.jobs);
      for (const [i, leased] of lease.jobs.entries()) {
        const result = results[i];
        if (result === undefined) throw new Error('a job of the batch without a result');
        await acknowledge(m, { ...leased, lease }, result, false);
      }
      await m.queue.release(lease);
    }
    await checkInvariants(model, real);
  }
  toString = (): string => 'runBatch';
}

/** What a batch command aims at: the lease's batch of transactions, or its batch of Payments (its credit notes applied together). */
type BatchTarget = 'transactions' | 'Payments';

/** The next batch of transactions, or of Payments, meets a mishap (its answer lost, answered partly, an entry refused, the request failed). */
class BatchMishapNext implements Cmd {
  constructor(
    readonly mishap: BatchMishap,
    readonly target: BatchTarget = 'transactions',
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    (this.target === 'transactions' ? real.batchMishaps : real.settlementMishaps).push(this.mishap);
    await checkInvariants(model, real);
  }
  toString = (): string => `next${this.target === 'transactions' ? 'Batch' : 'Payments'}(${this.mishap})`;
}

/**
 * The worker dies during a batch (of transactions, or of Payments): after storing every intent, before
 * the batch is sent; or just after QBO committed it, before any answer is recorded. The restart hands
 * the lease's jobs out again.
 */
class CrashBatch implements Cmd {
  constructor(
    readonly when: 'before-send' | 'after-send',
    readonly target: BatchTarget = 'transactions',
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const { m } = real;
    const lease = await takeLease(m);
    if (lease !== null) {
      if (this.target === 'transactions') real.crashAtBatch = this.when;
      else real.crashAtSettlements = this.when;
      try {
        await m.syncBatch.run(lease.jobs);
      } catch (e) {
        if (!(e instanceof WorkerCrash)) throw e;
      } finally {
        real.crashAtBatch = null;
        real.crashAtSettlements = null;
      }
      m.queue.abandonLeases();
    }
    await checkInvariants(model, real);
  }
  toString = (): string => `crashBatch(${this.target}, ${this.when})`;
}

const index = fc.nat({ max: 5 });
const settlementMishapArb = fc
  .constantFrom<BatchMishap>('answer-lost', 'answered-partly', 'first-refused', 'timeout', 'fault-500', 'throttled')
  .map((f): Cmd => new BatchMishapNext(f, 'Payments'));
const settlementCrashArb = fc.constantFrom('before-send' as const, 'after-send' as const).map((w): Cmd => new CrashBatch(w, 'Payments'));
const commandArbs: fc.Arbitrary<Cmd>[] = [
  index.map((i) => new ReceiveNew(i)),
  fc.nat({ max: 20 }).map((k) => new Redeliver(k)),
  fc.constant(new RunNext()),
  fc.constant(new RunNext()),
  fc.constant(new RunNext()),
  fc.constant(new RunBatch()),
  fc.constant(new RunBatch()),
  fc.constant(new RunBatch()),
  fc.constantFrom<BatchMishap>('answer-lost', 'answered-partly', 'first-refused').map((f) => new BatchMishapNext(f)),
  fc
    .constantFrom<BatchMishap>('answer-lost', 'answered-partly', 'first-refused', 'timeout', 'fault-500', 'throttled')
    .map((f) => new BatchMishapNext(f)),
  fc.constantFrom('before-send' as const, 'after-send' as const).map((w) => new CrashBatch(w)),
  settlementMishapArb,
  settlementCrashArb,
  fc.boolean().map((c) => new RunTwice(c)),
  fc.constant(new RaceAtPost()),
  fc.constant(new LoseNextAnswer()),
  fc.constant(new LoseNextAnswer()),
  fc.constantFrom<FailureKind>('fault-500', 'unavailable-503', 'timeout', 'network').map((f) => new FailNext(f)),
  fc.constant(new PostMishapNext('commit-then-lose')),
  fc
    .constantFrom<PostMishap>('commit-then-lose', 'fault-500', 'unavailable-503', 'timeout', 'network', 'throttled')
    .map((f) => new PostMishapNext(f)),
  fc.integer({ min: 1, max: 2 }).map((n) => new Throttle(n)),
  fc.constantFrom('before-send' as const, 'after-send' as const).map((w) => new Crash(w)),
  index.map((i) => new ResyncOne(i)),
  fc.oneof(fc.constant('all-open' as const), fc.array(index, { minLength: 1, maxLength: 3 })).map((w) => new ResyncMany(w)),
];

/** Around the batches of Payments: the leases run in batches, with mishaps and crashes aimed at the Payments and at any call. */
const settlementCommandArbs: fc.Arbitrary<Cmd>[] = [
  fc.constant(new RunBatch()),
  fc.constant(new RunBatch()),
  fc.constant(new RunBatch()),
  settlementMishapArb,
  settlementMishapArb,
  settlementCrashArb,
  fc.constant(new RunNext()),
  fc.constant(new LoseNextAnswer()),
  fc.constantFrom<FailureKind>('fault-500', 'unavailable-503', 'timeout', 'network').map((f) => new FailNext(f)),
];

// ---- once failures stop ---------------------------------------------------------------------------

/** (b) No more mishaps, the worker drains, failed documents are resynchronised: each document ends in QBO once, or visibly held or refused. */
const settleAndCheck = async (model: Model, real: Real): Promise<void> => {
  const { m, qbo, pool } = real;
  // The fake has no knob to cancel queued mishaps: throwaway reads use up whatever is left.
  for (let i = 0; i < model.knobs; i += 1) await qbo.findTransactionByDocNumber('Invoice', 'OGUSTINE_FLUSH');
  real.postMishaps.length = 0;
  real.batchMishaps.length = 0;
  real.settlementMishaps.length = 0;
  m.queue.abandonLeases();
  await m.drain();
  unwrapOk(await m.resyncMany.run(ACCOUNT, { kind: 'all-open' }), 'final resync');
  await m.drain();
  await checkInvariants(model, real);
  expect(m.queue.jobs(), 'jobs left once failures stopped').toEqual([]);
  expect(m.queue.deadLetters).toEqual([]);
  const history = { records: new Map(m.errorStore.allRecords(ACCOUNT).map((r) => [r.id, r])) };
  for (const [i, p] of pool.entries()) {
    const id = p.doc.id;
    const inQbo = qbo.transactionsNumbered(p.docNumber);
    if (!model.received.has(i)) {
      expect(inQbo, `${id} was never received`).toHaveLength(0);
      continue;
    }
    const status = unwrapOk(await m.getDocumentSyncStatus.run(ACCOUNT, id), 'status');
    const errorsOf = [...history.records.values()].filter((r) => r.documentId === id);
    switch (p.category) {
      case 'sendable':
        expect(inQbo, `${id} must be in QBO exactly once`).toHaveLength(1);
        expect(status).toMatchObject({ kind: 'status.sent', docNumber: p.docNumber, pdfPending: false });
        expect(qbo.attachmentsOf(inQbo[0]?.qboId ?? '').length, `${id} has its PDF`).toBeGreaterThanOrEqual(1);
        expect(
          errorsOf.filter((r) => r.state !== 'resolved'),
          `${id} is in QBO: its errors are resolved`,
        ).toEqual([]);
        break;
      case 'before-sync-from':
        expect(inQbo).toHaveLength(0);
        expect(status).toMatchObject({ kind: 'status.held', hold: { kind: 'hold.created-before-sync-from' } });
        break;
      case 'number-too-long':
        expect(inQbo).toHaveLength(0);
        expect(status).toMatchObject({ kind: 'status.refused', reason: { kind: 'refusal.number-not-representable' } });
        expect(errorsOf.length, `${id} is refused visibly in the error history`).toBeGreaterThanOrEqual(1);
        break;
    }
  }
};

describe('no duplicates in QBO, nothing lost (model-based)', () => {
  test.prop([poolArb.chain((pool) => fc.tuple(fc.constant(pool), fc.commands(commandArbs, { maxCommands: 20 })))])(
    'whatever the sequence of failures, lost responses, crashes and redeliveries, one job at a time or in batches, each document appears in QBO at most once, and once failures stop, exactly once',
    async ([pool, commands]) => {
      const { model, real } = await setUp(pool);
      await fc.asyncModelRun(() => ({ model, real }), commands);
      await settleAndCheck(model, real);
    },
  );
  test.prop([settlementPoolArb, fc.commands(settlementCommandArbs, { maxCommands: 12 })])(
    'whatever befalls the batch of Payments of credit notes sent together (answer lost, partly answered, refused, failed, a crash), no credit memo is applied twice, and once failures stop each note is in QBO exactly once',
    async (pool, commands) => {
      const { model, real } = await setUp(pool);
      await fc.asyncModelRun(() => ({ model, real }), commands);
      await settleAndCheck(model, real);
      for (const p of pool.filter((d) => d.doc.kind === 'credit_note')) {
        const [note] = real.qbo.transactionsNumbered(p.docNumber);
        expect(real.qbo.creditApplicationsOf(note?.qboId ?? ''), `${p.doc.id} is applied to its invoice once`).toEqual([
          expect.objectContaining({ amount: note?.totalAmount, automatic: false }),
        ]);
      }
    },
  );
});
