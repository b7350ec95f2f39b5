/**
 * The Type (PS3.5 7.4) of the attributes that Table E.1-1 gives a combined code
 * (`Z/D`, `X/Z`, `X/D`, `X/Z/D`, `X/Z/U*`), in the CT image IODs ctbank publishes. The combined
 * code is resolved from it (PS3.15 E.1.1): Type 1 needs a value (D, or U* for references),
 * Type 2 must be present but may be empty (Z), Type 3 may go (X).
 *
 * Columns: CT Image IOD (PS3.3 A.3) and Enhanced CT Image IOD (A.38), which the Legacy
 * Converted Enhanced CT IOD (A.70) follows for these attributes. Attributes of combined rows
 * that neither IOD uses at the top level (RT, SR, waveform, specimen rows) are absent and
 * treated as Type 3; attributes inside sequence items are resolved the same way, because
 * every combined-code attribute of these IODs sits at the top level.
 */

/** The Type of an attribute in an IOD: 1 required with a value, 2 required, 3 optional. */
export type IodType = 1 | 2 | 3;

/** Which of the CT image IODs an instance is. */
export type CtIod = 'ct' | 'enhanced-ct';

type TypeRow = readonly [ct: IodType, enhancedCt: IodType];

// keyword → [CT Image, Enhanced CT Image]; module and section of PS3.3 in the comment.
const TYPES: Readonly<Record<string, TypeRow>> = {
  // Patient (C.7.1.1): Type 2 for both; Patient ID is then replaced by the pseudonym.
  PatientID: [2, 2],
  // Patient's Sex Neutered is 2C, required only for animals: absent for human subjects.
  PatientSexNeutered: [3, 3],
  // General Study (C.7.2.1).
  ReferencedStudySequence: [3, 3],
  // General Series (C.7.3.1).
  SeriesDate: [3, 3],
  SeriesTime: [3, 3],
  OperatorsName: [3, 3],
  OperatorIdentificationSequence: [3, 3],
  ProtocolName: [3, 3],
  ReferencedPerformedProcedureStepSequence: [3, 3],
  // General Equipment (C.7.5.1); Enhanced General Equipment (C.7.5.2) makes the serial Type 1.
  InstitutionName: [3, 3],
  InstitutionCodeSequence: [3, 3],
  StationName: [3, 3],
  DeviceSerialNumber: [3, 1],
  // General Image (C.7.6.1), Content Date/Time 2C (temporally related images, as CT series
  // are); Multi-frame Functional Groups (C.7.6.16) makes them Type 1.
  ContentDate: [2, 1],
  ContentTime: [2, 1],
  // General Acquisition (C.7.10.1); Enhanced CT Image (C.8.15.2) Acquisition DateTime is 1C,
  // required for ORIGINAL and MIXED images, taken as 1.
  AcquisitionDate: [3, 3],
  AcquisitionTime: [3, 3],
  AcquisitionDateTime: [3, 1],
  // SOP Common (C.12.1).
  InstanceCreationDate: [3, 3],
  InstanceCreationTime: [3, 3],
  // General Reference (C.12.4).
  ReferencedImageSequence: [3, 3],
  SourceImageSequence: [3, 3],
  // Contrast/Bolus (C.7.6.4), present when contrast was used; the Enhanced IOD codes the
  // agent in Contrast/Bolus Agent Sequence instead.
  ContrastBolusAgent: [2, 3],
  // Acquisition Context (C.7.6.14) is a module of the Enhanced CT IOD only.
  AcquisitionContextSequence: [3, 2],
};

const ENHANCED_CT_SOP_CLASSES: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.2.1', // Enhanced CT Image Storage
  '1.2.840.10008.5.1.4.1.1.2.2', // Legacy Converted Enhanced CT Image Storage
]);

/** The CT IOD an instance belongs to, from its SOP Class UID. */
export function ctIodOf(sopClassUid: string | undefined): CtIod {
  return sopClassUid !== undefined && ENHANCED_CT_SOP_CLASSES.has(sopClassUid)
    ? 'enhanced-ct'
    : 'ct';
}

/** The Type of an attribute in the IOD, 3 when the IOD does not use it. */
export function iodTypeOf(keyword: string, iod: CtIod): IodType {
  const row = TYPES[keyword];
  if (row === undefined) return 3;

  return iod === 'ct' ? row[0] : row[1];
}

/** The keywords whose Type this table records, for tests and documentation. */
export function typedKeywords(): string[] {
  return Object.keys(TYPES);
}
