// QBO's `requestid` (QBO-API.md §2): the same id on the same realm gets the original answer again, without
// a second write. A request arriving while the first one with its id is still running waits for it.

export interface RecordedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export type Claim =
  | { kind: 'replay'; recorded: Promise<RecordedResponse | undefined> }
  | { kind: 'first'; finish: (recorded: RecordedResponse | undefined) => void };

export class ReplayStore {
  private readonly done = new Map<string, RecordedResponse>();
  private readonly running = new Map<string, Promise<RecordedResponse | undefined>>();

  /**
   * Claims an id synchronously, so two simultaneous twins cannot both run.
   * @returns 'replay' with the original answer (awaited when its twin still runs), or 'first' with the
   *   callback that records this request's answer (undefined records nothing and frees the id)
   */
  claim(realmId: string, requestId: string): Claim {
    const key = `${realmId}\u0000${requestId}`;
    const done = this.done.get(key);
    if (done !== undefined) return { kind: 'replay', recorded: Promise.resolve(done) };
    const running = this.running.get(key);
    if (running !== undefined) return { kind: 'replay', recorded: running };
    let settle: (recorded: RecordedResponse | undefined) => void = () => undefined;
    this.running.set(key, new Promise((resolve) => (settle = resolve)));
    return {
      kind: 'first',
      finish: (recorded) => {
        if (recorded !== undefined) this.done.set(key, recorded);
        this.running.delete(key);
        settle(recorded);
      },
    };
  }

  /** How many ids are kept for a realm, for /__admin. */
  size(realmId: string): number {
    return [...this.done.keys()].filter((k) => k.startsWith(`${realmId}\u0000`)).length;
  }

  reset(): void {
    this.done.clear();
  }
}
