/**
 * Volumes and percentages from the lung and infection masks: per lung, per craniocaudal third
 * of each lung (thirds of its extent along the slice normal, not lobes), per slice, and the
 * CT severity class of the whole.
 */
import type { Grid } from './grid.js';
import { voxelMl } from './grid.js';
import { INFECTION_LABEL, LUNG_LABEL } from './labels.js';

/** Lung and lesion volumes of a region, mL, and the share of it involved, %. */
export interface RegionFigures {
  readonly lungMl: number;
  readonly ggoMl: number;
  readonly consolidationMl: number;
  readonly ggoPercent: number;
  readonly consolidationPercent: number;
  /** (GGO + consolidation) / lung × 100. */
  readonly involvementPercent: number;
}

/** One lung's figures, and those of its upper, middle and lower thirds. */
export interface LungFigures extends RegionFigures {
  readonly thirds: {
    readonly upper: RegionFigures;
    readonly middle: RegionFigures;
    readonly lower: RegionFigures;
  };
}

/** One slice's volumes, in ascending position along the slice normal. */
export interface SliceFigures {
  /** From 0, the slice index k. */
  readonly index: number;
  /** Position along the slice normal, mm. */
  readonly z: number;
  readonly lungMl: number;
  readonly ggoMl: number;
  readonly consolidationMl: number;
}

/** CT severity by percentage of lung involved. */
export type Severity = 'CT-0' | 'CT-1' | 'CT-2' | 'CT-3' | 'CT-4';

/** Per-region voxel tallies: lung, GGO and consolidation. */
type Tally = [lung: number, ggo: number, consolidation: number];

/** Figures of both lungs, each lung and its thirds, and every slice. */
export function measureInvolvement(
  lungMask: Uint8Array,
  infectionMask: Uint8Array,
  grid: Grid,
  positionsMm: readonly number[],
  cranialIsHighK: boolean,
): { total: RegionFigures; right: LungFigures; left: LungFigures; slices: SliceFigures[] } {
  const area = grid.columns * grid.rows;
  const ml = voxelMl(grid);
  // Per slice and lung: tallies[(k × 2 + side) × 3 + kind].
  const tallies = new Float64Array(grid.slices * 6);
  for (let k = 0; k < grid.slices; k++) {
    for (let p = k * area; p < (k + 1) * area; p++) {
      const lung = lungMask[p] ?? 0;
      if (lung === 0) continue;
      const at = (k * 2 + (lung === LUNG_LABEL.right ? 0 : 1)) * 3;
      tallies[at] = (tallies[at] ?? 0) + 1;
      const infection = infectionMask[p] ?? 0;
      if (infection === INFECTION_LABEL.ggo) tallies[at + 1] = (tallies[at + 1] ?? 0) + 1;
      if (infection === INFECTION_LABEL.consolidation) {
        tallies[at + 2] = (tallies[at + 2] ?? 0) + 1;
      }
    }
  }

  const sliceTally = (k: number, side: 0 | 1): Tally => {
    const at = (k * 2 + side) * 3;
    return [tallies[at] ?? 0, tallies[at + 1] ?? 0, tallies[at + 2] ?? 0];
  };
  const lungFigures = (side: 0 | 1): { figures: LungFigures; whole: Tally } => {
    const slices = Array.from({ length: grid.slices }, (_, k) => k);
    const withLung = slices.filter((k) => sliceTally(k, side)[0] > 0);
    const lowest = withLung[0] ?? 0;
    const extent = (withLung.at(-1) ?? 0) - lowest + 1;
    // Third 0 is the most cranial one.
    const thirdOf = (k: number): number => {
      const fromLow = Math.min(2, Math.floor((3 * (k - lowest)) / extent));
      return cranialIsHighK ? 2 - fromLow : fromLow;
    };
    const thirds: [Tally, Tally, Tally] = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (const k of withLung) addTally(thirds[thirdOf(k)] ?? [0, 0, 0], sliceTally(k, side));
    const whole = thirds.reduce((sum, t) => addTally(sum, t), [0, 0, 0] as Tally);
    const thirdFigures = {
      upper: figures(thirds[0], ml),
      middle: figures(thirds[1], ml),
      lower: figures(thirds[2], ml),
    };
    return { figures: { ...figures(whole, ml), thirds: thirdFigures }, whole };
  };

  const right = lungFigures(0);
  const left = lungFigures(1);
  const slices = positionsMm.map((z, k) => {
    const both = addTally(sliceTally(k, 0), sliceTally(k, 1));
    return {
      index: k,
      z,
      lungMl: both[0] * ml,
      ggoMl: both[1] * ml,
      consolidationMl: both[2] * ml,
    };
  });
  const total = figures(addTally([...right.whole], left.whole), ml);
  return { total, right: right.figures, left: left.figures, slices };
}

/** The severity class of an involvement (%): CT-0 below the healthy baseline, then quartiles. */
export function severityOf(involvementPercent: number, baselinePercent: number): Severity {
  if (involvementPercent < baselinePercent) return 'CT-0';
  if (involvementPercent < 25) return 'CT-1';
  if (involvementPercent < 50) return 'CT-2';
  if (involvementPercent < 75) return 'CT-3';
  return 'CT-4';
}

function addTally(into: Tally, more: Tally): Tally {
  into[0] += more[0];
  into[1] += more[1];
  into[2] += more[2];
  return into;
}

function figures([lung, ggo, consolidation]: Tally, ml: number): RegionFigures {
  const percent = (part: number): number => (lung > 0 ? (100 * part) / lung : 0);
  return {
    lungMl: lung * ml,
    ggoMl: ggo * ml,
    consolidationMl: consolidation * ml,
    ggoPercent: percent(ggo),
    consolidationPercent: percent(consolidation),
    involvementPercent: percent(ggo + consolidation),
  };
}
