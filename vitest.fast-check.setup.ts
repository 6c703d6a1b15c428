// Property tests run with FC_NUM_RUNS runs when set (CI and reviewers raise it far above the default).
import { configureGlobal } from 'fast-check';

const runs = Number(process.env['FC_NUM_RUNS'] ?? '');
if (Number.isInteger(runs) && runs > 0) configureGlobal({ numRuns: runs });
