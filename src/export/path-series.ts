/**
 * The series found in folders and archives given on the command line: every file's header is
 * read once to group it by Series Instance UID; what is not DICOM is reported, not exported.
 */
import { readSources } from '../archive/read-sources.js';
import { readHeader, type InstanceHeader } from '../dicom/read-header.js';
import { CtbankError, type ErrorCode } from '../errors.js';
import type { InstanceSource } from '../volume/instance-source.js';
import type { ExportSeries, SeriesAttributes } from './export-series.js';

/** A file left out, with the stable code of why. */
export interface RejectedFile {
  readonly path: string;
  readonly code: ErrorCode;
  readonly reason: string;
}

/** The series of the inputs, in order of first appearance, and the files left out. */
export async function seriesFromPaths(
  paths: readonly string[],
  scratchDir: string,
): Promise<{ series: ExportSeries[]; rejected: RejectedFile[] }> {
  const bySeries = new Map<string, SeriesGroup>();
  const rejected: RejectedFile[] = [];

  for await (const item of readSources(paths, { scratchDir })) {
    if (item.kind === 'problem') {
      rejected.push({ path: item.path, code: item.code, reason: item.reason });
      continue;
    }
    const header = headerOrRejection(await item.read(), item.path);
    if ('code' in header) {
      rejected.push(header);
      continue;
    }
    const uid = header.values.SeriesInstanceUID;
    if (uid === undefined || header.isDicomdir || !header.hasPixelData) continue;

    const group = bySeries.get(uid) ?? newGroup(uid, header.values);
    bySeries.set(uid, group);
    // A Buffer is a Uint8Array: handed on as read, not copied.
    group.instances.push({ name: item.path, read: () => item.read() });
  }
  return { series: [...bySeries.values()], rejected };
}

interface SeriesGroup extends ExportSeries {
  readonly instances: InstanceSource[];
}

// The first instance's header names the series; its Patient ID names the folder.
function newGroup(seriesInstanceUid: string, values: InstanceHeader['values']): SeriesGroup {
  const number = Number.parseInt(values.SeriesNumber ?? '', 10);
  const attributes: SeriesAttributes = {
    seriesInstanceUid,
    seriesNumber: Number.isFinite(number) ? number : null,
    seriesDescription: values.SeriesDescription ?? null,
    modality: values.Modality ?? null,
    manufacturer: values.Manufacturer ?? null,
    manufacturerModelName: values.ManufacturerModelName ?? null,
  };
  return { patientFolder: values.PatientID ?? 'unknown', attributes, instances: [] };
}

function headerOrRejection(bytes: Uint8Array, path: string): InstanceHeader | RejectedFile {
  try {
    return readHeader(bytes, path);
  } catch (thrown) {
    if (thrown instanceof CtbankError) return { path, code: thrown.code, reason: thrown.message };
    throw thrown;
  }
}
