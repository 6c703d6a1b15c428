import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: { name: 'qbo-sandbox', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20000 },
});
