/**
 * The solid structures of a slice that displace lung: mediastinal fat, heart, great vessels,
 * oesophagus, diaphragm domes, spine, ribs and sternum. Each is an ellipse of one attenuation
 * (HU, unenhanced): soft tissue and blood about 40, fat about -90, cortical bone 600–700,
 * cancellous bone about 220. Their extents along the scan are fractions of the lung height.
 */
import type { AnatomyFrame, Ellipse, Paint } from './anatomy-types.js';
import { circle } from './ellipse-spans.js';
import { domeSection } from './lung-sections.js';

const SOFT_TISSUE_HU = 40;
const FAT_HU = -90;
const CORTICAL_HU = 650;
const CANCELLOUS_HU = 220;
const DISC_HU = 90;
const RIBS_PER_SIDE = 9;

/** The solids of the slice at `t` (z in mm), in painting order. */
export function solidsAt(frame: AnatomyFrame, t: number, z: number): Paint[] {
  return [...mediastinum(frame, t), ...domes(frame, t), ...spine(frame, z), ...ribs(frame, t, z)];
}

// Position relative to the lungs: 0 at the apices, 1 at the bases.
function relative(frame: AnatomyFrame, t: number): number {
  const [right, left] = frame.lungs;
  const apex = (right.apexT + left.apexT) / 2;
  const base = (right.baseT + left.baseT) / 2;
  return (t - apex) / (base - apex);
}

function within(rel: number, from: number, to: number): boolean {
  return rel >= from && rel <= to;
}

function mediastinum(frame: AnatomyFrame, t: number): Paint[] {
  const { bodyCx: cx, thoraxCy: ty, innerW: w, innerH: h, scale: s } = frame;
  const rel = relative(frame, t);
  const paints: Paint[] = [];
  const add = (ellipse: Ellipse, hu: number): void => {
    paints.push({ ellipse, hu });
  };

  // The mediastinum between the lungs gives them their flat medial surfaces.
  add({ cx, cy: ty + 0.1 * h, a: 0.11 * w, b: 0.85 * h, angle: 0 }, SOFT_TISSUE_HU);
  if (within(rel, 0.12, 0.5)) {
    const bump = Math.sin((Math.PI * (rel - 0.12)) / 0.38);
    add({ cx, cy: ty - 0.45 * h, a: 0.16 * w, b: 0.24 * h * bump, angle: 0 }, FAT_HU);
  }
  if (within(rel, 0.4, 0.88)) {
    const size = Math.sqrt(Math.sin((Math.PI * (rel - 0.4)) / 0.48));
    const heart = { cx: cx + 0.16 * w, cy: ty - 0.12 * h, a: 0.4 * w * size, b: 0.46 * h * size };
    add({ ...heart, a: heart.a + 4 * s, b: heart.b + 4 * s, angle: -0.35 }, FAT_HU); // epicardial
    add({ ...heart, angle: -0.35 }, SOFT_TISSUE_HU);
  }
  if (within(rel, 0.18, 0.26)) {
    add({ cx: cx + 4 * s, cy: ty - 0.05 * h, a: 14 * s, b: 0.3 * h, angle: -0.5 }, SOFT_TISSUE_HU);
  }
  if (within(rel, 0.24, 0.48)) add(circle(cx - 8 * s, ty - 0.28 * h, 15 * s), SOFT_TISSUE_HU);
  if (within(rel, 0.32, 0.45)) add(circle(cx + 14 * s, ty - 0.2 * h, 13 * s), SOFT_TISSUE_HU);
  if (within(rel, 0.12, 0.4)) add(circle(cx - 24 * s, ty - 0.22 * h, 9 * s), SOFT_TISSUE_HU);

  const prevertebral = frame.spineY - frame.vertebraRadius;
  if (rel >= 0.2) add(circle(cx + 22 * s, prevertebral - 8 * s, 12 * s), SOFT_TISSUE_HU); // aorta
  add(circle(cx + 6 * s, prevertebral - 9 * s, 7 * s), SOFT_TISSUE_HU); // oesophagus

  return paints;
}

function domes(frame: AnatomyFrame, t: number): Paint[] {
  const paints: Paint[] = [];
  for (const lung of frame.lungs) {
    const dome = domeSection(lung, t);
    if (dome !== undefined) paints.push({ ellipse: dome, hu: lung.domeHu });
  }
  return paints;
}

// Vertebral body (cortex and marrow, or an intervertebral disc), canal and posterior elements.
function spine(frame: AnatomyFrame, z: number): Paint[] {
  const { bodyCx: cx, spineY: y, vertebraRadius: r, scale: s } = frame;
  const phase = (((z / frame.vertebraPitchMm) % 1) + 1) % 1;
  const body = { cx, cy: y, a: r * 1.12, b: r, angle: 0 };
  const paints: Paint[] =
    phase < 0.18
      ? [{ ellipse: body, hu: DISC_HU }]
      : [
          { ellipse: body, hu: CORTICAL_HU },
          { ellipse: { ...body, a: body.a - 2.5 * s, b: body.b - 2.5 * s }, hu: CANCELLOUS_HU },
        ];

  const canalY = y + r + 7 * s;
  paints.push({ ellipse: { cx, cy: canalY, a: 12 * s, b: 9 * s, angle: 0 }, hu: CORTICAL_HU });
  paints.push({ ellipse: circle(cx, canalY, 7 * s), hu: 15 }); // cerebrospinal fluid and cord
  paints.push({ ellipse: { cx, cy: canalY + 17 * s, a: 4 * s, b: 10 * s, angle: 0 }, hu: 500 });
  for (const side of [-1, 1]) {
    const process = { cx: cx + side * (r + 8 * s), cy: y + 0.6 * r, a: 11 * s, b: 4 * s };
    paints.push({ ellipse: { ...process, angle: side * 0.35 }, hu: 500 });
  }
  return paints;
}

// Ribs cut obliquely: around each side of the chest wall, every angle alternates rib and
// intercostal space along z, with a phase that shifts from back to front.
function ribs(frame: AnatomyFrame, t: number, z: number): Paint[] {
  const { bodyCx: cx, thoraxCy: ty, scale: s } = frame;
  const rw = frame.innerW + 4 * s;
  const rh = frame.innerH + 4 * s;
  const paints: Paint[] = [];

  for (let k = 0; k < RIBS_PER_SIDE; k++) {
    const wave = Math.sin(2 * Math.PI * (z / frame.ribPitchMm + frame.ribPhase + k * 0.11));
    if (wave < -0.15) continue;
    const theta = ((-70 + (165 * k) / (RIBS_PER_SIDE - 1)) * Math.PI) / 180;
    for (const side of [1, -1]) {
      const angle = side === 1 ? theta : Math.PI - theta;
      const x = cx + rw * Math.cos(angle);
      const y = ty + rh * Math.sin(angle);
      const tangent = Math.atan2(rh * Math.cos(angle), -rw * Math.sin(angle));
      paints.push({ ellipse: { cx: x, cy: y, a: 7 * s, b: 3.5 * s, angle: tangent }, hu: 700 });
      paints.push({ ellipse: { cx: x, cy: y, a: 5 * s, b: 2 * s, angle: tangent }, hu: 250 });
    }
  }

  const rel = relative(frame, t);
  if (within(rel, 0.1, 0.78)) {
    const sternum = { cx, cy: ty - frame.innerH - 6 * s, a: 13 * s, b: 5 * s, angle: 0 };
    paints.push({ ellipse: sternum, hu: CORTICAL_HU });
    paints.push({ ellipse: { ...sternum, a: 10 * s, b: 3 * s }, hu: CANCELLOUS_HU });
  }
  return paints;
}
