import type { AccountId } from '../documents/document.js';
import type { BillingCursor, Locale } from '../ports/billing-core.js';
import type { CalendarDate, Instant, TimeZone } from '../shared/time.js';

/**
 * Where the import of an account's history from the billing core stands, kept in the
 * `HistoryImportStore` (compare-and-set) after each page, so an import stopped anywhere resumes at its page.
 */
export interface HistoryImport {
  readonly accountId: AccountId;
  /** The first day of the history read (in the account's time zone). */
  readonly createdFrom: CalendarDate;
  /** The account's time zone and locale as the billing core gave them when the import started. */
  readonly timeZone: TimeZone;
  readonly locale: Locale;
  /** Where the next page starts; null before the first page, and once done. */
  readonly cursor: BillingCursor | null;
  /** Documents read from the history so far (new or already known to the module). */
  readonly imported: number;
  /** Documents of the history the module cannot read (the billing core breaks the format): counted, shown. */
  readonly unreadable: number;
  readonly done: boolean;
  readonly startedAt: Instant;
  readonly finishedAt: Instant | null;
  /** Bumped by each save: the store's compare-and-set guard (0 for a record never saved). */
  readonly version: number;
}

/** What the screens say of the import: not started, importing n documents, or done with n documents. */
export type HistoryImportProgress =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'importing'; readonly imported: number; readonly unreadable: number }
  | { readonly kind: 'done'; readonly imported: number; readonly unreadable: number; readonly finishedAt: Instant };

export const historyImportProgress = (state: HistoryImport | null | undefined): HistoryImportProgress => {
  if (state === null || state === undefined) return { kind: 'not-started' };
  if (!state.done || state.finishedAt === null) return { kind: 'importing', imported: state.imported, unreadable: state.unreadable };
  return { kind: 'done', imported: state.imported, unreadable: state.unreadable, finishedAt: state.finishedAt };
};
