// An account's seeded history, built lazily: document n is a pure function of (seed, account, n),
// and its creation and validation moments grow with n, so a page or a day is found by binary search
// without building the documents before it. 10,000 documents cost nothing until they are read.
import { buildCreditNote, buildInvoice } from '../documents/document-builder.js';
import type { WireDocument } from '../documents/wire-document.js';
import type { AccountSpec } from '../seed/account-spec.js';
import { clientCount, seededClient } from '../seed/clients.js';
import { Random } from '../seed/random.js';

const DAY_MS = 86_400_000;
const CREDIT_NOTE_SHARE = 0.08;
const OFFICE_OPENS_MS = 7 * 3_600_000;
const OFFICE_HOURS_MS = 11 * 3_600_000;

export interface Moments {
  readonly createdAt: number;
  readonly validatedAt: number;
}

export class SeededHistory {
  readonly count: number;
  private readonly firstDayMs: number;
  private readonly days: number;
  private readonly idPattern: RegExp;

  constructor(
    private readonly seed: number,
    private readonly account: AccountSpec,
  ) {
    this.count = account.documents;
    this.firstDayMs = Date.parse(`${account.historyFrom}T00:00:00Z`);
    this.days = Math.max(1, Math.round((Date.parse(`${account.historyTo}T00:00:00Z`) - this.firstDayMs) / DAY_MS) + 1);
    this.idPattern = new RegExp(`^${account.accountId.replace(/[^A-Za-z0-9]/g, '\\$&')}-(\\d{6})$`);
  }

  /** The first document of a day of the history (documents are spread evenly over the days). */
  private firstOfDay(day: number): number {
    return Math.ceil((day * this.count) / this.days);
  }

  /**
   * Document n falls on day ⌊n × days / count⌋, in office hours (07:00–18:00 UTC) shared among that
   * day's documents: created in the first 40 % of its slot, validated in the next 40 %. Both moments
   * grow strictly with n, so validation order is index order.
   */
  moments(n: number): Moments {
    const day = Math.floor((n * this.days) / this.count);
    const first = this.firstOfDay(day);
    const slotMs = OFFICE_HOURS_MS / Math.max(1, this.firstOfDay(day + 1) - first);
    const r = new Random(this.seed, this.account.accountId, 'moments', n);
    const slotStart = this.firstDayMs + day * DAY_MS + OFFICE_OPENS_MS + (n - first) * slotMs;
    const createdAt = Math.floor(slotStart + r.next() * slotMs * 0.4);
    return { createdAt, validatedAt: createdAt + 1 + Math.floor(r.next() * slotMs * 0.4) };
  }

  id(n: number): string {
    return `${this.account.accountId}-${String(n + 1).padStart(6, '0')}`;
  }

  /** @returns the index of a seeded document id, or undefined */
  indexOf(id: string): number | undefined {
    const match = this.idPattern.exec(id);
    const n = match === null ? Number.NaN : Number(match[1]) - 1;
    return Number.isInteger(n) && n >= 0 && n < this.count ? n : undefined;
  }

  private isCreditNote(n: number): boolean {
    return n > 0 && new Random(this.seed, this.account.accountId, 'kind', n).chance(CREDIT_NOTE_SHARE);
  }

  document(n: number): WireDocument {
    const r = new Random(this.seed, this.account.accountId, 'document', n);
    const moments = this.moments(n);
    const year = new Date(moments.createdAt).getUTCFullYear();
    const sequence = String(n + 1).padStart(5, '0');
    if (this.isCreditNote(n)) {
      // A credit note corrects a recent invoice (document 0 is always one).
      let invoice = r.int(Math.max(0, n - 30), n - 1);
      while (this.isCreditNote(invoice)) invoice -= 1;
      return buildCreditNote(r, this.account, { id: this.id(n), number: `AV${year}-${sequence}`, ...moments }, this.document(invoice));
    }
    const customer = seededClient(this.seed, this.account.accountId, r.int(0, clientCount(this.count) - 1));
    return buildInvoice(r, this.account, { id: this.id(n), number: `F${year}-${sequence}`, ...moments }, customer, 'sometimes');
  }
}
