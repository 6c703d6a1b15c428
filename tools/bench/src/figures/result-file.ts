import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One run of a scenario as written to `results/`: enough to compare two runs. */
export interface BenchResult {
  readonly scenario: string;
  /** ISO 8601, when the run started. */
  readonly startedAt: string;
  /** The options the run was given (sizes, scale, latency…). */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** The figures, flat: name → number (a count, seconds, a ratio). */
  readonly figures: Readonly<Record<string, number>>;
  /** Where the machine was: what limits the figures. */
  readonly machine: { readonly cpus: number; readonly node: string; readonly gitCommit: string };
}

/** @returns the file name of a result: `<scenario>-<time>.json`, the time without characters file systems dislike */
export const resultFileName = (result: Pick<BenchResult, 'scenario' | 'startedAt'>): string =>
  `${result.scenario}-${result.startedAt.replace(/[:.]/g, '-')}.json`;

/** Writes the result into `folder` (made if missing). @returns its path */
export const writeResult = (folder: string, result: BenchResult): string => {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, resultFileName(result));
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
};

/** The figures as aligned lines for the terminal. */
export const formatFigures = (figures: Readonly<Record<string, number>>): string => {
  const width = Math.max(0, ...Object.keys(figures).map((k) => k.length));
  return Object.entries(figures)
    .map(([name, value]) => `  ${name.padEnd(width)}  ${Number.isInteger(value) ? String(value) : value.toFixed(3)}`)
    .join('\n');
};
