/**
 * The body: the largest 3D component denser than about −500 HU (skin, fat, muscle, bone), with
 * each slice's holes filled so the lungs and airways lie inside it. Outside air, the patient
 * table and blankets are separate components (the couch lies under an air gap), so they fall
 * away with everything that is not the largest component.
 */
import { bySize, findComponents, paintComponents } from './connected-components.js';
import type { Grid } from './grid.js';
import { fillHolesPerSlice } from './hole-fill.js';

/** The body mask (1 inside) of a volume in HU. */
export function segmentBody(
  hu: Int16Array | Float32Array,
  grid: Grid,
  thresholdHu: number,
): Uint8Array {
  const mask = new Uint8Array(hu.length);
  for (let p = 0; p < hu.length; p++) if ((hu[p] ?? 0) > thresholdHu) mask[p] = 1;

  const components = findComponents(mask, grid);
  const [largest] = bySize(components);
  mask.fill(0);
  if (largest === undefined) return mask;
  paintComponents(components, (component) => (component === largest ? 1 : 0), mask);

  fillHolesPerSlice(mask, grid);
  return mask;
}
