/**
 * Medians of the benchmark's runs, the table printed at the end, and the verdict on the target:
 * ctbank at least 4 times Orthanc's throughput with peak memory under 1 GB.
 */
import type { Measurement } from './measurement.js';
import { alignedTable } from './text-table.js';

const MB = 1e6; // decimal megabytes, for throughput and memory alike
const TARGET_RATIO = 4;
const TARGET_PEAK_MB = 1000;

/** The medians of one tool on one input. */
export interface Row {
  readonly tool: Measurement['tool'];
  readonly input: Measurement['input'];
  readonly runs: number;
  readonly mbPerSecond: number;
  readonly instancesPerSecond: number;
  readonly peakRssMb: number;
  /** The highest peak of all runs, which the memory target is judged on. */
  readonly maxPeakRssMb: number;
  /** ctbank's median MB/s over Orthanc's; null on Orthanc's own row. */
  readonly ratio: number | null;
}

/** The verdict on the target, with the line that states it. */
export interface Verdict {
  readonly met: boolean;
  readonly line: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Groups the runs by tool and input, in the order ctbank folders, ctbank RARs, Orthanc. */
export function summarize(measurements: readonly Measurement[]): Row[] {
  const order = [
    ['ctbank', 'folders'],
    ['ctbank', 'rars'],
    ['orthanc', 'folders'],
  ] as const;
  const medians = order
    .map(([tool, input]) => {
      const runs = measurements.filter((m) => m.tool === tool && m.input === input);
      return {
        tool,
        input,
        runs: runs.length,
        mbPerSecond: median(runs.map((m) => m.bytes / MB / m.seconds)),
        instancesPerSecond: median(runs.map((m) => m.instances / m.seconds)),
        peakRssMb: median(runs.map((m) => m.peakRssBytes / MB)),
        maxPeakRssMb: Math.max(...runs.map((m) => m.peakRssBytes / MB)),
      };
    })
    .filter((row) => row.runs > 0);

  const orthanc = medians.find((row) => row.tool === 'orthanc');
  return medians.map((row) => ({
    ...row,
    ratio:
      row.tool === 'orthanc' || orthanc === undefined
        ? null
        : row.mbPerSecond / orthanc.mbPerSecond,
  }));
}

/** The results as an aligned text table. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['tool', 'input', 'runs', 'MB/s', 'instances/s', 'peak RSS MB', 'vs Orthanc'];
  const cells = rows.map((row) => [
    row.tool,
    row.input === 'rars' ? 'RARs' : 'folders',
    String(row.runs),
    row.mbPerSecond.toFixed(1),
    row.instancesPerSecond.toFixed(1),
    row.peakRssMb.toFixed(0),
    row.ratio === null ? '1.00×' : `${row.ratio.toFixed(2)}×`,
  ]);
  return alignedTable(header, cells, 2);
}

/** Met when every ctbank row reaches 4× Orthanc's MB/s and no ctbank run peaked at 1 GB. */
export function judgeTarget(rows: readonly Row[]): Verdict {
  const ctbank = rows.filter((row) => row.tool === 'ctbank');
  const met =
    ctbank.length > 0 &&
    ctbank.every(
      (row) => row.ratio !== null && row.ratio >= TARGET_RATIO && row.maxPeakRssMb < TARGET_PEAK_MB,
    );

  const details = ctbank
    .map(
      (row) =>
        `${row.input === 'rars' ? 'RARs' : 'folders'} ${row.ratio?.toFixed(2) ?? '?'}×, ` +
        `max ${row.maxPeakRssMb.toFixed(0)} MB`,
    )
    .join('; ');
  const verdict = met ? 'met' : 'missed';
  return { met, line: `target: ≥ 4× Orthanc, peak memory < 1 GB: ${verdict} (${details})` };
}
