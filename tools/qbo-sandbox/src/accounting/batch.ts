// POST /batch: at most 30 independent items, each answered with its entity, QueryResponse or Fault (QBO-API.md §3).
import type { Company, QboObject } from '../company/company.js';
import { entityTypes } from '../company/company.js';
import type { WriteContext } from './entity-operations.js';
import { operationOf, writeEntity } from './entity-operations.js';
import type { Outcome } from './qbo-faults.js';
import { failure, faultObject, faults, success } from './qbo-faults.js';
import { isObject, stringAt } from './qbo-fields.js';
import { runQuery } from './query-execution.js';

export const maxBatchItems = 30;

const answerItem = (company: Company, item: QboObject, ctx: WriteContext): QboObject => {
  const bId = stringAt(item, 'bId');
  const head = bId === undefined ? {} : { bId };
  const query = stringAt(item, 'Query');
  if (query !== undefined) {
    const result = runQuery(company, query);
    return result.ok ? { ...head, QueryResponse: result.value } : { ...head, ...faultObject(result.errors) };
  }
  const type = entityTypes.find((t) => isObject(item[t]));
  if (type === undefined)
    return {
      ...head,
      ...faultObject([
        faults.unsupportedObject(
          Object.keys(item)
            .filter((k) => !['bId', 'operation', 'optionsData'].includes(k))
            .join(',') || '(none)',
        ),
      ]),
    };
  const body = item[type] as QboObject;
  const requested = stringAt(item, 'operation');
  // QBO-API.md §3: a void is requested as operation "update" with optionsData "void".
  const operation =
    requested?.toLowerCase() === 'update' && stringAt(item, 'optionsData')?.toLowerCase() === 'void'
      ? 'void'
      : operationOf(requested, body);
  if (operation === undefined) return { ...head, ...faultObject([faults.unsupportedOperation(String(requested))]) };
  const result = writeEntity(company, type, operation, body, ctx);
  return result.ok ? { ...head, [type]: result.value } : { ...head, ...faultObject(result.errors) };
};

/**
 * Runs a batch; each item stands alone (one item's fault never stops another).
 * @returns ok({BatchItemResponse:[…]}) with one answer per item, in request order
 * @returns err 1040 if more than 30 items are sent; 2020 if BatchItemRequest is missing
 */
export const runBatch = (company: Company, body: QboObject, ctx: WriteContext): Outcome<QboObject> => {
  const items = body['BatchItemRequest'];
  if (!Array.isArray(items)) return failure(faults.required('BatchItemRequest'));
  if (items.length > maxBatchItems) return failure(faults.batchTooLarge(items.length));
  return success({
    BatchItemResponse: items.map((item) =>
      isObject(item) ? answerItem(company, item, ctx) : faultObject([faults.malformedBody('A batch item must be an object.')]),
    ),
  });
};
