/**
 * What the header checks need from a series, summarised over its image slices (localizers and
 * instances without pixels left out, as volume assembly leaves them out): the distinct sizes,
 * bit depths, thicknesses and orientations, so that a series that never becomes a volume — one
 * slice, mixed geometry — can still be told what else is wrong with it.
 */
import type { DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { numberOf, textOf } from '../dicom/pixel-element-values.js';
import { CtbankError } from '../errors.js';
import type { InstanceSource } from '../volume/instance-source.js';
import { readSliceHeaders } from '../volume/slice-header.js';
import { cross, norm, normalize, type Vec3 } from '../volume/vector3.js';

/** The header facts of one series. */
export interface SeriesHeader {
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly seriesDescription?: string;
  /** Patient Position (PS3.3 C.7.3.1.1.2), e.g. HFS; decides which side the table is on. */
  readonly patientPosition?: string;
  /** Image slices summarised (frames of multi-frame instances count one each). */
  readonly sliceCount: number;
  /** Distinct Rows × Columns. */
  readonly sizes: readonly { readonly rows: number; readonly columns: number }[];
  readonly bitsAllocated: readonly number[];
  /** Distinct Slice Thickness values (mm); slices without one are counted apart. */
  readonly sliceThicknessMm: readonly number[];
  readonly slicesWithoutThickness: number;
  /** Distinct slice normals (row cosines × column cosines). */
  readonly sliceNormals: readonly Vec3[];
}

// Two normals or thicknesses this close are one (direction cosines carry 5–6 decimals).
const SAME_NORMAL = 1e-3;
const SAME_THICKNESS_MM = 1e-3;

/** Reads and summarises the headers of a series' instances; unreadable ones are skipped. */
export async function readSeriesHeader(
  instances: readonly InstanceSource[],
): Promise<SeriesHeader> {
  const files: DicomFile[] = [];
  for (const instance of instances) {
    try {
      files.push(parseDicomFile(await instance.read(), instance.name));
    } catch (thrown) {
      // Volume assembly reports each unreadable instance; here it only drops out of the summary.
      if (!(thrown instanceof CtbankError)) throw thrown;
    }
  }
  return summariseHeaders(files);
}

/** Summarises parsed instances of one series. */
export function summariseHeaders(files: readonly DicomFile[]): SeriesHeader {
  const sizes: { rows: number; columns: number }[] = [];
  const bits = new Set<number>();
  const thicknesses: number[] = [];
  const normals: Vec3[] = [];
  let sliceCount = 0;
  let withoutThickness = 0;

  for (const [index, file] of files.entries()) {
    const bitsAllocated = numberOf(file.dataset, 'BitsAllocated');
    for (const slice of readSliceHeaders(file, '', index)) {
      if (!slice.hasPixelData || slice.imageType.includes('LOCALIZER')) continue;
      sliceCount += 1;
      if (!sizes.some((size) => size.rows === slice.rows && size.columns === slice.columns)) {
        sizes.push({ rows: slice.rows, columns: slice.columns });
      }
      if (bitsAllocated !== undefined) bits.add(bitsAllocated);
      const thickness = slice.sliceThicknessMm;
      if (thickness === undefined) withoutThickness += 1;
      else if (!thicknesses.some((known) => Math.abs(known - thickness) < SAME_THICKNESS_MM)) {
        thicknesses.push(thickness);
      }
      const normal = normalOf(slice.imageOrientationPatient);
      if (normal !== undefined && !normals.some((known) => sameDirection(known, normal))) {
        normals.push(normal);
      }
    }
  }

  const first = files[0]?.dataset;
  return {
    ...optional('studyInstanceUid', first && textOf(first, 'StudyInstanceUID')),
    ...optional('seriesInstanceUid', first && textOf(first, 'SeriesInstanceUID')),
    ...optional('seriesDescription', first && textOf(first, 'SeriesDescription')),
    ...optional('patientPosition', first && textOf(first, 'PatientPosition')),
    sliceCount,
    sizes,
    bitsAllocated: [...bits].sort((a, b) => a - b),
    sliceThicknessMm: thicknesses.sort((a, b) => a - b),
    slicesWithoutThickness: withoutThickness,
    sliceNormals: normals,
  };
}

function normalOf(orientation: readonly [Vec3, Vec3] | undefined): Vec3 | undefined {
  if (orientation === undefined) return undefined;

  const normal = cross(orientation[0], orientation[1]);
  return norm(normal) < 0.5 ? undefined : normalize(normal);
}

function sameDirection(a: Vec3, b: Vec3): boolean {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < SAME_NORMAL;
}

// exactOptionalPropertyTypes: an absent value leaves the property out rather than undefined.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
