// All the validated documents of one account, in validation order: the seeded ones (lazy) and those
// added later (emitted, or given by a test, kept as sent, even unreadable). Serves pages by cursor.
import { localDay } from '../documents/local-day.js';
import type { AccountSpec } from '../seed/account-spec.js';
import { comparePositions, type Position } from './cursor.js';
import { SeededHistory } from './seeded-history.js';

/** A document added after the seed: kept exactly as given. */
interface AddedDocument extends Position {
  readonly createdAt: number | null;
  readonly body: unknown;
}

export interface HistoryPage {
  readonly documents: readonly unknown[];
  /** The last document served, when more follow. */
  readonly next: Position | null;
}

const field = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null && Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;

const moment = (value: unknown): number | null => {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** The first n in [0, count) for which `holds` is true, `holds` being false then true along n. */
const firstWhere = (count: number, holds: (n: number) => boolean): number => {
  let [low, high] = [0, count];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
};

export class AccountHistory {
  readonly seeded: SeededHistory;
  private readonly added: AddedDocument[] = [];
  private readonly addedById = new Map<string, AddedDocument>();

  constructor(
    seed: number,
    readonly spec: AccountSpec,
  ) {
    this.seeded = new SeededHistory(seed, spec);
  }

  get size(): number {
    return this.seeded.count + this.added.length;
  }

  /**
   * Adds a validated document as the billing core would send it. Its place in validation order comes
   * from its `validatedAt` (the moment it is added when unreadable); an id already known replaces nothing.
   * @returns false when the account already has a document with this id
   */
  add(body: unknown, addedAt: number): boolean {
    const rawId = field(body, 'id');
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : `unreadable-${this.added.length + 1}`;
    if (this.addedById.has(id) || this.seeded.indexOf(id) !== undefined) return false;
    const entry: AddedDocument = {
      id,
      validatedAt: moment(field(body, 'validatedAt')) ?? addedAt,
      createdAt: moment(field(body, 'createdAt')),
      body,
    };
    const at = firstWhere(this.added.length, (n) => comparePositions(this.added[n]!, entry) > 0);
    this.added.splice(at, 0, entry);
    this.addedById.set(id, entry);
    return true;
  }

  /** @returns the document as served, or undefined */
  find(id: string): unknown {
    const n = this.seeded.indexOf(id);
    return n === undefined ? this.addedById.get(id)?.body : this.seeded.document(n);
  }

  /** Up to `limit` documents created on or after `createdFrom` (a day in the account's time zone), after `after`, in validation order. */
  page(createdFrom: string, after: Position | null, limit: number): HistoryPage {
    const tz = this.spec.timeZone;
    const seeded = this.seeded;
    // Seeded documents: creation grows with n, so both bounds are binary searches.
    let n = firstWhere(seeded.count, (i) => localDay(seeded.moments(i).createdAt, tz) >= createdFrom);
    if (after !== null) {
      const afterCursor = firstWhere(
        seeded.count,
        (i) => comparePositions({ validatedAt: seeded.moments(i).validatedAt, id: seeded.id(i) }, after) > 0,
      );
      n = Math.max(n, afterCursor);
    }
    // Added documents: few, sorted by position; a document whose creation is unreadable is served.
    let a = after === null ? 0 : firstWhere(this.added.length, (i) => comparePositions(this.added[i]!, after) > 0);
    const addedMatches = (i: number): boolean => {
      const createdAt = this.added[i]!.createdAt;
      return createdAt === null || localDay(createdAt, tz) >= createdFrom;
    };
    const skipUnmatched = (): void => {
      while (a < this.added.length && !addedMatches(a)) a += 1;
    };
    skipUnmatched();
    const documents: unknown[] = [];
    let last: Position | null = null;
    while (documents.length < limit && (n < seeded.count || a < this.added.length)) {
      const seededPosition = n < seeded.count ? { validatedAt: seeded.moments(n).validatedAt, id: seeded.id(n) } : null;
      const added = a < this.added.length ? this.added[a]! : null;
      if (seededPosition !== null && (added === null || comparePositions(seededPosition, added) < 0)) {
        documents.push(seeded.document(n));
        last = seededPosition;
        n += 1;
      } else if (added !== null) {
        documents.push(added.body);
        last = { validatedAt: added.validatedAt, id: added.id };
        a += 1;
        skipUnmatched();
      }
    }
    const more = n < seeded.count || a < this.added.length;
    return { documents, next: more ? last : null };
  }
}
