/**
 * The cheap 2-D anatomy of one axial slice that the quality checks compare: the body (largest
 * soft-tissue component, holes filled), the lung air inside it, the dense structures outside it
 * and the band of intermediate values around its outline. Thresholds in HU on the block-averaged
 * slice; no 3-D segmentation, so a slice costs a few milliseconds.
 */
import {
  boundaryLength,
  components,
  dilate,
  fillHoles,
  maskArea,
  maskOf,
  type Component,
  type Mask,
} from './binary-image.js';
import type { SliceImage } from './slice-image.js';

/** What one slice shows, in mm and mm². */
export interface SliceAnatomy {
  readonly body: Mask;
  readonly bodyAreaMm2: number;
  readonly lungAir: Mask;
  readonly lungAreaMm2: number;
  /** Lung components, largest first (each ≥ 1 cm² and not gas). */
  readonly lungs: readonly Component[];
  /** Dense structures outside the body, largest first. */
  readonly outsideDense: readonly Component[];
  /** Mean width of intermediate values just outside the body outline (mm). */
  readonly edgeBandMm: number;
  /** Bounding rows and columns of the body. */
  readonly bodyBox: Pick<Component, 'minColumn' | 'maxColumn' | 'minRow' | 'maxRow'> | undefined;
}

// Skin, fat and muscle are above -300 HU, air and lung below: -300 keeps the fat in the body.
const BODY_HU = -300;
// Aerated lung is below -400 HU (normal lung -850, ground glass up to -300 stays partly out).
const LUNG_AIR_HU = -400;
// Lung has vessels and partial volume that lift its median above -975 HU; gas in the trachea,
// stomach or bowel reads -1000 HU, so its median stays below.
const GAS_MEDIAN_HU = -975;
// A lung section smaller than 1 cm² is ignored: the end of an apex, or noise.
const MIN_LUNG_MM2 = 100;
// Between air (-1000) and fat (-100): only blurred or doubled edges put values in this band.
const BAND_LOW_HU = -800;
const BAND_HIGH_HU = BODY_HU;
// How far outside the body outline the band is sought (mm): beyond a breathing ghost's shift.
const BAND_REACH_MM = 12;
// Dense outside the body: table shells, arms, devices (HU).
const DENSE_HU = -200;
// Dense pieces smaller than this (mm²) are wires, electrodes or noise.
const MIN_DENSE_MM2 = 30;

/** The anatomy of one slice. */
export function sliceAnatomy(slice: SliceImage): SliceAnatomy {
  const { width, height, hu, pixelMm } = slice;
  const pixelMm2 = pixelMm * pixelMm;

  const soft = threshold(slice, (value) => value > BODY_HU);
  const largest = components(soft)[0];
  const body = largest ? fillHoles(maskOf(width, height, largest.pixels)) : soft;
  const bodyArea = maskArea(body);

  const air = threshold(slice, (value, i) => value < LUNG_AIR_HU && body.data[i] === 1);
  const lungs = components(air).filter(
    (component) =>
      component.pixels.length * pixelMm2 >= MIN_LUNG_MM2 &&
      medianHu(hu, component.pixels) > GAS_MEDIAN_HU,
  );
  const lungAir = maskOf(width, height, concat(lungs));

  const near = dilate(body, Math.ceil(BAND_REACH_MM / pixelMm));
  const band = threshold(
    slice,
    (value, i) =>
      value > BAND_LOW_HU && value < BAND_HIGH_HU && near.data[i] === 1 && body.data[i] === 0,
  );
  const outline = boundaryLength(body);

  const dense = threshold(slice, (value, i) => value > DENSE_HU && near.data[i] !== 1);
  const outsideDense = components(dense, true).filter(
    (component) => component.pixels.length * pixelMm2 >= MIN_DENSE_MM2,
  );

  return {
    body,
    bodyAreaMm2: bodyArea * pixelMm2,
    lungAir,
    lungAreaMm2: maskArea(lungAir) * pixelMm2,
    lungs,
    outsideDense,
    edgeBandMm: outline > 0 ? (maskArea(band) / outline) * pixelMm : 0,
    bodyBox: largest,
  };
}

function threshold(slice: SliceImage, inside: (value: number, index: number) => boolean): Mask {
  const data = new Uint8Array(slice.hu.length);
  slice.hu.forEach((value, i) => {
    if (inside(value, i)) data[i] = 1;
  });
  return { width: slice.width, height: slice.height, data };
}

function medianHu(hu: Float32Array, pixels: Int32Array): number {
  const values = Float32Array.from(pixels, (index) => hu[index] ?? 0).sort();
  return values[Math.floor(values.length / 2)] ?? 0;
}

function concat(parts: readonly Component[]): Int32Array {
  const all = new Int32Array(parts.reduce((sum, part) => sum + part.pixels.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part.pixels, at);
    at += part.pixels.length;
  }
  return all;
}
