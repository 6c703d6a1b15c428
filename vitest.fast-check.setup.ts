// Property tests run with FC_NUM_RUNS runs when set (CI and reviewers raise it far above the default).
// FC_SEED fixes the seed: @fast-check/vitest puts the seed in each test's name, so mutation testing,
// which re-runs tests by name, sets it; with a random seed no property test would ever run on a mutant.
// FC_END_ON_FAILURE stops at the first counterexample without shrinking it: a mutant only needs a
// failure, and shrinking one took longer than Stryker's timeout (a killed mutant counted as a timeout).
import { configureGlobal } from 'fast-check';

const runs = Number(process.env['FC_NUM_RUNS'] ?? '');
const seed = Number(process.env['FC_SEED'] ?? '');
configureGlobal({
  ...(Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : {}),
  ...(process.env['FC_SEED'] !== undefined && Number.isInteger(seed) ? { seed } : {}),
  ...(process.env['FC_END_ON_FAILURE'] === '1' ? { endOnFailure: true } : {}),
});
