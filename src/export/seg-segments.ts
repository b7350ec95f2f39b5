/**
 * What each segment of ctbank's segmentations is, in codes a viewer understands: the property
 * category (CID 7150) and type (CID 7151) of PS3.3 C.8.20.2, from SNOMED CT (SCT) and DICOM
 * (DCM, PS3.16 Annex D), with a display colour.
 */

/** A coded concept: Code Value, Coding Scheme Designator, Code Meaning (PS3.3 8.8). */
export interface Code {
  readonly value: string;
  readonly scheme: 'SCT' | 'DCM';
  readonly meaning: string;
}

/** One segment's description, before it is numbered. */
export interface SegmentDescription {
  readonly label: string;
  readonly category: Code;
  readonly type: Code;
  readonly anatomicRegion?: Code;
  /** Recommended Display CIELab Value: L*, a*, b* scaled to 0…65535 (PS3.3 C.10.7.1.1). */
  readonly cieLab: readonly [number, number, number];
}

/** Which mask value is which segment. */
export interface SegmentLabel {
  readonly value: number;
  readonly segment: SegmentDescription;
}

const ANATOMICAL_STRUCTURE: Code = {
  value: '123037004',
  scheme: 'SCT',
  meaning: 'Anatomical Structure',
};
const ABNORMAL_STRUCTURE: Code = {
  value: '49755003',
  scheme: 'SCT',
  meaning: 'Morphologically Abnormal Structure',
};
const LUNG: Code = { value: '39607008', scheme: 'SCT', meaning: 'Lung' };

/** The right lung. */
export const RIGHT_LUNG: SegmentDescription = {
  label: 'Right lung',
  category: ANATOMICAL_STRUCTURE,
  type: { value: '3341006', scheme: 'SCT', meaning: 'Right lung' },
  cieLab: cieLab(70, -20, 30),
};

/** The left lung. */
export const LEFT_LUNG: SegmentDescription = {
  label: 'Left lung',
  category: ANATOMICAL_STRUCTURE,
  type: { value: '44029006', scheme: 'SCT', meaning: 'Left lung' },
  cieLab: cieLab(70, -30, -20),
};

/** Ground-glass opacity (CID 6104). */
export const GROUND_GLASS_OPACITY: SegmentDescription = {
  label: 'Ground-glass opacity',
  category: ABNORMAL_STRUCTURE,
  type: { value: '112120', scheme: 'DCM', meaning: 'Ground glass opacity' },
  anatomicRegion: LUNG,
  cieLab: cieLab(85, 0, 80),
};

/** Consolidation of the lung. */
export const CONSOLIDATION: SegmentDescription = {
  label: 'Consolidation',
  category: ABNORMAL_STRUCTURE,
  type: { value: '95436008', scheme: 'SCT', meaning: 'Lung consolidation' },
  anatomicRegion: LUNG,
  cieLab: cieLab(55, 70, 50),
};

/** The lung mask's labels: 1 right, 2 left (issue 4). */
export const LUNG_LABELS: readonly SegmentLabel[] = [
  { value: 1, segment: RIGHT_LUNG },
  { value: 2, segment: LEFT_LUNG },
];

/** The infection mask's labels: 1 ground-glass, 2 consolidation (issue 4). */
export const INFECTION_LABELS: readonly SegmentLabel[] = [
  { value: 1, segment: GROUND_GLASS_OPACITY },
  { value: 2, segment: CONSOLIDATION },
];

// PS3.3 C.10.7.1.1: L* 0…100 and a*, b* −128…127 mapped linearly onto 0…65535.
function cieLab(l: number, a: number, b: number): [number, number, number] {
  const scale = (value: number, low: number, high: number): number =>
    Math.round(((value - low) / (high - low)) * 65535);
  return [scale(l, 0, 100), scale(a, -128, 127), scale(b, -128, 127)];
}
