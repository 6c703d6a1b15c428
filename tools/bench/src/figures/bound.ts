/** Intuit's limits per realm (QBO-API.md §4), the ones the bound is computed under. */
export const INTUIT_RATES = { perSecond: 10, perMinute: 500, batchesPerMinute: 40 } as const;

/** What an initial sync must send at the least. */
export interface MinimumWork {
  readonly customers: number;
  readonly services: number;
  /** Invoices and credit notes. */
  readonly documents: number;
  readonly withPdf: boolean;
}

/** The fewest requests: one upload per document (with PDFs), and the creates in batches of 30. */
export interface MinimumRequests {
  readonly uploads: number;
  readonly batches: number;
  readonly total: number;
}

/** A batch request carries at most 30 operations (QBO-API.md). */
export const BATCH_SIZE = 30;

export const minimumRequests = (work: MinimumWork): MinimumRequests => {
  const batches = [work.customers, work.services, work.documents].reduce((sum, n) => sum + Math.ceil(n / BATCH_SIZE), 0);
  const uploads = work.withPdf ? work.documents : 0;
  return { uploads, batches, total: uploads + batches };
};

/** The bound, in seconds at Intuit's time, and the limit that sets it. */
export interface Bound {
  readonly seconds: number;
  readonly limitedBy: 'per-minute' | 'batches-per-minute' | 'per-second';
  readonly requests: MinimumRequests;
}

/**
 * The shortest time the minimum requests can take under each of Intuit's limits, whichever is
 * longest: every request at 500 per minute, the batches alone at 40 per minute, every request at
 * 10 per second.
 */
export const initialSyncBound = (work: MinimumWork): Bound => {
  const requests = minimumRequests(work);
  const candidates: readonly { seconds: number; limitedBy: Bound['limitedBy'] }[] = [
    { seconds: (requests.total / INTUIT_RATES.perMinute) * 60, limitedBy: 'per-minute' },
    { seconds: (requests.batches / INTUIT_RATES.batchesPerMinute) * 60, limitedBy: 'batches-per-minute' },
    { seconds: requests.total / INTUIT_RATES.perSecond, limitedBy: 'per-second' },
  ];
  const longest = candidates.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return { ...longest, requests };
};
