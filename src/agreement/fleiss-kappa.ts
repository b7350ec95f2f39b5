/**
 * Fleiss' κ (Fleiss 1971, Psychological Bulletin 76:378–382) for any fixed number of raters
 * per study, who need not be the same people from study to study.
 */

/** Fleiss' κ, or null with the reason it is undefined. */
export type FleissResult =
  { readonly kappa: number } | { readonly kappa: null; readonly reason: string };

/** κ of a studies × categories table of counts; every row must sum to the same m ≥ 2. */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const studies = counts.length;
  const raters = counts[0]?.reduce((a, b) => a + b, 0) ?? 0;
  if (studies === 0 || raters < 2) return { kappa: null, reason: 'fewer than two reads a study' };
  if (counts.some((row) => row.reduce((a, b) => a + b, 0) !== raters)) {
    return { kappa: null, reason: 'studies have different numbers of reads' };
  }

  const categories = counts[0]?.length ?? 0;
  const share = Array.from(
    { length: categories },
    (_, j) => counts.reduce((sum, row) => sum + (row[j] ?? 0), 0) / (studies * raters),
  );
  const perStudy = counts.map(
    (row) => (row.reduce((sum, c) => sum + c * c, 0) - raters) / (raters * (raters - 1)),
  );
  const observed = perStudy.reduce((a, b) => a + b, 0) / studies;
  const expected = share.reduce((sum, s) => sum + s * s, 0);

  if (1 - expected < 1e-12) {
    return { kappa: null, reason: 'undefined: every read gave one category only' };
  }
  return { kappa: (observed - expected) / (1 - expected) };
}
