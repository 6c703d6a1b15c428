import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productionNodeFlags } from './worker-process.js';

describe('the built worker of the memory figure', () => {
  it('starts with the Node flags of the worker’s npm start, its heap cap among them', () => {
    const start = (
      JSON.parse(readFileSync(new URL('../../../../packages/app-worker/package.json', import.meta.url), 'utf8')) as {
        scripts: { start: string };
      }
    ).scripts.start;
    const flags = productionNodeFlags();
    expect(flags.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
    expect(start).toBe(`node ${flags.join(' ')} dist/main.js`);
  });
});
