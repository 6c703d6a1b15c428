/** What every scenario is given (from the command line). */
export interface ScenarioOptions {
  /** Wall-clock ms per ms at Intuit's pace, for the module and the QBO sandbox together. */
  readonly scale: number;
  /** QBO's answer time at Intuit's pace (ms). */
  readonly latencyMs: number;
  /** A reduced size for trying (the size when absent). */
  readonly documents: number | undefined;
  readonly pdf: boolean;
  /** Longest wait for the work to finish (wall clock). */
  readonly timeoutMs: number;
  /** The worker's database reached through a proxy that counts its statements (ingest). */
  readonly countSql: boolean;
}

/** What a scenario measured: its own options (sizes) and its figures. */
export interface ScenarioResult {
  readonly options: Readonly<Record<string, string | number | boolean>>;
  readonly figures: Readonly<Record<string, number>>;
}
