/**
 * Spearman's rank correlation ρ: Pearson's correlation of the ranks, ties given their mean
 * rank, for an ordinal score against a continuous measure.
 */

/** ρ, or null with the reason it is undefined. */
export type CorrelationResult =
  | { readonly n: number; readonly rho: number }
  | { readonly n: number; readonly rho: null; readonly reason: string };

/** ρ of paired values. */
export function spearmanRho(pairs: readonly (readonly [number, number])[]): CorrelationResult {
  const n = pairs.length;
  if (n < 3) return { n, rho: null, reason: 'fewer than three studies have both values' };

  const x = ranks(pairs.map((pair) => pair[0]));
  const y = ranks(pairs.map((pair) => pair[1]));
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mean;
    const dy = (y[i] ?? 0) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { n, rho: null, reason: 'one of the two is constant' };
  return { n, rho: sxy / Math.sqrt(sxx * syy) };
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    // Ranks are 1-based; a run of ties shares the mean of its ranks.
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) result[order[i]?.index ?? 0] = rank;
    start = end + 1;
  }
  return result;
}
