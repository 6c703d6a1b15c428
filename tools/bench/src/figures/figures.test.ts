import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialSyncBound, minimumRequests } from './bound.js';
import { percentile, spread } from './percentile.js';
import { resultFileName, writeResult, type BenchResult } from './result-file.js';

describe('the initial sync bound (hand-computed oracle: the issue’s figures)', () => {
  it('2,100 documents with PDFs for 300 customers and 8 services: 2,181 requests, limited by 500 a minute', () => {
    const bound = initialSyncBound({ customers: 300, services: 8, documents: 2_100, withPdf: true });
    // 10 + 1 + 70 batches, 2,100 uploads; 2,181 / 500 × 60 s = 261.72 s (batches alone: 121.5 s; 10/s: 218.1 s).
    expect(bound.requests).toEqual({ uploads: 2_100, batches: 81, total: 2_181 });
    expect(bound.limitedBy).toBe('per-minute');
    expect(bound.seconds).toBeCloseTo(261.72, 9);
  });

  it('without PDFs the 81 batches at 40 a minute set it: 121.5 s', () => {
    const bound = initialSyncBound({ customers: 300, services: 8, documents: 2_100, withPdf: false });
    expect(bound.requests).toEqual({ uploads: 0, batches: 81, total: 81 });
    expect(bound.limitedBy).toBe('batches-per-minute');
    expect(bound.seconds).toBeCloseTo(121.5, 9);
  });

  it('a batch is rounded up per kind (31 customers take two)', () => {
    expect(minimumRequests({ customers: 31, services: 1, documents: 1, withPdf: false }).batches).toBe(4);
  });

  it('60 documents with PDFs: 4 batches and 60 uploads, 64 requests at 500 a minute (7.68 s; 10 a second would be 6.4 s)', () => {
    const bound = initialSyncBound({ customers: 1, services: 1, documents: 60, withPdf: true });
    expect(bound.requests.total).toBe(64);
    expect(bound.limitedBy).toBe('per-minute');
    expect(bound.seconds).toBeCloseTo(7.68, 9);
  });
});

describe('percentile (nearest rank)', () => {
  it('p50 and p99 of 1..100 are 50 and 99, whatever the order given', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(spread(values)).toEqual({ p50: 50, p99: 99, count: 100 });
  });

  it('one value is every percentile; no value is NaN', () => {
    expect(percentile([7], 0.01)).toBe(7);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('the result file', () => {
  it('is <scenario>-<time>.json holding the scenario, options, figures and machine, as JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bench-results-'));
    try {
      const result: BenchResult = {
        scenario: 'initial-sync',
        startedAt: '2026-11-30T20:01:02.345Z',
        options: { documents: 2_100, pdf: true, scale: 0.1 },
        figures: { 'throughput / bound': 0.8, 'surfaced 429s': 0 },
        machine: { cpus: 2, node: 'v20.19.0', gitCommit: 'abc' },
      };
      expect(resultFileName(result)).toBe('initial-sync-2026-11-30T20-01-02-345Z.json');
      const path = writeResult(folder, result);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(result);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
