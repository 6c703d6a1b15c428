import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// The composition root registers factories only (no decorators), so no decorator transform is needed;
// tsyringe still wants a Reflect polyfill loaded before it.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'app-http',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['reflect-metadata', '../../vitest.fast-check.setup.ts'],
    testTimeout: 120_000,
  },
});
