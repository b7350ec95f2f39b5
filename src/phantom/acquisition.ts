/**
 * The technique of a helical acquisition on a 16-row scanner: tube voltage and current, rotation
 * time, pitch, collimation, reconstruction kernel, table height and reconstruction centre.
 */
import type { SeededRandom } from './seeded-random.js';

/** The technique of one helical acquisition. */
export interface Acquisition {
  readonly kvp: number;
  /** mA. */
  readonly tubeCurrent: number;
  /** Seconds per gantry rotation. */
  readonly revolutionTime: number;
  readonly pitch: number;
  /** Detector row width and total beam width, mm (16 rows). */
  readonly singleCollimation: number;
  readonly totalCollimation: number;
  readonly kernel: string;
  /** mm. */
  readonly tableHeight: number;
  /** Patient x and y (mm) of the reconstruction centre, the image centre. */
  readonly centreX: number;
  readonly centreY: number;
}

/** Draws the technique: 130 kV for adults (110 kV for small patients), care-dose-like mA. */
export function drawAcquisition(
  random: SeededRandom,
  thicknessMm: number,
  scale: number,
): Acquisition {
  return {
    kvp: scale < 0.85 ? 110 : 130,
    tubeCurrent: Math.round(random.uniform(90, 180) * scale),
    revolutionTime: 0.6,
    pitch: random.pick([1, 1.2, 1.4]),
    singleCollimation: thicknessMm < 2 ? 0.75 : 1.2,
    totalCollimation: thicknessMm < 2 ? 12 : 19.2,
    kernel: thicknessMm < 2 ? 'B70f' : 'B50f',
    tableHeight: Math.round(random.uniform(140, 175)),
    centreX: Math.round(random.uniform(-15, 15) * 10) / 10,
    centreY: Math.round(random.uniform(-160, -120) * 10) / 10,
  };
}
