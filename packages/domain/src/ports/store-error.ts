/** What any store can answer instead of data. */
export type StoreError =
  /** The database could not be reached or failed; the operation may be retried. */
  | { readonly kind: 'store.unavailable'; readonly detail: string }
  /** A compare-and-set lost a race: someone else wrote first. Re-read, then decide again. */
  | { readonly kind: 'store.conflict'; readonly detail: string };
