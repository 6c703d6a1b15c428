import type { BatchOutcome, QboFailure, QboTransactionType } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';
import { faultOfBody } from './failure-from-answer.js';
import { readPostedTransaction, unreadable } from './read-answers.js';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{"BatchItemResponse":[{"bId","Invoice":{…}} | {"bId","Fault":{…}}]}`: one outcome per entry sent,
 * matched by `bId` (QBO gives no order). An entry QBO did not answer may have been created: its
 * failure is `qbo.unavailable`, which the write protocol treats as an unknown outcome.
 * @returns the outcomes, one per entry of `types` (batch id → transaction type)
 */
export const readBatchOutcomes = (
  body: unknown,
  types: ReadonlyMap<string, QboTransactionType>,
  intuitTid?: string,
): Result<readonly BatchOutcome[], QboFailure> => {
  const tid = intuitTid === undefined ? {} : { intuitTid };
  const list = isJson(body) ? body['BatchItemResponse'] : undefined;
  if (!Array.isArray(list)) return err(unreadable('batch answer without BatchItemResponse'));
  const answers = new Map(list.filter(isJson).map((item) => [String(item['bId']), item]));
  return ok(
    [...types].map(([batchId, type]): BatchOutcome => {
      const item = answers.get(batchId);
      if (item === undefined) return { batchId, kind: 'failed', failure: { kind: 'qbo.unavailable', status: 200 } };
      const fault = faultOfBody(item);
      if (fault !== undefined) {
        return {
          batchId,
          kind: 'failed',
          failure: { kind: 'qbo.fault', status: 200, errors: fault.errors, faultType: fault.faultType, ...tid },
        };
      }
      const posted = readPostedTransaction(type, item[type]);
      return posted.isOk()
        ? { batchId, kind: 'posted', transaction: posted.value }
        : { batchId, kind: 'failed', failure: { kind: 'qbo.unavailable', status: 200 } };
    }),
  );
};
