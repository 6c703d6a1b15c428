import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'billing-sandbox',
    setupFiles: ['../../vitest.fast-check.setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
