/**
 * Medians of the de-identification benchmark's runs, the table printed at the end, and the
 * verdict on the target: ctbank at least 1.5 times gdcmanon's throughput.
 */
import { alignedTable } from './text-table.js';

const MB = 1e6; // decimal megabytes, for throughput and memory alike
const TARGET_RATIO = 1.5;

/** The tools measured, in the order of the table. */
export const DEID_TOOLS = ['ctbank deid', 'ctbank stage', 'gdcmanon', 'pydicom'] as const;

/** One of {@link DEID_TOOLS}. */
export type DeidTool = (typeof DEID_TOOLS)[number];

/** One timed run of one tool on the series. */
export interface DeidMeasurement {
  readonly tool: DeidTool;
  /** Wall time in seconds. */
  readonly seconds: number;
  /** Input bytes: the sizes of the DICOM files handed to the tool. */
  readonly bytes: number;
  readonly instances: number;
  /** Peak resident memory of the tool's processes (all threads included), in bytes. */
  readonly peakRssBytes: number;
}

/** The medians of one tool. */
export interface DeidRow {
  readonly tool: DeidTool;
  readonly runs: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly instancesPerSecond: number;
  readonly peakRssMb: number;
  /** The tool's median MB/s over gdcmanon's. */
  readonly ratio: number | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Groups the runs by tool, in the order of {@link DEID_TOOLS}. */
export function summarizeDeid(measurements: readonly DeidMeasurement[]): DeidRow[] {
  const medians = DEID_TOOLS.map((tool) => {
    const runs = measurements.filter((m) => m.tool === tool);
    return {
      tool,
      runs: runs.length,
      seconds: median(runs.map((m) => m.seconds)),
      mbPerSecond: median(runs.map((m) => m.bytes / MB / m.seconds)),
      instancesPerSecond: median(runs.map((m) => m.instances / m.seconds)),
      peakRssMb: median(runs.map((m) => m.peakRssBytes / MB)),
    };
  }).filter((row) => row.runs > 0);

  const gdcmanon = medians.find((row) => row.tool === 'gdcmanon');
  return medians.map((row) => ({
    ...row,
    ratio: gdcmanon === undefined ? null : row.mbPerSecond / gdcmanon.mbPerSecond,
  }));
}

/** The results as an aligned text table. */
export function formatDeidTable(rows: readonly DeidRow[]): string {
  const header = ['tool', 'runs', 's', 'MB/s', 'instances/s', 'peak RSS MB', 'vs gdcmanon'];
  const cells = rows.map((row) => [
    row.tool,
    String(row.runs),
    row.seconds.toFixed(2),
    row.mbPerSecond.toFixed(1),
    row.instancesPerSecond.toFixed(0),
    row.peakRssMb.toFixed(0),
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}×`,
  ]);
  return alignedTable(header, cells, 1);
}

/** Met when both ctbank rows reach 1.5× gdcmanon's median MB/s; with the line that says so. */
export function judgeDeidTarget(rows: readonly DeidRow[]): { met: boolean; line: string } {
  const ctbank = rows.filter((row) => row.tool.startsWith('ctbank'));
  const met =
    ctbank.length > 0 && ctbank.every((row) => row.ratio !== null && row.ratio >= TARGET_RATIO);

  const details = ctbank.map((row) => `${row.tool} ${row.ratio?.toFixed(2) ?? '?'}×`).join('; ');
  return {
    met,
    line: `target: ≥ ${TARGET_RATIO}× gdcmanon: ${met ? 'met' : 'missed'} (${details})`,
  };
}
