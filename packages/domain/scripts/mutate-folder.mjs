// Mutation testing of one domain folder, a source file at a time, each against the folder's tests
// that import it. Every mutant of the folder is counted; a file's mutants run only the tests written
// for it, which makes a whole folder affordable on a small machine (a mutant's cost is mostly vitest
// loading its test files, and a run over the whole suite loads the slow journeys for most mutants).
// The score is a lower bound of the whole suite's: the tests left out can only kill more.
//
//   node scripts/mutate-folder.mjs <folder> [file ...]   e.g. node scripts/mutate-folder.mjs policy
//
// Each file keeps its own incremental result (reports/mutation/<folder>/<file>.incremental.json), so
// a run stopped half-way, or run again after a test changed, only tests the mutants it must.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const [folder, ...only] = process.argv.slice(2);
if (folder === undefined) throw new Error('usage: node scripts/mutate-folder.mjs <folder> [file ...]');
const dir = `src/${folder}`;
const names = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const tests = names.filter((f) => f.endsWith('.test.ts'));
const sources = names.filter((f) => !f.endsWith('.test.ts') && (only.length === 0 || only.includes(f)));
const reports = `reports/mutation/${folder}`;
mkdirSync(reports, { recursive: true });

const totals = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
const survivors = [];
for (const source of sources) {
  const module = `./${source.replace(/\.ts$/, '.js')}`;
  const own = tests.filter((t) => readFileSync(`${dir}/${t}`, 'utf8').includes(`from '${module}'`));
  const base = source.replace(/\.ts$/, '');
  const started = Date.now();
  const run = spawnSync(
    'npx',
    ['stryker', 'run', '--mutate', `${dir}/${source}`, '--incremental', '--incrementalFile', `${reports}/${base}.incremental.json`],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        FC_SEED: '1',
        FC_END_ON_FAILURE: '1',
        // No test imports it: the folder's tests, so that what they leave uncovered counts as such.
        DOMAIN_TESTS: (own.length > 0 ? own : tests).map((t) => `${dir}/${t}`).join(','),
      },
    },
  );
  if (run.status !== 0) throw new Error(`stryker failed on ${source}`);
  const json = 'reports/mutation/mutation.json';
  if (!existsSync(json)) continue;
  copyFileSync(json, `${reports}/${base}.json`);
  const { files } = JSON.parse(readFileSync(json, 'utf8'));
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const mutant of Object.values(files).flatMap((f) => f.mutants)) {
    if (mutant.status in counts) counts[mutant.status] += 1;
    if (mutant.status === 'Survived' || mutant.status === 'NoCoverage')
      survivors.push(
        `${mutant.status} ${dir}/${source}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${JSON.stringify(mutant.replacement ?? '')}`,
      );
  }
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  console.log(
    `${source}: ${JSON.stringify(counts)} in ${Math.round((Date.now() - started) / 1000)} s, tests: ${(own.length > 0 ? own : tests).join(' ')}`,
  );
}
const detected = totals.Killed + totals.Timeout;
const valid = detected + totals.Survived + totals.NoCoverage;
console.log(survivors.join('\n'));
console.log(
  `${folder}: ${valid} mutants, ${totals.Killed} killed, ${totals.Timeout} timed out, ${totals.Survived} survived, ${totals.NoCoverage} no coverage: ${((100 * detected) / Math.max(valid, 1)).toFixed(2)} %`,
);
