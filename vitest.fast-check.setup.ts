// Property tests run with FC_NUM_RUNS runs when set (CI and reviewers raise it far above the default).
import { fc } from '@fast-check/vitest';

const runs = Number(process.env['FC_NUM_RUNS'] ?? '');
if (Number.isInteger(runs) && runs > 0) fc.configureGlobal({ numRuns: runs });
