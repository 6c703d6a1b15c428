/**
 * Fresh identifiers: QBO `requestid`s, job ids, OAuth states. UUIDs in production (QBO recommends
 * them and caps a `requestid` at 50 characters, 36 in a batch); sequential in tests.
 */
export interface Ids {
  /** @returns an identifier never returned before by this source */
  next(): string;
}
