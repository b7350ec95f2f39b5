/**
 * The NIfTI-1 header (nifti1.h: 348 bytes, little endian) and the 4-byte extension flag that
 * single-file `.nii` images carry before their voxels, which therefore start at byte 352.
 */
import type { NiftiImage, NiftiVoxels } from './nifti-image.js';
import { lpsToRas, qformOf } from './nifti-orientation.js';

/** sizeof_hdr of NIfTI-1. */
export const NIFTI1_HEADER_BYTES = 348;

/** vox_offset of a single-file image: the header and the extension flag. */
export const NIFTI1_VOXEL_OFFSET = 352;

// nifti1.h codes: datatypes, NIFTI_XFORM_SCANNER_ANAT, NIFTI_UNITS_MM, NIFTI_INTENT_LABEL.
const DATATYPE = { uint8: 2, int16: 4, float32: 16 } as const;
const XFORM_SCANNER_ANAT = 1;
const UNITS_MM = 2;
const INTENT_LABEL = 1002;

/** The 352 bytes before the voxels: header, then an extension flag of zeros (no extensions). */
export function niftiHeader(image: NiftiImage): Uint8Array {
  const bytes = new Uint8Array(NIFTI1_VOXEL_OFFSET);
  const view = new DataView(bytes.buffer);
  const int16 = (offset: number, value: number): void => view.setInt16(offset, value, true);
  const float32 = (offset: number, value: number): void => view.setFloat32(offset, value, true);
  const ras = lpsToRas(image.affineLps);
  const qform = qformOf(ras);
  const { code, bitpix } = datatypeOf(image.voxels);

  view.setInt32(0, NIFTI1_HEADER_BYTES, true);
  bytes[38] = 'r'.charCodeAt(0); // regular: kept by convention from ANALYZE 7.5

  // dim[0] is the number of dimensions; dim[1..3] the grid, i first.
  [3, image.columns, image.rows, image.slices, 1, 1, 1, 1].forEach((value, index) =>
    int16(40 + 2 * index, value),
  );
  if (image.labelName !== undefined) int16(68, INTENT_LABEL);
  int16(70, code);
  int16(72, bitpix);

  // pixdim[0] is qfac, pixdim[1..3] the voxel size in mm along i, j and the normal.
  [qform.qfac, ...qform.pixdimMm, 0, 0, 0, 0].forEach((value, index) =>
    float32(76 + 4 * index, value),
  );
  float32(108, NIFTI1_VOXEL_OFFSET);
  // HU are stored as they are: scl_slope 1, scl_inter 0. Labels are not scaled (slope 0).
  float32(112, image.labelName === undefined ? 1 : 0);
  float32(116, 0);
  bytes[123] = UNITS_MM; // xyzt_units: space in mm, no time unit

  writeAscii(bytes, 148, 80, image.description);
  int16(252, XFORM_SCANNER_ANAT); // qform_code
  int16(254, XFORM_SCANNER_ANAT); // sform_code
  qform.quaternion.forEach((value, index) => float32(256 + 4 * index, value));
  qform.offsetMm.forEach((value, index) => float32(268 + 4 * index, value));
  // srow_x, srow_y, srow_z: the first three rows of the voxel-to-RAS matrix, shear included.
  ras.slice(0, 12).forEach((value, index) => float32(280 + 4 * index, value));
  if (image.labelName !== undefined) writeAscii(bytes, 328, 16, image.labelName);
  writeAscii(bytes, 344, 4, 'n+1'); // magic of a single-file image, NUL-terminated
  return bytes;
}

function datatypeOf(voxels: NiftiVoxels): { code: number; bitpix: number } {
  if (voxels instanceof Uint8Array) return { code: DATATYPE.uint8, bitpix: 8 };
  if (voxels instanceof Int16Array) return { code: DATATYPE.int16, bitpix: 16 };
  return { code: DATATYPE.float32, bitpix: 32 };
}

// Fixed-width character fields: ASCII, cut to leave the terminating NUL.
function writeAscii(bytes: Uint8Array, offset: number, width: number, text: string): void {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').slice(0, width - 1);
  for (let i = 0; i < ascii.length; i++) bytes[offset + i] = ascii.charCodeAt(i);
}
