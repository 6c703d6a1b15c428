export interface InGroupsOptions<I> {
  /** The most items run together. */
  readonly maxGroup: number;
  /** Groups running at once (one group's database writes overlap the next one's reading). */
  readonly concurrency: number;
  /** Items of one key never run side by side: one waits while another of its key is in a running group (two in one group are the runner's to order). */
  readonly keyOf: (item: I) => string;
}

interface Pending<I, O> {
  readonly item: I;
  readonly key: string;
  readonly resolve: (o: O) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Gathers calls into groups: what arrives while the groups run forms the next ones (up to
 * `maxGroup` items, up to `concurrency` groups at once). Under load the work goes in groups of many
 * (one database write for a group of events); idle, a lone call runs at once (after the current I/O
 * turn, so the messages of one network read make one group). Two items of one key (one document:
 * the same event redelivered, or validated twice) never run in two groups side by side in this
 * process; across processes, the stores' and the job queue's idempotence covers the same race.
 */
export class InGroups<I, O> {
  private pending: Pending<I, O>[] = [];
  private readonly busy = new Map<string, number>();
  private running = 0;
  private scheduled = false;

  /** @param run gives one output per item, in order; a throw fails every call of its group */
  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly options: InGroupsOptions<I>,
  ) {
    if (!(options.maxGroup >= 1 && options.concurrency >= 1)) throw new Error('InGroups: maxGroup and concurrency must be at least 1');
  }

  /** @returns the output of `item`, once its group ran */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, key: this.options.keyOf(item), resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.start();
      });
    });
  }

  /** Calls waiting for a group (for tests and metrics). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Starts groups while there is room and something that may run. */
  private start(): void {
    while (this.running < this.options.concurrency && this.pending.length > 0) {
      const group: Pending<I, O>[] = [];
      const left: Pending<I, O>[] = [];
      for (const p of this.pending)
        if (group.length < this.options.maxGroup && !this.busy.has(p.key)) group.push(p);
        else left.push(p);
      if (group.length === 0) return;
      this.pending = left;
      for (const p of group) this.busy.set(p.key, (this.busy.get(p.key) ?? 0) + 1);
      this.running += 1;
      void this.runGroup(group).finally(() => {
        this.running -= 1;
        for (const p of group) {
          const n = (this.busy.get(p.key) ?? 1) - 1;
          if (n === 0) this.busy.delete(p.key);
          else this.busy.set(p.key, n);
        }
        this.start();
      });
    }
  }

  private async runGroup(group: readonly Pending<I, O>[]): Promise<void> {
    try {
      const outputs = await this.run(group.map((g) => g.item));
      for (const [i, g] of group.entries())
        if (i < outputs.length) g.resolve(outputs[i] as O);
        else g.reject(new Error(`InGroups: ${outputs.length} outputs for a group of ${group.length}`));
    } catch (e) {
      for (const g of group) g.reject(e);
    }
  }
}
