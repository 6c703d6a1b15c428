/** The most rows a store hands back in one call: a screen's page, and what a use case reads at once. */
export const PAGE_SIZE = 50;

/**
 * Which page to read: from the start (no cursor) or from where the previous page stopped. A cursor
 * is opaque to the domain (the store makes it); it stays valid while rows are added.
 */
export interface PageRequest {
  readonly cursor?: string;
  /** 1 to `PAGE_SIZE`; `PAGE_SIZE` when absent. */
  readonly limit?: number;
}

/** One page of rows, in the store's order for the query. `next` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** The number of rows a page request asks for. */
export const pageLimit = (request: PageRequest | undefined): number =>
  Math.max(1, Math.min(PAGE_SIZE, Math.trunc(request?.limit ?? PAGE_SIZE)));
