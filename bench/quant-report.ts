/**
 * Medians of the quantification benchmark, its tables and the verdict on the targets: ctbank
 * (volume + lungs + infection, one process) within 10 times dcm2niix's time on the same
 * phantom series, with peak memory under 1 GB.
 */
import { alignedTable } from './text-table.js';

const MB = 1e6; // decimal megabytes, as in the other benchmarks

/** ctbank's seconds may be at most this many times dcm2niix's. */
export const TARGET_RATIO = 10;

/** ctbank's peak RSS must stay under this, bytes (1 GB). */
export const TARGET_PEAK_BYTES = 1e9;

/** The tools measured on each series. */
export type QuantTool = 'ctbank' | 'dcm2niix';

/** One timed run of one tool on one series. */
export interface QuantMeasurement {
  /** 'phantom' (the target's series) or the name of a real series. */
  readonly series: string;
  readonly tool: QuantTool;
  /** Wall time from spawn to exit, seconds. */
  readonly seconds: number;
  /** Peak resident memory of the process (GNU time and /proc sampling, the larger), bytes. */
  readonly peakRssBytes: number;
  /** ctbank only: seconds of assembly and of quantification inside the process. */
  readonly assembleSeconds?: number;
  readonly quantifySeconds?: number;
}

/** The medians of one tool on one series. */
export interface QuantRow {
  readonly series: string;
  readonly tool: QuantTool;
  readonly runs: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** ctbank rows: median seconds over dcm2niix's on the same series. */
  readonly ratio: number | null;
  /** ctbank rows: median phase seconds; the rest is start-up, reading the folder and exit. */
  readonly assembleSeconds: number | null;
  readonly quantifySeconds: number | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianOf(values: readonly (number | undefined)[]): number | null {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length === 0 ? null : median(present);
}

/** Groups the runs by series and tool, with each ctbank row's ratio to dcm2niix. */
export function summarizeQuant(measurements: readonly QuantMeasurement[]): QuantRow[] {
  const seriesNames = [...new Set(measurements.map((m) => m.series))];
  const rows: QuantRow[] = [];

  for (const series of seriesNames) {
    const of = (tool: QuantTool): QuantMeasurement[] =>
      measurements.filter((m) => m.series === series && m.tool === tool);
    const peerSeconds = median(of('dcm2niix').map((m) => m.seconds));
    for (const tool of ['ctbank', 'dcm2niix'] as const) {
      const runs = of(tool);
      if (runs.length === 0) continue;

      const seconds = median(runs.map((m) => m.seconds));
      rows.push({
        series,
        tool,
        runs: runs.length,
        seconds,
        peakRssMb: median(runs.map((m) => m.peakRssBytes)) / MB,
        ratio: tool === 'ctbank' && peerSeconds > 0 ? seconds / peerSeconds : null,
        assembleSeconds: medianOf(runs.map((m) => m.assembleSeconds)),
        quantifySeconds: medianOf(runs.map((m) => m.quantifySeconds)),
      });
    }
  }
  return rows;
}

/** The results as an aligned text table, ctbank rows with their phase split. */
export function formatQuantTable(rows: readonly QuantRow[]): string {
  const header = [
    'series',
    'tool',
    'runs',
    's',
    'assemble s',
    'quantify s',
    'peak RSS MB',
    'ratio',
  ];
  const phase = (value: number | null): string => (value === null ? '-' : value.toFixed(2));
  const cells = rows.map((row) => [
    row.series,
    row.tool,
    String(row.runs),
    row.seconds.toFixed(2),
    phase(row.assembleSeconds),
    phase(row.quantifySeconds),
    row.peakRssMb.toFixed(0),
    row.ratio === null ? '-' : `${row.ratio.toFixed(1)}×`,
  ]);
  return alignedTable(header, cells, 2);
}

/** Met when ctbank on the phantom is within the ratio and the memory target; with the line. */
export function judgeQuantTarget(rows: readonly QuantRow[]): { met: boolean; line: string } {
  const row = rows.find((r) => r.series === 'phantom' && r.tool === 'ctbank');
  if (row === undefined || row.ratio === null) {
    return { met: false, line: 'target: not judged (no phantom runs of both tools)' };
  }

  const fast = row.ratio <= TARGET_RATIO;
  const small = row.peakRssMb * MB < TARGET_PEAK_BYTES;
  const line =
    `target: ${fast && small ? 'met' : 'missed'} (${row.ratio.toFixed(1)}× dcm2niix, ` +
    `target ≤ ${TARGET_RATIO}×; peak ${row.peakRssMb.toFixed(0)} MB, target < ` +
    `${TARGET_PEAK_BYTES / MB} MB)`;
  return { met: fast && small, line };
}
