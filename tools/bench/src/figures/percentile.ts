/**
 * The nearest-rank percentile (the smallest value with at least `q` of the values at or below it).
 * @returns NaN for no value
 */
export const percentile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
};

/** p50 and p99 of a sample, in its unit. */
export const spread = (values: readonly number[]): { readonly p50: number; readonly p99: number; readonly count: number } => ({
  p50: percentile(values, 0.5),
  p99: percentile(values, 0.99),
  count: values.length,
});
