/**
 * One series to export, wherever its instances come from (the workspace's public zone, or
 * files given on the command line), and the descriptive attributes its sidecar repeats.
 */
import type { InstanceSource } from '../volume/instance-source.js';

/** Series-level attributes for the sidecar and the file name (all de-identified in a workspace). */
export interface SeriesAttributes {
  readonly seriesInstanceUid: string;
  readonly seriesNumber: number | null;
  readonly seriesDescription: string | null;
  readonly modality: string | null;
  readonly manufacturer: string | null;
  readonly manufacturerModelName: string | null;
}

/** A series ready to become a volume: its patient folder, attributes and instances. */
export interface ExportSeries {
  /** The patient folder: the pseudonym in a workspace, the files' Patient ID otherwise. */
  readonly patientFolder: string;
  readonly attributes: SeriesAttributes;
  readonly instances: readonly InstanceSource[];
}

/**
 * `<patient>/<series number>_<short uid>`: the series number (0 when absent) and the last
 * 8 digits of the Series Instance UID, which tell apart series sharing a number.
 */
export function seriesBaseName(series: ExportSeries): string {
  const digits = series.attributes.seriesInstanceUid.replace(/[^0-9]/g, '');
  const number = series.attributes.seriesNumber ?? 0;
  return `${safeSegment(series.patientFolder)}/${number}_${digits.slice(-8)}`;
}

// A folder name from a value: no separators, no dot-only names, nothing outside printable ASCII.
function safeSegment(value: string): string {
  const cleaned = value.trim().replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'unknown' : cleaned;
}
