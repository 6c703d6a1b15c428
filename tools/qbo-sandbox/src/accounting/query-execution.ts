// Running a parsed query over a company's entities, answering with QBO's QueryResponse shape.
import type { Company, EntityType, QboObject } from '../company/company.js';
import { entitiesOf, entityTypes } from '../company/company.js';
import { companyInfo, preferences } from './company-views.js';
import type { Outcome } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import type { Condition, QueryValue } from './query-language.js';
import { parseQuery } from './query-language.js';
import { isObject } from './qbo-fields.js';

const nameLists: readonly string[] = ['Customer', 'Item', 'Account', 'TaxCode', 'TaxRate'];
/** Page size when MAXRESULTS is omitted (UNCONFIRMED: 100) and the cap QBO documents (1000). */
const defaultPage = 100;
const maxPage = 1000;

const rowsOf = (company: Company, entity: string): { name: string; rows: QboObject[] } | undefined => {
  const lower = entity.toLowerCase();
  if (lower === 'companyinfo') return { name: 'CompanyInfo', rows: [companyInfo(company)] };
  if (lower === 'preferences') return { name: 'Preferences', rows: [preferences(company)] };
  const type = entityTypes.find((t) => t.toLowerCase() === lower);
  return type === undefined ? undefined : { name: type, rows: [...entitiesOf(company, type as EntityType).values()] };
};

/** Values at a dotted path, case-insensitive per segment, through arrays; a reference yields its `value`. */
const valuesAt = (o: unknown, path: readonly string[]): unknown[] => {
  if (path.length === 0) {
    if (isObject(o) && 'value' in o) return [o['value']];
    return Array.isArray(o) ? o : [o];
  }
  if (Array.isArray(o)) return o.flatMap((e) => valuesAt(e, path));
  if (!isObject(o)) return [];
  const [head = '', ...rest] = path;
  const key = Object.keys(o).find((k) => k.toLowerCase() === head.toLowerCase());
  return key === undefined ? [] : valuesAt(o[key], rest);
};

const datePattern = /^\d{4}-\d{2}-\d{2}/;
const compare = (a: unknown, b: QueryValue): number | undefined => {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const left = String(a).toLowerCase();
    const right = String(b).toLowerCase();
    return left === right ? 0 : left < right ? -1 : 1;
  }
  if (typeof a !== 'string' && typeof a !== 'number') return undefined;
  const an = Number(a);
  const bn = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(an) && Number.isFinite(bn)) return an === bn ? 0 : an < bn ? -1 : 1;
  const as = String(a);
  const bs = String(b);
  if (datePattern.test(as) && datePattern.test(bs)) {
    const ad = Date.parse(as);
    const bd = Date.parse(bs);
    if (Number.isFinite(ad) && Number.isFinite(bd)) return ad === bd ? 0 : ad < bd ? -1 : 1;
  }
  const al = as.toLowerCase();
  const bl = bs.toLowerCase();
  return al === bl ? 0 : al < bl ? -1 : 1;
};

const likeToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('%')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'is',
  );

const matches = (row: QboObject, c: Condition): boolean => {
  const values = valuesAt(row, c.field.split('.'));
  return values.some((v) => {
    switch (c.op) {
      case 'IN':
        return c.values.some((w) => compare(v, w) === 0);
      case 'LIKE':
        return typeof v === 'string' && likeToRegExp(String(c.values[0])).test(v);
      default: {
        const r = compare(v, c.values[0] ?? '');
        if (r === undefined) return false;
        return c.op === '=' ? r === 0 : c.op === '<' ? r < 0 : c.op === '>' ? r > 0 : c.op === '<=' ? r <= 0 : r >= 0;
      }
    }
  });
};

/**
 * Runs a query: name lists show only active entries unless the query names `Active`; rows are ordered by Id
 * unless ORDERBY says otherwise.
 * @returns ok(QueryResponse) — `{Customer:[…], startPosition, maxResults}`, `{}` when empty, `{totalCount}` for count(*)
 * @returns err 4000 if the text does not parse, 4001 if the entity is not queryable or paging is invalid
 */
export const runQuery = (company: Company, text: string): Outcome<QboObject> => {
  const parsed = parseQuery(text);
  if (!parsed.ok) return failure(parsed.error);
  const { query } = parsed;
  const source = rowsOf(company, query.entity);
  if (source === undefined) return failure(faults.queryValidation(`Entity ${query.entity} is not supported in a query.`));
  const startPosition = query.startPosition ?? 1;
  if (startPosition < 1) return failure(faults.queryValidation('STARTPOSITION must be 1 or more.'));
  const namesActive = query.where.some((c) => c.field.toLowerCase() === 'active');
  let rows = source.rows.filter((r) => query.where.every((c) => matches(r, c)));
  if (nameLists.includes(source.name) && !namesActive) rows = rows.filter((r) => r['Active'] !== false);
  if (query.count) return success({ totalCount: rows.length });
  const orderBy = query.orderBy.length > 0 ? query.orderBy : [{ field: 'Id', descending: false }];
  rows = [...rows].sort((a, b) => {
    for (const o of orderBy) {
      const av = valuesAt(a, o.field.split('.'))[0];
      const bv = valuesAt(b, o.field.split('.'))[0];
      const r =
        av === undefined
          ? bv === undefined
            ? 0
            : -1
          : bv === undefined
            ? 1
            : (compare(av, typeof bv === 'number' || typeof bv === 'boolean' ? bv : String(bv)) ?? 0);
      if (r !== 0) return o.descending ? -r : r;
    }
    return 0;
  });
  const page = Math.min(query.maxResults ?? defaultPage, maxPage);
  const selected = rows.slice(startPosition - 1, startPosition - 1 + page);
  return success(selected.length === 0 ? {} : { [source.name]: selected, startPosition, maxResults: selected.length });
};
