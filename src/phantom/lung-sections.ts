/**
 * The cross-sections of a lung and of its diaphragm dome along the scan. From the apex a lung
 * widens like a dome (radius ∝ √depth), keeps its size through the hila, and narrows a little
 * towards the base, while the diaphragm rises into it from the front so that the lowest slices
 * keep only the posterior costophrenic recess.
 */
import type { Ellipse, LungModel } from './anatomy-types.js';

// Fraction of the lung height over which the apex widens to full size.
const APEX_FRACTION = 0.3;

/** The lung's ellipse at position `t`, or undefined above its apex or below its base. */
export function lungSection(lung: LungModel, t: number): Ellipse | undefined {
  const u = (t - lung.apexT) / (lung.baseT - lung.apexT);
  if (u <= 0 || u >= 1) return undefined;

  const rise = Math.min(1, u / APEX_FRACTION);
  const narrowing = u > 0.75 ? 1 - (u - 0.75) : 1;
  const size = Math.sqrt(rise) * narrowing;

  return {
    cx: lung.cx,
    cy: lung.cy + lung.by * 0.3 * (1 - rise), // the apices sit towards the back
    a: lung.ax * size,
    b: lung.by * size,
    angle: 0,
  };
}

/** The diaphragm dome's ellipse under this lung at `t`, or undefined above the dome. */
export function domeSection(lung: LungModel, t: number): Ellipse | undefined {
  if (t <= lung.domeT) return undefined;

  const growth = Math.sqrt(Math.min(1, (t - lung.domeT) / (lung.baseT - lung.domeT)));
  const medial = lung.side === 'right' ? 1 : -1; // towards the midline, in image x

  return {
    cx: lung.cx + medial * lung.ax * 0.1,
    cy: lung.cy - lung.by * 0.25,
    a: lung.ax * 1.25 * growth,
    b: lung.by * 1.25 * growth,
    angle: 0,
  };
}

/** True when (x, y) lies inside an ellipse. */
export function insideEllipse(ellipse: Ellipse, x: number, y: number): boolean {
  const dx = x - ellipse.cx;
  const dy = y - ellipse.cy;
  const cos = Math.cos(ellipse.angle);
  const sin = Math.sin(ellipse.angle);
  const u = (dx * cos + dy * sin) / ellipse.a;
  const v = (-dx * sin + dy * cos) / ellipse.b;
  return u * u + v * v <= 1;
}
