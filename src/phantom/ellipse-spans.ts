/**
 * Rasterises ellipses as row spans on the 512 × 512 slice grid: for each image row the covered
 * columns are found by solving the ellipse's quadratic, so painting costs one call per row
 * instead of one inside-test per pixel. A pixel is covered when its centre is inside.
 */
import type { Ellipse } from './anatomy-types.js';

/** Rows and columns of every phantom slice. */
export const GRID_SIZE = 512;

// Pixel centres sit at (index - 255.5) × pixel spacing from the image centre.
const HALF = (GRID_SIZE - 1) / 2;

/** Receives the inclusive column range `first..last` covered on image row `row`. */
export type SpanVisitor = (row: number, first: number, last: number) => void;

/** Calls `visit` for each image row that the ellipse covers, with the covered columns. */
export function forEachSpan(ellipse: Ellipse, pixelMm: number, visit: SpanVisitor): void {
  const { cx, cy, a, b, angle } = ellipse;
  if (a <= 0 || b <= 0) return;

  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const ia2 = 1 / (a * a);
  const ib2 = 1 / (b * b);
  // u = x cos + y sin, v = -x sin + y cos; u²/a² + v²/b² ≤ 1 is A x² + 2 B x y + C y² ≤ 1.
  const qa = cos * cos * ia2 + sin * sin * ib2;
  const qb = cos * sin * (ia2 - ib2);
  const qc = sin * sin * ia2 + cos * cos * ib2;
  const yExtent = Math.sqrt(a * a * sin * sin + b * b * cos * cos);

  const firstRow = Math.max(0, Math.ceil((cy - yExtent) / pixelMm + HALF));
  const lastRow = Math.min(GRID_SIZE - 1, Math.floor((cy + yExtent) / pixelMm + HALF));
  for (let row = firstRow; row <= lastRow; row++) {
    const y = (row - HALF) * pixelMm - cy;
    const halfB = qb * y;
    const discriminant = halfB * halfB - qa * (qc * y * y - 1);
    if (discriminant < 0) continue;
    const root = Math.sqrt(discriminant);
    const x0 = (-halfB - root) / qa + cx;
    const x1 = (-halfB + root) / qa + cx;
    const first = Math.max(0, Math.ceil(x0 / pixelMm + HALF));
    const last = Math.min(GRID_SIZE - 1, Math.floor(x1 / pixelMm + HALF));
    if (first <= last) visit(row, first, last);
  }
}

/** The millimetre coordinate of the centre of pixel row or column `index`. */
export function pixelCentreMm(index: number, pixelMm: number): number {
  return (index - HALF) * pixelMm;
}

/** A circle as an {@link Ellipse}. */
export function circle(cx: number, cy: number, radius: number): Ellipse {
  return { cx, cy, a: radius, b: radius, angle: 0 };
}
