/**
 * Motion artefacts, from the consistency of the body outline with the slices around it. Two
 * signs, each judged against the median of the neighbouring slices so that the slow change of
 * anatomy along the scan (shoulders, abdomen) is not mistaken for motion:
 *  - a ghosted outline: breathing during the rotation doubles the edge, so values between air
 *    and fat spread into a band beyond the skin several mm wider than on the neighbours;
 *  - a jump: the body outline moves between two slices far more than between its neighbours
 *    (1 − Dice of the body masks), as when the patient shifts or breathes between slices.
 */
import type { QcConfig } from '../workspace/config.js';
import type { QcFlag } from './qc-flag.js';
import type { SliceMeasures } from './slice-survey.js';

// Neighbours on each side that give the local median: breathing ghosts span 2–4 slices, so a
// window of 6 each way keeps most of it clean.
const NEIGHBOURS = 6;

/** The motion flag of a series, naming the slices that show it. */
export function motionFlags(
  measures: readonly SliceMeasures[],
  positionsMm: readonly number[],
  config: QcConfig,
): QcFlag[] {
  const ghosted = new Set<number>();
  const jumps = new Set<number>();

  const changes: number[] = [];
  measures.forEach((slice, k) => {
    if (slice.bodyAreaMm2 === 0) return;
    const bandMedian = localMedian(measures, k, (m) => m.edgeBandMm);
    const excess = slice.edgeBandMm - bandMedian;
    if (
      slice.edgeBandMm > config.motionBandRatio * bandMedian &&
      excess > config.motionBandExcessMm
    ) {
      ghosted.add(k);
    }

    const changeMedian = localMedian(measures, k, (m) => m.bodyChange, 1);
    const threshold = Math.max(config.motionJumpMin, config.motionJumpRatio * changeMedian);
    if (k > 0 && slice.bodyChange > threshold) changes.push(k);
  });

  // A jump is between slices k − 1 and k: next to a ghosted slice the ghost explains it;
  // otherwise both ends are named.
  for (const k of changes) {
    if (ghosted.has(k) || ghosted.has(k - 1)) continue;
    jumps.add(k - 1);
    jumps.add(k);
  }

  const sliceIndices = [...new Set([...ghosted, ...jumps])].sort((a, b) => a - b);
  if (sliceIndices.length === 0) return [];
  const parts = [
    ghosted.size > 0 ? `ghosted body outline on ${ghosted.size} slice(s)` : '',
    jumps.size > 0 ? `body outline jumps between neighbouring slices` : '',
  ].filter((part) => part !== '');
  return [
    {
      code: 'MOTION_ARTEFACT',
      severity: 'warn',
      message: `motion artefact: ${parts.join('; ')} (slice indices ${sliceIndices.join(', ')})`,
      sliceIndices,
      positionsMm: sliceIndices.map((k) => positionsMm[k] ?? 0),
    },
  ];
}

// The median of a measure over the neighbours of slice k (k itself left out); `from` skips
// slice 0 for measures that compare with the slice before.
function localMedian(
  measures: readonly SliceMeasures[],
  k: number,
  value: (slice: SliceMeasures) => number,
  from = 0,
): number {
  const values: number[] = [];
  const low = Math.max(from, k - NEIGHBOURS);
  const high = Math.min(measures.length - 1, k + NEIGHBOURS);
  for (let j = low; j <= high; j++) {
    const slice = measures[j];
    if (j !== k && slice !== undefined && slice.bodyAreaMm2 > 0) values.push(value(slice));
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}
