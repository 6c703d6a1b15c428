import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: { name: 'domain', include: ['src/**/*.test.ts'], setupFiles: ['../../vitest.fast-check.setup.ts'], testTimeout: 120_000, isolate: false },
});
