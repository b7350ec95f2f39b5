/**
 * One pass over the slices of an axial volume that measures, per slice, everything the image
 * checks compare: body and lung areas, the outline band and the body's overlap with the slice
 * before, whether the table shows, the blood-pool density and the noise. Only the previous
 * slice's masks are kept, so memory stays at two coarse slices whatever the series length.
 */
import type { Volume } from '../volume/volume.js';
import { dice } from './binary-image.js';
import { bloodPool } from './blood-pool.js';
import { noiseLevel } from './noise-level.js';
import { sliceAnatomy, type SliceAnatomy } from './slice-anatomy.js';
import { blockFactor, volumeSlice } from './slice-image.js';
import { showsTable } from './table-check.js';

/** The measures of one slice (areas mm², lengths mm, densities HU). */
export interface SliceMeasures {
  readonly bodyAreaMm2: number;
  readonly lungAreaMm2: number;
  readonly edgeBandMm: number;
  /** 1 − Dice of the body with the previous slice's body (0 for the first slice). */
  readonly bodyChange: number;
  readonly table: boolean;
  readonly bloodPoolUpperQuartileHu?: number;
  readonly noiseHu?: number;
}

/**
 * Measures every slice. `tableRowSign` is +1 when the table lies towards higher row numbers
 * (supine, rows running posterior), −1 the other way, 0 when it cannot be known.
 */
export function surveySlices(volume: Volume, tableRowSign: -1 | 0 | 1): SliceMeasures[] {
  const factor = blockFactor(volume.pixelSpacingMm);
  const sliceVoxels = volume.rows * volume.columns;
  const measures: SliceMeasures[] = [];
  let previous: SliceAnatomy | undefined;

  for (let k = 0; k < volume.sliceCount; k++) {
    const slice = volumeSlice(volume, k, factor);
    const anatomy = sliceAnatomy(slice);
    const pool = bloodPool(slice, anatomy);
    const noise = noiseLevel({
      hu: volume.hu.subarray(k * sliceVoxels, (k + 1) * sliceVoxels),
      columns: volume.columns,
      rows: volume.rows,
      body: anatomy.body,
      factor,
    });

    measures.push({
      bodyAreaMm2: anatomy.bodyAreaMm2,
      lungAreaMm2: anatomy.lungAreaMm2,
      edgeBandMm: anatomy.edgeBandMm,
      bodyChange: previous === undefined ? 0 : 1 - dice(previous.body, anatomy.body),
      table: tableRowSign !== 0 && showsTable(anatomy, tableRowSign),
      ...(pool === undefined ? {} : { bloodPoolUpperQuartileHu: pool.upperQuartileHu }),
      ...(noise === undefined ? {} : { noiseHu: noise }),
    });
    previous = anatomy;
  }
  return measures;
}
