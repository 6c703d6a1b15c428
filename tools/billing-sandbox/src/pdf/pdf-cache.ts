// PDFs are made on the first request and kept (a few hundred at most, oldest dropped first), so a
// sync that re-reads a PDF after a retry gets the very same bytes without rendering twice.

export class PdfCache {
  private readonly entries = new Map<string, Promise<Buffer>>();

  constructor(private readonly capacity = 500) {}

  /** @returns the cached PDF for `key`, making it with `render` the first time */
  get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const made = render();
    this.entries.set(key, made);
    made.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
