/**
 * Correlation of an ordinal score with a continuous measure: Spearman's ρ (Pearson's
 * correlation of the ranks, a run of ties sharing its mean rank, as scipy.stats.spearmanr) and
 * Pearson's r of the values themselves.
 */

/** ρ and r over n pairs, or null with the reason they are undefined. */
export type CorrelationResult =
  | { readonly n: number; readonly rho: number; readonly r: number }
  | { readonly n: number; readonly rho: null; readonly r: null; readonly reason: string };

/** Spearman's ρ and Pearson's r of paired values; pairs with a non-finite value are left out. */
export function correlate(pairs: readonly (readonly [number, number])[]): CorrelationResult {
  const usable = pairs.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const n = usable.length;
  if (n < 3) {
    return { n, rho: null, r: null, reason: 'fewer than three studies have both values' };
  }

  const x = usable.map((pair) => pair[0]);
  const y = usable.map((pair) => pair[1]);
  // Tested on the values: a float mean of equal values need not equal them exactly.
  if (constant(x) || constant(y)) {
    return { n, rho: null, r: null, reason: 'one of the two is constant' };
  }
  return { n, rho: pearson(ranks(x), ranks(y)), r: pearson(x, y) };
}

function constant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

// Two-pass (means first) for accuracy; the caller has ruled out a constant variable.
function pearson(x: readonly number[], y: readonly number[]): number {
  const meanX = mean(x);
  const meanY = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [i, xi] of x.entries()) {
    const dx = xi - meanX;
    const dy = (y[i] ?? meanY) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }

  // Rounding can carry |r| a hair past 1 for perfectly linear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

// 1-based ranks; a run of equal values shares the mean of the ranks it spans.
function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;

    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) result[order[i]?.index ?? 0] = rank;
    start = end + 1;
  }
  return result;
}
