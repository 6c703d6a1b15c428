/**
 * The limiter tests' oracle: the most stamps (send or arrival times) inside any window of `lengthMs`,
 * counted from the stamps alone, apart from the limiter's own windows.
 */
export const busiestWindow = (stamps: readonly number[], lengthMs: number): number => {
  const sorted = [...stamps].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= lengthMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
};
