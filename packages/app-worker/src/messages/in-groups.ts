/**
 * Gathers calls into groups, run one group at a time: what arrives while a group runs forms the
 * next one (up to `maxGroup`). Under load the work goes in groups of many (one database write for
 * a group of events); idle, a lone call runs at once (after the current I/O turn, so the messages
 * of one network read make one group). One group at a time also means that two deliveries of one
 * document (the same event redelivered, or validated twice) never run side by side in this
 * process; across processes, the stores' and the job queue's idempotence covers the same race.
 */
export class InGroups<I, O> {
  private pending: { readonly item: I; readonly resolve: (o: O) => void; readonly reject: (e: unknown) => void }[] = [];
  private draining = false;

  /** @param run gives one output per item, in order; a throw fails every call of its group */
  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly maxGroup: number,
  ) {
    if (!(maxGroup >= 1)) throw new Error('InGroups: maxGroup must be at least 1');
  }

  /** @returns the output of `item`, once its group ran */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      setImmediate(() => void this.drain());
    });
  }

  /** Calls waiting for their group, or in the group running (for tests and metrics). */
  get waiting(): number {
    return this.pending.length;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.maxGroup);
      try {
        const outputs = await this.run(group.map((g) => g.item));
        for (const [i, g] of group.entries())
          if (i < outputs.length) g.resolve(outputs[i] as O);
          else g.reject(new Error(`InGroups: ${outputs.length} outputs for a group of ${group.length}`));
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    }
    this.draining = false;
  }
}
