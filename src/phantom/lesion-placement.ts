/**
 * COVID-19-like lesions: ground-glass opacities, consolidations and mixed ones, placed in the
 * periphery of the lungs with a bias to the lower and posterior zones, about a third of them
 * against the pleura. Their exact volumes come later from counting rendered label voxels.
 */
import { zAt, type Anatomy, type Ellipsoid, type Lesion, type LungSide } from './anatomy-types.js';
import { lungSection } from './lung-sections.js';
import type { SeededRandom } from './seeded-random.js';
import { insideLung } from './slice-plan.js';

interface Severity {
  readonly lesions: readonly [number, number];
  /** Range of the main radius, mm, for an adult. */
  readonly radiusMm: readonly [number, number];
}

const MILD: Severity = { lesions: [1, 3], radiusMm: [10, 22] };
const MODERATE: Severity = { lesions: [3, 6], radiusMm: [15, 32] };
const SEVERE: Severity = { lesions: [6, 10], radiusMm: [22, 45] };

const PLACEMENT_TRIES = 40;

/** Draws the lesions of one patient inside the lungs of `anatomy`. */
export function placeLesions(random: SeededRandom, anatomy: Anatomy): Lesion[] {
  const draw = random.next();
  const severity = draw < 0.4 ? MILD : draw < 0.8 ? MODERATE : SEVERE;
  const count = random.int(...severity.lesions);

  const lesions: Lesion[] = [];
  for (let i = 0; i < count; i++) {
    const lung: LungSide = random.chance(0.5) ? 'right' : 'left';
    const juxtaPleural = random.chance(0.35);
    const centre = findCentre(random, anatomy, lung, juxtaPleural);
    if (centre === undefined) continue;

    const kindDraw = random.next();
    const size = random.uniform(...severity.radiusMm) * anatomy.scale;
    lesions.push({
      kind: kindDraw < 0.55 ? 'ggo' : kindDraw < 0.85 ? 'mixed' : 'consolidation',
      lung,
      juxtaPleural,
      blobs: drawBlobs(random, centre, size),
      ggoHu: Math.round(random.uniform(-620, -480)),
      consolidationHu: Math.round(random.uniform(-50, 30)),
    });
  }
  return lesions;
}

// A centre inside the lung (not in the heart, diaphragm or bone): lower zones favoured,
// angles from antero-lateral to postero-medial, radius near the pleura or in the periphery.
function findCentre(
  random: SeededRandom,
  anatomy: Anatomy,
  side: LungSide,
  juxtaPleural: boolean,
): { x: number; y: number; z: number } | undefined {
  const lung = anatomy.lungs[side === 'right' ? 0 : 1];
  const lateral = side === 'right' ? -1 : 1;

  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    const depth = 0.2 + 0.75 * Math.sqrt(random.next());
    const t = lung.apexT + depth * (lung.baseT - lung.apexT);
    const section = lungSection(lung, t);
    if (section === undefined) continue;

    const angle = (random.uniform(-50, 120) * Math.PI) / 180; // 0 = lateral, 90° = posterior
    const rho = juxtaPleural ? random.uniform(0.85, 0.98) : random.uniform(0.55, 0.85);
    const x = section.cx + lateral * section.a * rho * Math.cos(angle);
    const y = section.cy + section.b * rho * Math.sin(angle);
    if (insideLung(anatomy, t, x, y)) return { x, y, z: zAt(anatomy.scan, t) };
  }
  return undefined;
}

// One to three overlapping ellipsoids make an irregular, lobulated opacity.
function drawBlobs(
  random: SeededRandom,
  centre: { x: number; y: number; z: number },
  size: number,
): Ellipsoid[] {
  const radius = (): number => size * random.uniform(0.7, 1.3);
  const blobs: Ellipsoid[] = [
    { center: centre, rx: radius(), ry: radius(), rz: radius(), angle: random.uniform(0, Math.PI) },
  ];

  const extra = random.int(0, 2);
  for (let i = 0; i < extra; i++) {
    const direction = random.uniform(0, 2 * Math.PI);
    const distance = size * random.uniform(0.3, 0.7);
    const shrink = random.uniform(0.5, 0.8);
    blobs.push({
      center: {
        x: centre.x + distance * Math.cos(direction),
        y: centre.y + distance * Math.sin(direction),
        z: centre.z + size * random.uniform(-0.5, 0.5),
      },
      rx: radius() * shrink,
      ry: radius() * shrink,
      rz: radius() * shrink,
      angle: random.uniform(0, Math.PI),
    });
  }
  return blobs;
}
