/**
 * The frames of a BINARY segmentation (PS3.3 C.8.20.2.1): for each segment, one frame per
 * slice of the source volume, one bit per pixel packed little-bit-first (PS3.5 8.1.1), and the
 * Per-Frame Functional Groups that place each frame and name its segment and source slice.
 */
import type { Volume } from '../volume/volume.js';
import type { NaturalDataset } from './dcmjs-adapter.js';

// PS3.16 Annex D: CID 7202 "Source image for image processing operation", CID 7203
// "Segmentation" as the derivation.
const SOURCE_IMAGE_PURPOSE = {
  value: '121322',
  meaning: 'Source image for image processing operation',
};
const SEGMENTATION_DERIVATION = { value: '113076', meaning: 'Segmentation' };

/** Pixel Data of every segment's frames, segment by segment, slice by slice, padded to even. */
export function packFrames(
  volume: Volume,
  mask: Uint8Array,
  values: readonly number[],
): ArrayBuffer {
  const framePixels = volume.rows * volume.columns;
  const totalBits = framePixels * volume.sliceCount * values.length;
  const bytes = new Uint8Array(Math.ceil(totalBits / 8 / 2) * 2);
  let bit = 0;

  for (const value of values) {
    for (let voxel = 0; voxel < mask.length; voxel++, bit++) {
      if (mask[voxel] === value) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  return bytes.buffer;
}

/** What the frames refer to: the SOP Class of the source instances. */
export interface FrameSource {
  readonly sopClassUid: string;
}

/** The Per-Frame Functional Groups Sequence items, in the order of {@link packFrames}. */
export function perFrameGroups(
  volume: Volume,
  segmentCount: number,
  source: FrameSource,
): NaturalDataset[] {
  const groups: NaturalDataset[] = [];

  for (let segment = 1; segment <= segmentCount; segment++) {
    for (const slice of volume.slices) {
      const derivation: NaturalDataset = {
        SourceImageSequence: [
          {
            ReferencedSOPClassUID: source.sopClassUid,
            ReferencedSOPInstanceUID: slice.sopInstanceUid ?? '',
            PurposeOfReferenceCodeSequence: [dcmCode(SOURCE_IMAGE_PURPOSE)],
          },
        ],
        DerivationCodeSequence: [dcmCode(SEGMENTATION_DERIVATION)],
      };
      groups.push({
        DerivationImageSequence: [derivation],
        // Dimension Index Values follow the Dimension Index Sequence: segment, then slice (from 1).
        FrameContentSequence: [{ DimensionIndexValues: [segment, slice.index + 1] }],
        PlanePositionSequence: [{ ImagePositionPatient: [...slice.imagePositionPatient] }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segment }],
      });
    }
  }
  return groups;
}

function dcmCode(code: { value: string; meaning: string }): NaturalDataset {
  return { CodeValue: code.value, CodingSchemeDesignator: 'DCM', CodeMeaning: code.meaning };
}
