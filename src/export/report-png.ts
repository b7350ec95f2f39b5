/**
 * The one-page PNG report of a study, for people who would rather look than read: key slices
 * in lung window (W 1500 / L −600 HU) with the lung outline and ground-glass (yellow) and
 * consolidation (red) overlaid, and the numbers beneath them.
 */
import type { Volume } from '../volume/volume.js';
import { encodePng } from './png-encode.js';
import { OVERLAY, ReportCanvas, type HuWindow, type Rgb } from './report-canvas.js';

/** The lung window: centre −600 HU, width 1500 HU. */
export const LUNG_WINDOW: HuWindow = { centre: -600, width: 1500 };

/** The numbers of a quantified series (volumes in mL, fractions of lung in %). */
export interface ReportNumbers {
  readonly lungVolumeMl: number;
  readonly rightLungVolumeMl: number;
  readonly leftLungVolumeMl: number;
  readonly ggoPercent: number;
  readonly consolidationPercent: number;
  readonly involvementPercent: number;
  /** CT-0 … CT-4. */
  readonly severity: string;
}

/** What one report shows. */
export interface StudyReport {
  /** The first line, e.g. the pseudonym and the series (nothing identifying). */
  readonly title: string;
  readonly volume: Volume;
  readonly lungMask: Uint8Array;
  readonly infectionMask: Uint8Array;
  readonly numbers: ReportNumbers;
}

/** A key slice and why it was chosen. */
export interface KeySlice {
  readonly slice: number;
  readonly reason: string;
}

const PANEL = 360;
const MARGIN = 16;
const BACKGROUND: Rgb = [16, 16, 20];
const TEXT: Rgb = [235, 235, 235];
const DIM: Rgb = [150, 150, 160];

/**
 * Two slices with the most infection (at least a tenth of the lung's extent apart) and the
 * slice midway through the lungs; fewer when the lungs span fewer slices.
 */
export function keySlices(
  volume: Volume,
  lungMask: Uint8Array,
  infectionMask: Uint8Array,
): KeySlice[] {
  const perSlice = volume.rows * volume.columns;
  const lung: number[] = [];
  const infected: number[] = [];
  for (let k = 0; k < volume.sliceCount; k++) {
    let inLung = 0;
    let inInfection = 0;
    for (let v = k * perSlice; v < (k + 1) * perSlice; v++) {
      if (lungMask[v] !== 0) inLung++;
      if (infectionMask[v] !== 0) inInfection++;
    }
    lung.push(inLung);
    infected.push(inInfection);
  }

  const withLung = lung.flatMap((count, k) => (count > 0 ? [k] : []));
  const first = withLung[0] ?? 0;
  const last = withLung.at(-1) ?? volume.sliceCount - 1;
  const middle = Math.round((first + last) / 2);
  const apart = Math.max(1, Math.round((last - first) / 10));
  const chosen: KeySlice[] = [];
  const byInfection = infected.map((count, k) => ({ count, k })).sort((a, b) => b.count - a.count);
  for (const { count, k } of byInfection) {
    if (count === 0 || chosen.length === 2) break;
    if (chosen.every((slice) => Math.abs(slice.slice - k) >= apart)) {
      chosen.push({ slice: k, reason: 'most involved' });
    }
  }
  if (chosen.every((slice) => slice.slice !== middle))
    chosen.push({ slice: middle, reason: 'mid-lung' });
  return chosen.sort((a, b) => a.slice - b.slice);
}

/** Renders the report page as PNG bytes. */
export function renderReportPng(report: StudyReport): Uint8Array {
  const slices = keySlices(report.volume, report.lungMask, report.infectionMask);
  const width = MARGIN + 3 * (PANEL + MARGIN);
  const panelsTop = 56;
  const numbersTop = panelsTop + PANEL + 66;
  const height = numbersTop + 5 * 24 + MARGIN;
  const canvas = new ReportCanvas(width, height, BACKGROUND);

  canvas.text(MARGIN, MARGIN, report.title, TEXT, 3);
  slices.forEach((key, index) => {
    const x = MARGIN + index * (PANEL + MARGIN);
    canvas.slice(x, panelsTop, { ...report, slice: key.slice, window: LUNG_WINDOW, size: PANEL });
    const z = report.volume.slices[key.slice]?.positionMm ?? 0;
    canvas.text(x, panelsTop + PANEL + 10, `SLICE ${key.slice + 1}  Z ${z.toFixed(1)} MM`, DIM);
    canvas.text(x, panelsTop + PANEL + 32, key.reason.toUpperCase(), DIM);
  });

  const n = report.numbers;
  const lines: [string, Rgb][] = [
    [
      `LUNG VOLUME ${ml(n.lungVolumeMl)}  (RIGHT ${ml(n.rightLungVolumeMl)}, LEFT ` +
        `${ml(n.leftLungVolumeMl)})`,
      TEXT,
    ],
    [`GROUND-GLASS OPACITY ${pct(n.ggoPercent)} OF LUNG`, OVERLAY.ggo],
    [`CONSOLIDATION ${pct(n.consolidationPercent)} OF LUNG`, OVERLAY.consolidation],
    [`INVOLVEMENT ${pct(n.involvementPercent)}   SEVERITY ${n.severity}`, TEXT],
    [`LUNG WINDOW W ${LUNG_WINDOW.width} / L ${LUNG_WINDOW.centre} HU   GREEN: LUNG OUTLINE`, DIM],
  ];
  lines.forEach(([line, colour], index) =>
    canvas.text(MARGIN, numbersTop + index * 24, line, colour),
  );
  return encodePng(width, height, canvas.rgb);
}

function ml(value: number): string {
  return `${Math.round(value)} ML`;
}

function pct(value: number): string {
  return `${value.toFixed(1)} %`;
}
