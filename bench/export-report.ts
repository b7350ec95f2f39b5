/**
 * Medians of the NIfTI export benchmark, the table printed at the end, and the verdict on the
 * target: ctbank at least as fast as dcm2niix uncompressed, three times as fast compressed.
 */
import { alignedTable } from './text-table.js';

const MB = 1e6; // decimal megabytes

/** The tools measured, in the order of the table; each ctbank row is judged against its peer. */
export const EXPORT_TOOLS = [
  'ctbank .nii',
  'dcm2niix -z n',
  'ctbank .nii.gz',
  'dcm2niix -z y',
] as const;

/** One of {@link EXPORT_TOOLS}. */
export type ExportTool = (typeof EXPORT_TOOLS)[number];

const PEER: Partial<Record<ExportTool, { tool: ExportTool; target: number }>> = {
  'ctbank .nii': { tool: 'dcm2niix -z n', target: 1 },
  'ctbank .nii.gz': { tool: 'dcm2niix -z y', target: 3 },
};

/** One timed run of one tool. */
export interface ExportMeasurement {
  readonly tool: ExportTool;
  /** Wall time from spawn to exit, seconds. */
  readonly seconds: number;
  /** Input bytes: the DICOM files handed to the tool. */
  readonly bytes: number;
  /** Bytes of the NIfTI file written. */
  readonly outputBytes: number;
  /** Peak resident memory of the tool's process tree, bytes. */
  readonly peakRssBytes: number;
}

/** The medians of one tool. */
export interface ExportRow {
  readonly tool: ExportTool;
  readonly runs: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly outputMb: number;
  readonly peakRssMb: number;
  /** For ctbank rows: median MB/s over the peer's, and the target ratio. */
  readonly ratio: number | null;
  readonly target: number | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Groups the runs by tool, with each ctbank row's ratio to its dcm2niix peer. */
export function summarizeExport(measurements: readonly ExportMeasurement[]): ExportRow[] {
  const medians = EXPORT_TOOLS.map((tool) => {
    const runs = measurements.filter((m) => m.tool === tool);
    return {
      tool,
      runs: runs.length,
      seconds: median(runs.map((m) => m.seconds)),
      mbPerSecond: median(runs.map((m) => m.bytes / MB / m.seconds)),
      outputMb: median(runs.map((m) => m.outputBytes / MB)),
      peakRssMb: median(runs.map((m) => m.peakRssBytes / MB)),
    };
  }).filter((row) => row.runs > 0);

  return medians.map((row) => {
    const peer = PEER[row.tool];
    const peerRow = medians.find((other) => other.tool === peer?.tool);
    return {
      ...row,
      ratio: peerRow === undefined ? null : row.mbPerSecond / peerRow.mbPerSecond,
      target: peer?.target ?? null,
    };
  });
}

/** The results as an aligned text table. */
export function formatExportTable(rows: readonly ExportRow[]): string {
  const header = ['tool', 'runs', 's', 'MB/s', 'output MB', 'peak RSS MB', 'vs dcm2niix'];
  const cells = rows.map((row) => [
    row.tool,
    String(row.runs),
    row.seconds.toFixed(2),
    row.mbPerSecond.toFixed(1),
    row.outputMb.toFixed(1),
    row.peakRssMb.toFixed(0),
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}×`,
  ]);
  return alignedTable(header, cells, 1);
}

/** Met when every ctbank row reaches its target ratio; with the line that says so. */
export function judgeExportTarget(rows: readonly ExportRow[]): { met: boolean; line: string } {
  const judged = rows.filter((row) => row.target !== null);
  const met =
    judged.length > 0 &&
    judged.every((row) => row.ratio !== null && row.ratio >= (row.target ?? Infinity));

  const details = judged
    .map((row) => `${row.tool} ${row.ratio?.toFixed(2) ?? '?'}× (target ${row.target}×)`)
    .join('; ');
  return { met, line: `target: ${met ? 'met' : 'missed'} (${details})` };
}
