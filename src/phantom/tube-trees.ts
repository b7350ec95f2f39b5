/**
 * The airway and pulmonary vessel trees as straight tubes. Airways: trachea, main, lobar and
 * segmental bronchi with soft-tissue walls. Vessels: from each hilum, branches that split in two
 * at each of six levels and thin by a quarter at each level, so they are finest at the pleura.
 */
import {
  tAtZ,
  zAt,
  type Airway,
  type AnatomyFrame,
  type LungModel,
  type Point3,
  type Tube,
} from './anatomy-types.js';
import { lungSection } from './lung-sections.js';
import type { SeededRandom } from './seeded-random.js';

const VESSEL_LEVELS = 7;
const VESSEL_THINNING = 0.74;

/** Trachea, main bronchi, lobar bronchi and two segmental branches from each lobar bronchus. */
export function buildAirways(random: SeededRandom, frame: AnatomyFrame): Airway[] {
  const { bodyCx: cx, innerW: w, scale: s, scan } = frame;
  const [right, left] = frame.lungs;
  const y = frame.spineY - frame.vertebraRadius - 26 * s;
  const carinaT = (right.apexT + left.apexT) / 2 + 0.33 * (right.baseT - right.apexT);
  const at = (x: number, dy: number, dt: number): Point3 => ({
    x,
    y: y + dy * s,
    z: zAt(scan, carinaT + dt),
  });
  const carina = at(cx + 2 * s, 0, 0);
  const rightHilum = at(cx - 0.4 * w, 8, 0.07);
  const leftHilum = at(cx + 0.42 * w, 12, 0.12);
  const tube = (from: Point3, to: Point3, radius: number, central = false): Airway => ({
    from,
    to,
    radius: radius * s,
    wall: Math.max(1, radius * 0.25) * s,
    central,
  });

  const lobar = [
    tube(rightHilum, at(cx - 0.62 * w, -6, -0.04), 4),
    tube(rightHilum, at(cx - 0.5 * w, 18, 0.3), 4.5),
    tube(rightHilum, at(cx - 0.45 * w, -35, 0.2), 3.5),
    tube(leftHilum, at(cx + 0.62 * w, -10, 0.06), 4),
    tube(leftHilum, at(cx + 0.55 * w, 22, 0.32), 4),
  ];
  const segmental = lobar.flatMap((parent) =>
    [0, 1].map(() => {
      const end = {
        x: parent.to.x + random.uniform(-25, 25) * s,
        y: parent.to.y + random.uniform(-25, 25) * s,
        z: parent.to.z + random.uniform(-0.06, 0.06) * scanLength(frame),
      };
      return tube(parent.to, end, 2.5);
    }),
  );

  return [
    tube(at(cx + 2 * s, 0, -1), carina, 8.5, true),
    tube(carina, rightHilum, 6.5, true),
    tube(carina, leftHilum, 5.5, true),
    ...lobar,
    ...segmental,
  ];
}

/** Vessel trees of both lungs, grown from each hilum towards points inside the lung. */
export function growVessels(random: SeededRandom, frame: AnatomyFrame): Tube[] {
  const tubes: Tube[] = [];
  for (const lung of frame.lungs) {
    const height = lung.baseT - lung.apexT;
    const medial = lung.side === 'right' ? 1 : -1;
    const hilumT = lung.apexT + 0.45 * height;
    const hilum = { x: lung.cx + medial * lung.ax * 0.55, y: lung.cy, z: zAt(frame.scan, hilumT) };
    // Roots towards the apex, the lateral, anterior and posterior mid-lung, and the base.
    const roots: [number, number, number][] = [
      [0.1, 0, 0.2],
      [0.4, -medial * 0.8, 0],
      [0.55, 0, -0.7],
      [0.8, 0, 0.8],
      [0.85, -medial * 0.7, 0.2],
    ];
    for (const [rel, ux, uy] of roots) {
      const target = lungPoint(frame, lung, lung.apexT + rel * height, ux, uy);
      if (target !== undefined)
        grow(random, frame, lung, tubes, hilum, target, 5.5 * frame.scale, 1);
    }
  }
  return tubes;
}

function grow(
  random: SeededRandom,
  frame: AnatomyFrame,
  lung: LungModel,
  tubes: Tube[],
  from: Point3,
  target: Point3,
  radius: number,
  level: number,
): void {
  const to = {
    x: from.x + 0.6 * (target.x - from.x),
    y: from.y + 0.6 * (target.y - from.y),
    z: from.z + 0.6 * (target.z - from.z),
  };
  tubes.push({ from, to, radius });
  if (level === VESSEL_LEVELS) return;

  const spread = 0.12 * (lung.baseT - lung.apexT) * (1 - level / (VESSEL_LEVELS + 1));
  for (let child = 0; child < 2; child++) {
    const drawn = tAtZ(frame.scan, to.z) + random.normal(0, spread);
    const t = clamp(drawn, lung.apexT + 0.03, lung.baseT - 0.03);
    const section = lungSection(lung, t);
    if (section === undefined) continue;
    // Aim outward: keep the branch's direction from the lung centre, jittered.
    const angle = Math.atan2((to.y - section.cy) / section.b, (to.x - section.cx) / section.a);
    const turn = angle + random.normal(0, 0.7);
    const reach = random.uniform(0.45, 0.95);
    const next = lungPoint(frame, lung, t, reach * Math.cos(turn), reach * Math.sin(turn));
    if (next !== undefined)
      grow(random, frame, lung, tubes, to, next, radius * VESSEL_THINNING, level + 1);
  }
}

// A point at (ux, uy) in units of the lung's semi-axes at position t, if the lung exists there.
function lungPoint(
  frame: AnatomyFrame,
  lung: LungModel,
  t: number,
  ux: number,
  uy: number,
): Point3 | undefined {
  const section = lungSection(lung, t);
  if (section === undefined) return undefined;
  return { x: section.cx + ux * section.a, y: section.cy + uy * section.b, z: zAt(frame.scan, t) };
}

function scanLength(frame: AnatomyFrame): number {
  return (frame.scan.slices - 1) * frame.scan.sliceSpacingMm;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
