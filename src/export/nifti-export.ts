/**
 * Exports series as NIfTI-1 volumes in HU, one after another so that one volume at a time is in
 * memory: `<patient>/<series number>_<short uid>.nii[.gz]` and a `.json` sidecar beside it. A
 * series that cannot become a volume is skipped with the reason; the others go on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleVolume } from '../volume/assemble-volume.js';
import { seriesBaseName, type ExportSeries } from './export-series.js';
import { volumeImage } from './nifti-image.js';
import { niftiSidecar } from './nifti-sidecar.js';
import { writeNifti } from './nifti-write.js';

/** Where and how to write. */
export interface NiftiExportOptions {
  readonly outDir: string;
  readonly gzip: boolean;
}

/** What happened to one series; paths are relative to the output folder. */
export type SeriesExportResult =
  | {
      readonly status: 'written';
      readonly seriesInstanceUid: string;
      readonly file: string;
      readonly sidecar: string;
      readonly sliceCount: number;
      readonly bytes: number;
    }
  | {
      readonly status: 'skipped';
      readonly seriesInstanceUid: string;
      readonly code: string;
      readonly reason: string;
    };

/** Exports each series in turn; a series that is not a volume is skipped, never thrown. */
export async function exportNifti(
  series: readonly ExportSeries[],
  options: NiftiExportOptions,
  onSeries?: (result: SeriesExportResult) => void,
): Promise<SeriesExportResult[]> {
  const results: SeriesExportResult[] = [];

  for (const one of series) {
    const result = await exportOne(one, options);
    results.push(result);
    onSeries?.(result);
  }
  return results;
}

async function exportOne(
  series: ExportSeries,
  options: NiftiExportOptions,
): Promise<SeriesExportResult> {
  const seriesInstanceUid = series.attributes.seriesInstanceUid;
  const assembled = await assembleVolume(series.instances);
  if (assembled.status === 'not-a-volume') {
    const { code, message } = assembled.problem;
    return { status: 'skipped', seriesInstanceUid, code, reason: message };
  }

  const base = seriesBaseName(series);
  const file = `${base}.nii${options.gzip ? '.gz' : ''}`;
  const sidecar = `${base}.json`;
  await mkdir(path.dirname(path.join(options.outDir, file)), { recursive: true });
  const volume = assembled.volume;
  const bytes = await writeNifti(path.join(options.outDir, file), volumeImage(volume), {
    gzip: options.gzip,
  });
  const content = niftiSidecar(series.attributes, volume, assembled.findings);
  await writeFile(path.join(options.outDir, sidecar), JSON.stringify(content, null, 2) + '\n');

  return {
    status: 'written',
    seriesInstanceUid,
    file,
    sidecar,
    sliceCount: volume.sliceCount,
    bytes,
  };
}
