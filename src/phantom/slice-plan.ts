/**
 * Cuts the 3-D anatomy at one slice into flat shapes: everything the renderer paints, in mm,
 * computed once per slice so that rasterising is only span filling.
 */
import {
  LUNG_LABEL,
  zAt,
  type Airway,
  type Anatomy,
  type AnatomyFrame,
  type Ellipse,
  type Ellipsoid,
  type Lesion,
  type Paint,
  type Tube,
} from './anatomy-types.js';
import { solidsAt } from './chest-solids.js';
import { circle } from './ellipse-spans.js';
import { insideEllipse, lungSection } from './lung-sections.js';

/** A lung's cross-section and the label its voxels get. */
export interface LungPaint {
  readonly ellipse: Ellipse;
  readonly label: number;
}

/** The patient couch: circular shells clipped to a width, painted on air before the body. */
export interface TablePlan {
  readonly layers: readonly Paint[];
  readonly halfWidthMm: number;
}

/** All shapes of one slice, in painting order. */
export interface SlicePlan {
  readonly t: number;
  readonly z: number;
  readonly table: TablePlan | undefined;
  readonly body: readonly Paint[];
  readonly lungs: readonly LungPaint[];
  readonly solids: readonly Paint[];
  readonly ggo: readonly Paint[];
  readonly consolidation: readonly Paint[];
  readonly vessels: readonly Ellipse[];
  /** Airway walls, then lumens; `lungOnly` ones are painted only over lung voxels. */
  readonly airways: readonly AirwayPaint[];
}

/** A disc of airway wall or lumen. */
export interface AirwayPaint extends Paint {
  readonly lungOnly: boolean;
}

/** Plans the slice at position `t` along the scan. */
export function planSlice(anatomy: Anatomy, t: number): SlicePlan {
  const z = zAt(anatomy.scan, t);
  const step = anatomy.scan.pixelMm * 0.75; // disc spacing along a tube, under one pixel

  return {
    t,
    z,
    table: anatomy.hasTable ? planTable(anatomy) : undefined,
    body: planBody(anatomy),
    lungs: planLungs(anatomy, t),
    solids: solidsAt(anatomy, t, z),
    ggo: lesionPaints(anatomy.lesions, z, 'ggo'),
    consolidation: lesionPaints(anatomy.lesions, z, 'consolidation'),
    vessels: anatomy.vessels.flatMap((tube) => tubeSections(tube, z, tube.radius, step)),
    airways: [
      ...airwayPaints(anatomy.airways, z, step, 'wall'),
      ...airwayPaints(anatomy.airways, z, step, 'lumen'),
    ],
  };
}

function airwayPaints(
  airways: readonly Airway[],
  z: number,
  step: number,
  part: 'wall' | 'lumen',
): AirwayPaint[] {
  return airways.flatMap((airway) => {
    const radius = part === 'wall' ? airway.radius + airway.wall : airway.radius;
    const hu = part === 'wall' ? 40 : -1000;
    return tubeSections(airway, z, radius, step).map((ellipse) => ({
      ellipse,
      hu,
      lungOnly: !airway.central,
    }));
  });
}

/** True when (x, y) at position `t` is lung: inside a lung section and outside every solid. */
export function insideLung(frame: AnatomyFrame, t: number, x: number, y: number): boolean {
  const inLung = planLungs(frame, t).some((lung) => insideEllipse(lung.ellipse, x, y));
  if (!inLung) return false;
  return !solidsAt(frame, t, zAt(frame.scan, t)).some((s) => insideEllipse(s.ellipse, x, y));
}

function planLungs(frame: AnatomyFrame, t: number): LungPaint[] {
  const paints: LungPaint[] = [];
  for (const lung of frame.lungs) {
    const ellipse = lungSection(lung, t);
    if (ellipse !== undefined) paints.push({ ellipse, label: LUNG_LABEL[lung.side] });
  }
  return paints;
}

// Subcutaneous fat, then muscle and soft tissue inside it.
function planBody(frame: AnatomyFrame): Paint[] {
  const outer = { cx: frame.bodyCx, cy: frame.bodyCy, a: frame.bodyA, b: frame.bodyB, angle: 0 };
  const inner = { ...outer, a: frame.bodyA - frame.fatMm, b: frame.bodyB - frame.fatMm };
  return [
    { ellipse: outer, hu: -100 },
    { ellipse: inner, hu: 40 },
  ];
}

// A curved carbon-fibre couch: two 3 mm shells (about 300 HU) around a foam core (-900 HU),
// concentric arcs of radius 380 mm whose lowest inner point is 3 mm under the patient.
function planTable(frame: AnatomyFrame): TablePlan {
  const radius = 380;
  const top = frame.bodyCy + frame.bodyB + 3;
  const centreY = top - radius;
  const layer = (extra: number, hu: number): Paint => ({
    ellipse: circle(frame.bodyCx, centreY, radius + extra),
    hu,
  });
  return {
    layers: [layer(20, 300), layer(17, -900), layer(3, 300), layer(0, -1000)],
    halfWidthMm: 230,
  };
}

// Ground glass comes from `ggo` and `mixed` lesions; consolidation from `consolidation`
// lesions and from the half-size core of `mixed` ones.
function lesionPaints(
  lesions: readonly Lesion[],
  z: number,
  part: 'ggo' | 'consolidation',
): Paint[] {
  const paints: Paint[] = [];
  for (const lesion of lesions) {
    const core = part === 'consolidation' && lesion.kind === 'mixed';
    if (part === 'ggo' ? lesion.kind === 'consolidation' : lesion.kind === 'ggo') continue;
    const hu = part === 'ggo' ? lesion.ggoHu : lesion.consolidationHu;
    for (const blob of lesion.blobs) {
      const ellipse = ellipsoidSection(blob, z, core ? 0.5 : 1);
      if (ellipse !== undefined) paints.push({ ellipse, hu });
    }
  }
  return paints;
}

/** The cross-section at z of an ellipsoid shrunk by `factor`, if the plane cuts it. */
export function ellipsoidSection(blob: Ellipsoid, z: number, factor = 1): Ellipse | undefined {
  const dz = (z - blob.center.z) / (blob.rz * factor);
  const k2 = 1 - dz * dz;
  if (k2 <= 0) return undefined;
  const k = Math.sqrt(k2) * factor;
  return {
    cx: blob.center.x,
    cy: blob.center.y,
    a: blob.rx * k,
    b: blob.ry * k,
    angle: blob.angle,
  };
}

/**
 * The cross-section of a tube of the given radius with the plane z, as discs along the part
 * of its axis within one radius of the plane (an oblique tube gives a streak of discs).
 */
export function tubeSections(tube: Tube, z: number, radius: number, stepMm: number): Ellipse[] {
  const { from, to } = tube;
  const dz = to.z - from.z;
  let u0: number;
  let uLow: number;
  let uHigh: number;
  if (Math.abs(dz) < 1e-9) {
    if (Math.abs(from.z - z) >= radius) return [];
    [u0, uLow, uHigh] = [0, 0, 1];
  } else {
    const ua = (z - radius - from.z) / dz;
    const ub = (z + radius - from.z) / dz;
    uLow = Math.max(0, Math.min(ua, ub));
    uHigh = Math.min(1, Math.max(ua, ub));
    if (uLow > uHigh) return [];
    u0 = Math.min(uHigh, Math.max(uLow, (z - from.z) / dz));
  }

  const inPlane = Math.hypot(to.x - from.x, to.y - from.y);
  const du = inPlane > 0 ? stepMm / inPlane : 2;
  const discs: Ellipse[] = [];
  const add = (u: number): void => {
    const offset = from.z + u * dz - z;
    const r2 = radius * radius - offset * offset;
    if (r2 <= 0) return;
    const x = from.x + u * (to.x - from.x);
    const y = from.y + u * (to.y - from.y);
    discs.push(circle(x, y, Math.sqrt(r2)));
  };
  for (let u = u0; u <= uHigh; u += du) add(u);
  for (let u = u0 - du; u >= uLow; u -= du) add(u);
  return discs;
}
