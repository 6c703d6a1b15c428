import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// One generous timeout for the whole project, not per test: property tests run FC_NUM_RUNS times
// (5000 and more in reviews) on a shared 2-core machine. Pure code with no global state shares one
// module graph (isolate: false), which makes the suite 15× faster.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'domain',
    // DOMAIN_TESTS (comma-separated globs) narrows the suite, for a mutation run of one folder on a
    // small machine: the score it gives is a lower bound, since the tests left out can only kill more.
    include: process.env['DOMAIN_TESTS']?.split(',') ?? ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.fast-check.setup.ts'],
    testTimeout: 120_000,
    isolate: false,
  },
});
