// GET /cdc?entities=…&changedSince=…: the entities changed since an instant, deleted ones included (QBO-API.md §8).
import type { Company, EntityType, QboObject } from '../company/company.js';
import { entitiesOf, entityTypes } from '../company/company.js';
import type { Outcome } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';

/** QBO-API.md §8: "looks back at most 30 days; at most 1000 objects per response". */
export const cdcLookBackDays = 30;
export const cdcMaxObjects = 1000;

/**
 * Reads `changedSince`: an ISO date-time with an offset, or a date (midnight UTC). A `+` of the offset arrives as a
 * space when a client does not encode it (node-quickbooks does not), so a space before the offset is read as `+`.
 * @returns ms since epoch, or undefined when not a date
 */
const readInstant = (text: string): number | undefined => {
  const restored = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (!/^\d{4}-\d{2}-\d{2}/.test(restored)) return undefined;
  const at = Date.parse(restored);
  return Number.isFinite(at) ? at : undefined;
};

/**
 * Answers a change data capture request for the company.
 * @returns ok({CDCResponse:[{QueryResponse:[{<Entity>:[…], startPosition, maxResults} | {} per entity asked]}]}) —
 *   current versions of changed entities and `{Id, status:"Deleted", domain, MetaData}` for deleted ones, oldest change
 *   first, at most 1000 objects in all
 * @returns err 2020 (entities, changedSince missing), 2060 (changedSince not a date), 4001 (an entity CDC does not
 *   serve, or changedSince more than 30 days ago — code UNCONFIRMED)
 */
export const changeDataCapture = (company: Company, entities: string | null, changedSince: string | null): Outcome<QboObject> => {
  if (entities === null || entities.trim() === '') return failure(faults.required('entities'));
  if (changedSince === null || changedSince.trim() === '') return failure(faults.required('changedSince'));
  const since = readInstant(changedSince);
  if (since === undefined) return failure(faults.invalidDate('changedSince', changedSince));
  if (since < company.now().getTime() - cdcLookBackDays * 86_400_000)
    return failure(faults.queryValidation(`changedSince must be within the last ${cdcLookBackDays} days.`));
  const asked: EntityType[] = [];
  for (const name of entities
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')) {
    const type = entityTypes.find((t) => t.toLowerCase() === name.toLowerCase());
    if (type === undefined) return failure(faults.queryValidation(`Entity ${name} is not supported by change data capture.`));
    if (!asked.includes(type)) asked.push(type);
  }
  // The last change of each entity since the instant, oldest first, cut at 1000 objects in all.
  const last = new Map<string, { type: EntityType; id: string; atMs: number }>();
  for (const change of company.changes) {
    if (change.atMs < since || !asked.includes(change.type)) continue;
    const key = `${change.type}\u0000${change.id}`;
    last.delete(key);
    last.set(key, change);
  }
  const kept = [...last.values()].sort((a, b) => a.atMs - b.atMs).slice(0, cdcMaxObjects);
  return success({
    CDCResponse: [
      {
        QueryResponse: asked.map((type) => {
          const rows = kept
            .filter((c) => c.type === type)
            .flatMap((c) => {
              const current = entitiesOf(company, type).get(c.id) ?? company.tombstones.get(type)?.get(c.id);
              return current === undefined ? [] : [current];
            });
          return rows.length === 0 ? {} : { [type]: rows, startPosition: 1, maxResults: rows.length };
        }),
      },
    ],
  });
};
