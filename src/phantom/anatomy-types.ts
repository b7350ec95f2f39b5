/**
 * The shapes of a synthetic chest. In-plane coordinates are millimetres from the image centre:
 * x grows towards the patient's left (image columns), y towards the posterior (image rows), as
 * for ImageOrientationPatient 1\0\0\0\1\0 with the patient head-first supine (PS3.3 §C.7.6.2.1.1).
 * z is the patient z in mm (superior positive); `t` runs 0 → 1 from the first (most cranial) to
 * the last slice of the scan, which covers the lungs from apex to base.
 */

/** An ellipse in a slice: centre and semi-axes in mm, rotation in radians. */
export interface Ellipse {
  readonly cx: number;
  readonly cy: number;
  readonly a: number;
  readonly b: number;
  readonly angle: number;
}

/** An ellipse painted with one attenuation, in Hounsfield units. */
export interface Paint {
  readonly ellipse: Ellipse;
  readonly hu: number;
}

/** A point in (x mm, y mm, z mm). */
export interface Point3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** A straight tube (vessel or airway segment) of constant radius in mm. */
export interface Tube {
  readonly from: Point3;
  readonly to: Point3;
  readonly radius: number;
}

/** An airway segment: an air lumen of `radius` inside a soft-tissue wall of `wall` mm. */
export interface Airway extends Tube {
  readonly wall: number;
  /** Trachea and main bronchi run through the mediastinum; other airways exist only in lung. */
  readonly central: boolean;
}

/** An ellipsoid with its z axis along the patient axis, rotated in plane by `angle`. */
export interface Ellipsoid {
  readonly center: Point3;
  readonly rx: number;
  readonly ry: number;
  readonly rz: number;
  readonly angle: number;
}

/** Which lung, in the patient's sense (the right lung is on the image's left). */
export type LungSide = 'right' | 'left';

/** The label value of each lung in a label map; lesion bits are added to it. */
export const LUNG_LABEL = { right: 1, left: 2 } as const;

/** Label bit of ground-glass opacity voxels (inside a lung). */
export const GGO_BIT = 4;

/** Label bit of consolidation voxels (inside a lung); it replaces the ground-glass bit. */
export const CONSOLIDATION_BIT = 8;

/** A lesion: one or more overlapping ellipsoids, clipped to its lung when rendered. */
export interface Lesion {
  /** `mixed`: ground glass with a consolidated core of half its size. */
  readonly kind: 'ggo' | 'consolidation' | 'mixed';
  readonly lung: LungSide;
  /** Centred near the pleura, so the lung boundary flattens it. */
  readonly juxtaPleural: boolean;
  readonly blobs: readonly Ellipsoid[];
  /** Attenuation of the ground-glass part, HU (about -550). */
  readonly ggoHu: number;
  /** Attenuation of the consolidated part, HU (-50 to +30). */
  readonly consolidationHu: number;
}

/** One lung: its extent along the scan, its largest cross-section, and its diaphragm dome. */
export interface LungModel {
  readonly side: LungSide;
  readonly apexT: number;
  readonly baseT: number;
  /** Where the diaphragm dome starts to cut into the lung. */
  readonly domeT: number;
  readonly cx: number;
  readonly cy: number;
  readonly ax: number;
  readonly by: number;
  /** Attenuation under the dome: liver on the right, spleen and stomach on the left (HU). */
  readonly domeHu: number;
}

/** Geometry of the acquisition: slices, spacing and the reconstruction field of view. */
export interface ScanGeometry {
  readonly slices: number;
  readonly thicknessMm: number;
  /** Centre-to-centre distance of adjacent slices, equal to the thickness (contiguous). */
  readonly sliceSpacingMm: number;
  /** z of slice 0, the most cranial one. */
  readonly topZ: number;
  /** Reconstruction diameter; the pixel spacing is this over 512. */
  readonly fovMm: number;
  readonly pixelMm: number;
}

/** Everything needed to render any slice of one synthetic patient. */
export interface Anatomy {
  readonly scan: ScanGeometry;
  /** Size factor: 1 for an average adult, down to about 0.6 for a child of six. */
  readonly scale: number;
  readonly bodyCx: number;
  readonly bodyCy: number;
  readonly bodyA: number;
  readonly bodyB: number;
  readonly fatMm: number;
  /** Centre and semi-axes of the thoracic cavity inside the chest wall. */
  readonly thoraxCy: number;
  readonly innerW: number;
  readonly innerH: number;
  readonly spineY: number;
  readonly vertebraRadius: number;
  readonly vertebraPitchMm: number;
  readonly ribPitchMm: number;
  readonly ribPhase: number;
  readonly lungs: readonly [LungModel, LungModel];
  readonly airways: readonly Airway[];
  readonly vessels: readonly Tube[];
  readonly lesions: readonly Lesion[];
  readonly hasTable: boolean;
}

/** The body and cavity of a patient, before its airway, vessel and lesion trees are grown. */
export type AnatomyFrame = Omit<Anatomy, 'airways' | 'vessels' | 'lesions'>;

/** The z (mm) of a position `t` along the scan. */
export function zAt(scan: ScanGeometry, t: number): number {
  return scan.topZ - t * (scan.slices - 1) * scan.sliceSpacingMm;
}

/** The position `t` along the scan of slice `index` (0.5 for a single slice). */
export function tOfSlice(scan: ScanGeometry, index: number): number {
  return scan.slices > 1 ? index / (scan.slices - 1) : 0.5;
}

/** The position `t` along the scan of a z in mm (0.5 for a single slice). */
export function tAtZ(scan: ScanGeometry, z: number): number {
  const length = (scan.slices - 1) * scan.sliceSpacingMm;
  return length > 0 ? (scan.topZ - z) / length : 0.5;
}
