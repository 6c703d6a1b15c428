import type { BatchOutcome, CreditOutcome, NameListOutcome, QboCustomerRef, QboFailure, QboTransactionType } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';
import { faultOfBody } from './failure-from-answer.js';
import { readCustomerRef, readId, readPostedTransaction, unreadable } from './read-answers.js';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An entry QBO did not answer, or answered unreadably, may have been created: the write protocol treats this as an unknown outcome. */
const UNANSWERED: QboFailure = { kind: 'qbo.unavailable', status: 200 };

/**
 * `{"BatchItemResponse":[{"bId", "<Entity>":{…}} | {"bId","Fault":{…}}]}`: one answer per entry sent,
 * matched by `bId` (QBO gives no order).
 * @returns per batch id of `readers`: the entity read by its reader, the entry's fault, or `UNANSWERED`
 */
const readBatchItems = <T>(
  body: unknown,
  readers: ReadonlyMap<string, (item: Json) => Result<T, QboFailure>>,
  intuitTid?: string,
): Result<ReadonlyMap<string, Result<T, QboFailure>>, QboFailure> => {
  const tid = intuitTid === undefined ? {} : { intuitTid };
  const list = isJson(body) ? body['BatchItemResponse'] : undefined;
  if (!Array.isArray(list)) return err(unreadable('batch answer without BatchItemResponse'));
  const answers = new Map(list.filter(isJson).map((item) => [String(item['bId']), item]));
  const read = (batchId: string, reader: (item: Json) => Result<T, QboFailure>): Result<T, QboFailure> => {
    const item = answers.get(batchId);
    if (item === undefined) return err(UNANSWERED);
    const fault = faultOfBody(item);
    if (fault !== undefined) return err({ kind: 'qbo.fault', status: 200, errors: fault.errors, faultType: fault.faultType, ...tid });
    return reader(item).mapErr(() => UNANSWERED);
  };
  return ok(new Map([...readers].map(([batchId, reader]) => [batchId, read(batchId, reader)])));
};

/**
 * The transactions of a batch answer. An entry QBO did not answer may have been created: its failure
 * is `qbo.unavailable`, which the write protocol treats as an unknown outcome.
 * @returns the outcomes, one per entry of `types` (batch id → transaction type)
 */
export const readBatchOutcomes = (
  body: unknown,
  types: ReadonlyMap<string, QboTransactionType>,
  intuitTid?: string,
): Result<readonly BatchOutcome[], QboFailure> =>
  readBatchItems(
    body,
    new Map([...types].map(([batchId, type]) => [batchId, (item: Json) => readPostedTransaction(type, item[type])])),
    intuitTid,
  ).map((read) =>
    [...read].map(([batchId, r]): BatchOutcome =>
      r.isOk() ? { batchId, kind: 'posted', transaction: r.value } : { batchId, kind: 'failed', failure: r.error },
    ),
  );

/**
 * The customers and items of a batch answer (an item's `SyncToken` is read as QBO gives it, `'0'` if absent).
 * @returns the outcomes, one per entry of `kinds` (batch id → entity)
 */
export const readNameListOutcomes = (
  body: unknown,
  kinds: ReadonlyMap<string, 'customer' | 'service'>,
  intuitTid?: string,
): Result<readonly NameListOutcome[], QboFailure> => {
  const readItem = (item: Json): Result<QboCustomerRef, QboFailure> => readId(item, 'Item').map((qboId) => ({ qboId, syncToken: '0' }));
  const readers = new Map([...kinds].map(([batchId, kind]) => [batchId, kind === 'customer' ? readCustomerRef : readItem]));
  return readBatchItems(body, readers, intuitTid).map((read) =>
    [...read].map(([batchId, r]): NameListOutcome =>
      r.isOk() ? { batchId, kind: 'created', ref: r.value } : { batchId, kind: 'failed', failure: r.error },
    ),
  );
};

/**
 * The Payments of a batch answer (credit applications).
 * @returns the outcomes, one per batch id of `batchIds`
 */
export const readCreditOutcomes = (
  body: unknown,
  batchIds: readonly string[],
  intuitTid?: string,
): Result<readonly CreditOutcome[], QboFailure> =>
  readBatchItems(body, new Map(batchIds.map((batchId) => [batchId, (item: Json) => readId(item, 'Payment')])), intuitTid).map((read) =>
    [...read].map(([batchId, r]): CreditOutcome =>
      r.isOk() ? { batchId, kind: 'applied', paymentId: r.value } : { batchId, kind: 'failed', failure: r.error },
    ),
  );
