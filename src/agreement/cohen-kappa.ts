/**
 * Cohen's κ for two raters from their contingency table, unweighted or linearly weighted, with
 * the large-sample standard error of Fleiss, Cohen and Everitt (1969, Psychological Bulletin
 * 72:323–327) and the 95 % confidence interval κ ± 1.96 SE it gives.
 */

/** κ with its standard error and interval, or null with the reason it is undefined. */
export type KappaResult =
  | {
      readonly kappa: number;
      readonly standardError: number;
      readonly ciLow: number;
      readonly ciHigh: number;
    }
  | { readonly kappa: null; readonly reason: string };

/** The normal quantile of a two-sided 95 % interval. */
const Z_95 = 1.959963984540054;

/**
 * κ of a k × k table (rows: rater 1, columns: rater 2, in category order). `linear` weights
 * agreement by 1 − |i − j| / (k − 1), for ordinal categories.
 */
export function cohenKappa(
  table: readonly (readonly number[])[],
  weighting: 'none' | 'linear' = 'none',
): KappaResult {
  const k = table.length;
  const n = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return { kappa: null, reason: 'no study has two reads' };

  const p = table.map((row) => row.map((count) => count / n));
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const columns = p[0]?.map((_, j) => p.reduce((sum, row) => sum + (row[j] ?? 0), 0)) ?? [];
  const weight = (i: number, j: number): number =>
    weighting === 'linear' && k > 1 ? 1 - Math.abs(i - j) / (k - 1) : i === j ? 1 : 0;

  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += weight(i, j) * (p[i]?.[j] ?? 0);
      expected += weight(i, j) * (rows[i] ?? 0) * (columns[j] ?? 0);
    }
  }
  // Both raters used one and the same category for every study: chance explains everything.
  if (1 - expected < 1e-12) {
    return { kappa: null, reason: 'undefined: both readers gave one category only' };
  }
  const kappa = (observed - expected) / (1 - expected);

  // FCE 1969 eq. 13 (weighted form): the w̄ terms are the raters' mean weights per category.
  const rowMean = rows.map((_, i) => columns.reduce((s, c, j) => s + c * weight(i, j), 0));
  const columnMean = columns.map((_, j) => rows.reduce((s, r, i) => s + r * weight(i, j), 0));
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const deviation = weight(i, j) - ((rowMean[i] ?? 0) + (columnMean[j] ?? 0)) * (1 - kappa);
      sum += (p[i]?.[j] ?? 0) * deviation * deviation;
    }
  }
  const variance = (sum - (kappa - expected * (1 - kappa)) ** 2) / (n * (1 - expected) ** 2);
  // Rounding can leave a variance of −1e-17 at perfect agreement.
  const standardError = Math.sqrt(Math.max(0, variance));

  return {
    kappa,
    standardError,
    ciLow: kappa - Z_95 * standardError,
    ciHigh: kappa + Z_95 * standardError,
  };
}

/** The k × k table of paired ratings, categories indexed by their place in `categories`. */
export function contingencyTable<T>(
  pairs: readonly (readonly [T, T])[],
  categories: readonly T[],
): number[][] {
  const table = categories.map(() => categories.map(() => 0));
  for (const [first, second] of pairs) {
    const i = categories.indexOf(first);
    const j = categories.indexOf(second);
    const row = table[i];
    if (row !== undefined && j >= 0) row[j] = (row[j] ?? 0) + 1;
  }
  return table;
}
