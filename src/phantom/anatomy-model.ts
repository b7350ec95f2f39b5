/**
 * Draws the anatomy of one synthetic patient: body habitus, thoracic cavity, lungs, spine and
 * ribs, the airway and vessel trees and the lesions. Sizes are in mm; a child's chest is scaled
 * down with age. The scan always spans apex to lung base, as in the reference protocol, so the
 * lungs stretch over the requested slices × spacing.
 */
import type { Anatomy, LungModel, ScanGeometry } from './anatomy-types.js';
import { placeLesions } from './lesion-placement.js';
import type { SeededRandom } from './seeded-random.js';
import { buildAirways, growVessels } from './tube-trees.js';

/** What the anatomy depends on: the patient, the scan and whether the couch is in view. */
export interface AnatomyInput {
  readonly age: number;
  readonly sex: 'M' | 'F';
  readonly slices: number;
  readonly thicknessMm: number;
  readonly hasTable: boolean;
}

// Reconstruction diameters (mm) an operator would choose; 360 mm gives 0.703 mm pixels.
const FIELDS_OF_VIEW = [300, 320, 340, 360, 380, 400, 430, 460, 500];

/** Builds the whole anatomy of one patient from its own random stream. */
export function buildAnatomy(random: SeededRandom, input: AnatomyInput): Anatomy {
  const scale = bodyScale(random, input);
  const habitus = random.uniform(0.92, 1.18); // lean to obese
  const bodyA = 165 * scale * habitus;
  const bodyB = 112 * scale * habitus;
  const fatMm = (6 + (22 * (habitus - 0.92)) / 0.26) * scale;
  const wall = 13 * scale; // muscle and ribs between the fat and the pleura
  const bodyCx = random.uniform(-6, 6);
  const bodyCy = random.uniform(-16, -8);
  // The cavity sits forward in the body: the back keeps room for the spine and its muscles.
  const thoraxCy = bodyCy - 12 * scale;
  const innerW = bodyA - fatMm - wall;
  const innerH = bodyB - fatMm - wall - 12 * scale;

  const needed = 2 * Math.max(bodyA + 12, bodyB + Math.abs(bodyCy) + 36);
  const fovMm = FIELDS_OF_VIEW.find((fov) => fov >= needed) ?? 500;
  const scan: ScanGeometry = {
    slices: input.slices,
    thicknessMm: input.thicknessMm,
    sliceSpacingMm: input.thicknessMm,
    topZ: Math.round(random.uniform(-60, -20) * 10) / 10,
    fovMm,
    pixelMm: fovMm / 512,
  };

  const vertebraRadius = 16 * scale;
  const spineY = thoraxCy + innerH - 0.6 * vertebraRadius;
  const lungs = [
    drawLung(random, 'right', bodyCx, thoraxCy, innerW, innerH),
    drawLung(random, 'left', bodyCx, thoraxCy, innerW, innerH),
  ] as const;

  const skeleton = {
    scan,
    scale,
    bodyCx,
    bodyCy,
    bodyA,
    bodyB,
    fatMm,
    thoraxCy,
    innerW,
    innerH,
    spineY,
    vertebraRadius,
    vertebraPitchMm: 26 * scale,
    ribPitchMm: 24 * scale,
    ribPhase: random.next(),
    lungs,
    hasTable: input.hasTable,
  };
  const airways = buildAirways(random.fork('airways'), skeleton);
  const vessels = growVessels(random.fork('vessels'), skeleton);
  const withTrees = { ...skeleton, airways, vessels, lesions: [] };

  return { ...withTrees, lesions: placeLesions(random.fork('lesions'), withTrees) };
}

// Children are smaller; men slightly larger than women; ±6 % between individuals.
function bodyScale(random: SeededRandom, input: AnatomyInput): number {
  const growth = input.age < 18 ? 0.62 + (0.38 * (input.age - 6)) / 12 : 1;
  const sex = input.sex === 'M' ? 1.04 : 0.97;
  return growth * sex * random.uniform(0.94, 1.06);
}

function drawLung(
  random: SeededRandom,
  side: 'right' | 'left',
  bodyCx: number,
  thoraxCy: number,
  innerW: number,
  innerH: number,
): LungModel {
  const sign = side === 'right' ? -1 : 1; // the right lung is on the image's left
  const apexT = random.uniform(0.03, 0.07);
  const baseT = random.uniform(0.93, 0.97);
  // The right hemidiaphragm sits higher, over the liver.
  const domeFraction = side === 'right' ? 0.66 : 0.72;

  return {
    side,
    apexT,
    baseT,
    domeT: apexT + (baseT - apexT) * (domeFraction + random.uniform(-0.03, 0.03)),
    cx: bodyCx + sign * innerW * 0.5,
    cy: thoraxCy + innerH * 0.04,
    ax: innerW * 0.47 * (side === 'right' ? 1.02 : 0.98),
    by: innerH * 0.88,
    domeHu: side === 'right' ? 55 : 35,
  };
}
