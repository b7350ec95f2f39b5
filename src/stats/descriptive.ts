/** Descriptive statistics for the overview table: mean, sample SD, median and range. */

/** The summary of a numeric variable; null fields when there are too few values. */
export interface NumericSummary {
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator), null below two values. */
  readonly sd: number | null;
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** Summarises the values. */
export function summarise(values: readonly number[]): NumericSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, median: null, min: null, max: null };

  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const squares = sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const middle = Math.floor(n / 2);
  const median =
    n % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;

  return {
    n,
    mean,
    sd: n < 2 ? null : Math.sqrt(squares / (n - 1)),
    median,
    min: sorted[0] ?? null,
    max: sorted[n - 1] ?? null,
  };
}

/** A count and its percentage of a denominator (null percent when the denominator is 0). */
export function share(n: number, of: number): { n: number; percent: number | null } {
  return { n, percent: of === 0 ? null : (100 * n) / of };
}
