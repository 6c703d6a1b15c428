import { performance } from 'node:perf_hooks';

/** p50 and p95 of `count` sequential runs of `request`, in milliseconds. */
export const percentiles = async (count: number, request: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> => {
  const took: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await request(i);
    took.push(performance.now() - start);
  }
  took.sort((a, b) => a - b);
  const at = (q: number): number => took[Math.min(took.length - 1, Math.floor(q * took.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
};

export const ms = (value: number): string => `${value.toFixed(2)} ms`;
