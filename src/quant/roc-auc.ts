/**
 * The area under the ROC curve of a score against binary labels, by the Mann–Whitney rank
 * sum with mid-ranks for ties: how well per-slice involvement separates slices a radiologist
 * labelled infected from the rest.
 */

/** AUC of `scores` for `positive` labels (0.5 when one class is empty). */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((score, n) => ({ score, positive: positive[n] === true }));
  order.sort((a, b) => a.score - b.score);

  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && order[end]?.score === order[start]?.score) end++;
    // Ranks start + 1 … end share their mean.
    const midRank = (start + 1 + end) / 2;
    for (let n = start; n < end; n++) {
      if (order[n]?.positive === true) {
        rankSum += midRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
