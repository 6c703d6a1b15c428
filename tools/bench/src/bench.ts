// npm run bench -- <scenario> [--documents N] [--scale S] [--latency MS] [--timeout S] [--no-pdf] [--count-sql]
// Runs one scenario against the real worker, MariaDB, RabbitMQ and the sandboxes; prints its figures
// and writes them to results/<scenario>-<time>.json (git-ignored) so that two runs can be compared.
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatFigures, writeResult, type BenchResult } from './figures/result-file.js';
import { baseline } from './scenarios/baseline.js';
import { chaos } from './scenarios/chaos.js';
import { ingest } from './scenarios/ingest.js';
import { initialSync } from './scenarios/initial-sync.js';
import { latency } from './scenarios/latency.js';
import { memory } from './scenarios/memory.js';
import type { ScenarioOptions, ScenarioResult } from './scenarios/scenario.js';

const SCENARIOS: Readonly<Record<string, (o: ScenarioOptions) => Promise<ScenarioResult>>> = {
  'initial-sync': initialSync,
  baseline,
  ingest,
  latency,
  memory,
  chaos,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    documents: { type: 'string' },
    scale: { type: 'string', default: '0.1' },
    latency: { type: 'string', default: '300' },
    timeout: { type: 'string', default: '1800' },
    'no-pdf': { type: 'boolean', default: false },
    'count-sql': { type: 'boolean', default: false },
  },
});

const scenario = positionals[0] ?? '';
const chosen = SCENARIOS[scenario];
if (chosen === undefined) {
  console.error(
    `usage: npm run bench -- <${Object.keys(SCENARIOS).join(' | ')}> [--documents N] [--scale S] [--latency MS] [--timeout S] [--no-pdf] [--count-sql]`,
  );
  process.exit(2);
}
const options: ScenarioOptions = {
  scale: Number(values.scale),
  latencyMs: Number(values.latency),
  documents: values.documents === undefined ? undefined : Number(values.documents),
  pdf: !values['no-pdf'],
  timeoutMs: Number(values.timeout) * 1000,
  countSql: values['count-sql'],
};
if (!(options.scale > 0 && options.scale <= 1)) throw new Error('--scale must be in (0, 1]');

const startedAt = new Date().toISOString();
console.log(
  `${scenario}: scale ${options.scale} (a minute lasts ${(60 * options.scale).toFixed(1)} s), QBO latency ${options.latencyMs} ms at Intuit's pace`,
);
const measured = await chosen(options).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
const gitCommit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const result: BenchResult = {
  scenario,
  startedAt,
  options: { scale: options.scale, latencyMs: options.latencyMs, ...measured.options },
  figures: measured.figures,
  machine: { cpus: cpus().length, node: process.version, gitCommit },
};
console.log(formatFigures(result.figures));
console.log(`written to ${writeResult(fileURLToPath(new URL('../results', import.meta.url)), result)}`);
process.exit(0);
