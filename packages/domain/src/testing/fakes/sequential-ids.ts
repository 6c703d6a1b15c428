import type { Ids } from '../../ports/ids.js';

/** Ids `<prefix>-1`, `<prefix>-2`, …: unique, predictable, readable in test failures. */
export class SequentialIds implements Ids {
  private counter = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
