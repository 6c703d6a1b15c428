/**
 * Counts the rows the in-memory stores hand back, call by call, as a database would send them: a
 * test proves with it that a use case reads a page or a few rows per document, never a whole account.
 */
export class RowMeter {
  private readonly calls: { readonly call: string; readonly rows: number }[] = [];

  /** Notes that `call` returned `rows` rows. */
  read(call: string, rows: number): void {
    this.calls.push({ call, rows });
  }

  /** Forgets what was counted so far. */
  reset(): void {
    this.calls.length = 0;
  }

  /** Rows returned since the last reset. */
  get total(): number {
    return this.calls.reduce((sum, c) => sum + c.rows, 0);
  }

  /** The most rows one call returned since the last reset, with that call. */
  get largest(): { readonly call: string; readonly rows: number } {
    return this.calls.reduce((max, c) => (c.rows > max.rows ? c : max), { call: 'none', rows: 0 });
  }
}
