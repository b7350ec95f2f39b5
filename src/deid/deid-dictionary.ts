/**
 * The attributes outside Table E.1-1 that de-identification knows by name (PS3.6 tags and
 * VRs): the technical attributes of the CT image IODs that describe the image and not the
 * person (kept), the class-like UIDs that identify a kind of object and not an instance
 * (kept), and the markers de-identification writes itself (replaced). Anything else the
 * table does not list is an unknown attribute, reported and, in strict mode, removed.
 */
import type { Vr } from '../dicom/vr.js';
import { CtbankError } from '../errors.js';

/** What ctbank does with a known attribute that Table E.1-1 does not list. */
export type Disposition = 'keep' | 'class-uid' | 'marker';

/** One attribute of this dictionary. */
export interface DeidAttribute {
  readonly keyword: string;
  readonly tag: number;
  readonly vr: Vr;
  readonly disposition: Disposition;
}

type Row = readonly [keyword: string, tag: number, vr: Vr];

// Image and acquisition description of the CT Image (PS3.3 C.8.2.1), Enhanced CT (C.8.15),
// Image Pixel (C.7.6.3), Image Plane (C.7.6.2), General Image/Series/Equipment, VOI LUT,
// Contrast/Bolus and SOP Common modules, plus the Code Sequence Macro (Table 8.8-1) and the
// reference macros, whose items the profile walks.
const KEEP: readonly Row[] = [
  ['SpecificCharacterSet', 0x00080005, 'CS'],
  ['ImageType', 0x00080008, 'CS'],
  ['SOPClassUID', 0x00080016, 'UI'],
  ['Modality', 0x00080060, 'CS'],
  ['Manufacturer', 0x00080070, 'LO'],
  ['CodeValue', 0x00080100, 'SH'],
  ['CodingSchemeDesignator', 0x00080102, 'SH'],
  ['CodingSchemeVersion', 0x00080103, 'SH'],
  ['CodeMeaning', 0x00080104, 'LO'],
  ['MappingResource', 0x00080105, 'CS'],
  ['ContextGroupExtensionFlag', 0x0008010b, 'CS'],
  ['ContextIdentifier', 0x0008010f, 'CS'],
  ['LongCodeValue', 0x00080119, 'UC'],
  ['URNCodeValue', 0x00080120, 'UR'],
  ['ProcedureCodeSequence', 0x00081032, 'SQ'],
  ['ManufacturerModelName', 0x00081090, 'LO'],
  ['ReferencedSeriesSequence', 0x00081115, 'SQ'],
  ['ReferencedInstanceSequence', 0x0008114a, 'SQ'],
  ['ReferencedFrameNumber', 0x00081160, 'IS'],
  ['ReferencedSOPSequence', 0x00081199, 'SQ'],
  ['AnatomicRegionSequence', 0x00082218, 'SQ'],
  ['FrameType', 0x00089007, 'CS'],
  ['ReferencedRawDataSequence', 0x00089121, 'SQ'],
  ['PixelPresentation', 0x00089205, 'CS'],
  ['VolumetricProperties', 0x00089206, 'CS'],
  ['VolumeBasedCalculationTechnique', 0x00089207, 'CS'],
  ['AnatomicalOrientationType', 0x00102210, 'CS'],
  ['ContrastBolusAgentSequence', 0x00180012, 'SQ'],
  ['ContrastBolusAdministrationRouteSequence', 0x00180014, 'SQ'],
  ['BodyPartExamined', 0x00180015, 'CS'],
  ['ScanOptions', 0x00180022, 'CS'],
  ['SliceThickness', 0x00180050, 'DS'],
  ['KVP', 0x00180060, 'DS'],
  ['SpacingBetweenSlices', 0x00180088, 'DS'],
  ['DataCollectionDiameter', 0x00180090, 'DS'],
  ['SoftwareVersions', 0x00181020, 'LO'],
  ['ContrastBolusRoute', 0x00181040, 'LO'],
  ['ContrastBolusVolume', 0x00181041, 'DS'],
  ['ContrastBolusTotalDose', 0x00181044, 'DS'],
  ['ContrastFlowRate', 0x00181046, 'DS'],
  ['ContrastFlowDuration', 0x00181047, 'DS'],
  ['ContrastBolusIngredient', 0x00181048, 'CS'],
  ['ContrastBolusIngredientConcentration', 0x00181049, 'DS'],
  ['SpatialResolution', 0x00181050, 'DS'],
  ['ReconstructionDiameter', 0x00181100, 'DS'],
  ['DistanceSourceToDetector', 0x00181110, 'DS'],
  ['DistanceSourceToPatient', 0x00181111, 'DS'],
  ['GantryDetectorTilt', 0x00181120, 'DS'],
  ['TableHeight', 0x00181130, 'DS'],
  ['RotationDirection', 0x00181140, 'CS'],
  ['ExposureTime', 0x00181150, 'IS'],
  ['XRayTubeCurrent', 0x00181151, 'IS'],
  ['Exposure', 0x00181152, 'IS'],
  ['ExposureInuAs', 0x00181153, 'IS'],
  ['FilterType', 0x00181160, 'SH'],
  ['GeneratorPower', 0x00181170, 'IS'],
  ['FocalSpots', 0x00181190, 'DS'],
  ['ConvolutionKernel', 0x00181210, 'SH'],
  ['WaterEquivalentDiameter', 0x00181271, 'FD'],
  ['PatientPosition', 0x00185100, 'CS'],
  ['ContentQualification', 0x00189004, 'CS'],
  ['AcquisitionType', 0x00189302, 'CS'],
  ['TubeAngle', 0x00189303, 'FD'],
  ['CTAcquisitionDetailsSequence', 0x00189304, 'SQ'],
  ['RevolutionTime', 0x00189305, 'FD'],
  ['SingleCollimationWidth', 0x00189306, 'FD'],
  ['TotalCollimationWidth', 0x00189307, 'FD'],
  ['CTTableDynamicsSequence', 0x00189308, 'SQ'],
  ['TableSpeed', 0x00189309, 'FD'],
  ['TableFeedPerRotation', 0x00189310, 'FD'],
  ['SpiralPitchFactor', 0x00189311, 'FD'],
  ['CTGeometrySequence', 0x00189312, 'SQ'],
  ['DataCollectionCenterPatient', 0x00189313, 'FD'],
  ['CTReconstructionSequence', 0x00189314, 'SQ'],
  ['ReconstructionAlgorithm', 0x00189315, 'CS'],
  ['ReconstructionTargetCenterPatient', 0x00189318, 'FD'],
  ['CTExposureSequence', 0x00189321, 'SQ'],
  ['ExposureModulationType', 0x00189323, 'CS'],
  ['EstimatedDoseSaving', 0x00189324, 'FD'],
  ['CTXRayDetailsSequence', 0x00189325, 'SQ'],
  ['CTPositionSequence', 0x00189326, 'SQ'],
  ['ExposureTimeInms', 0x00189328, 'FD'],
  ['CTImageFrameTypeSequence', 0x00189329, 'SQ'],
  ['XRayTubeCurrentInmA', 0x00189330, 'FD'],
  ['ExposureInmAs', 0x00189332, 'FD'],
  ['ContrastBolusAgentNumber', 0x00189337, 'US'],
  ['ContrastBolusIngredientCodeSequence', 0x00189338, 'SQ'],
  ['ContrastBolusUsageSequence', 0x00189341, 'SQ'],
  ['ContrastBolusAgentAdministered', 0x00189342, 'CS'],
  ['ContrastBolusAgentDetected', 0x00189343, 'CS'],
  ['ContrastBolusAgentPhase', 0x00189344, 'CS'],
  ['CTDIvol', 0x00189345, 'FD'],
  ['CTDIPhantomTypeCodeSequence', 0x00189346, 'SQ'],
  ['IrradiationEventIdentificationSequence', 0x00189477, 'SQ'],
  ['SeriesNumber', 0x00200011, 'IS'],
  ['AcquisitionNumber', 0x00200012, 'IS'],
  ['InstanceNumber', 0x00200013, 'IS'],
  ['PatientOrientation', 0x00200020, 'CS'],
  ['ImagePositionPatient', 0x00200032, 'DS'],
  ['ImageOrientationPatient', 0x00200037, 'DS'],
  ['Laterality', 0x00200060, 'CS'],
  ['ImagesInAcquisition', 0x00201002, 'IS'],
  ['PositionReferenceIndicator', 0x00201040, 'LO'],
  ['SliceLocation', 0x00201041, 'DS'],
  ['StackID', 0x00209056, 'SH'],
  ['InStackPositionNumber', 0x00209057, 'UL'],
  ['FrameAnatomySequence', 0x00209071, 'SQ'],
  ['FrameLaterality', 0x00209072, 'CS'],
  ['FrameContentSequence', 0x00209111, 'SQ'],
  ['PlanePositionSequence', 0x00209113, 'SQ'],
  ['PlaneOrientationSequence', 0x00209116, 'SQ'],
  ['TemporalPositionIndex', 0x00209128, 'UL'],
  ['FrameAcquisitionNumber', 0x00209156, 'US'],
  ['DimensionIndexValues', 0x00209157, 'UL'],
  ['DimensionIndexPointer', 0x00209165, 'AT'],
  ['FunctionalGroupPointer', 0x00209167, 'AT'],
  ['DimensionOrganizationSequence', 0x00209221, 'SQ'],
  ['DimensionIndexSequence', 0x00209222, 'SQ'],
  ['SamplesPerPixel', 0x00280002, 'US'],
  ['PhotometricInterpretation', 0x00280004, 'CS'],
  ['PlanarConfiguration', 0x00280006, 'US'],
  ['NumberOfFrames', 0x00280008, 'IS'],
  ['FrameIncrementPointer', 0x00280009, 'AT'],
  ['Rows', 0x00280010, 'US'],
  ['Columns', 0x00280011, 'US'],
  ['PixelSpacing', 0x00280030, 'DS'],
  ['PixelAspectRatio', 0x00280034, 'IS'],
  ['BitsAllocated', 0x00280100, 'US'],
  ['BitsStored', 0x00280101, 'US'],
  ['HighBit', 0x00280102, 'US'],
  ['PixelRepresentation', 0x00280103, 'US'],
  ['SmallestImagePixelValue', 0x00280106, 'US'],
  ['LargestImagePixelValue', 0x00280107, 'US'],
  ['SmallestPixelValueInSeries', 0x00280108, 'US'],
  ['LargestPixelValueInSeries', 0x00280109, 'US'],
  ['PixelPaddingValue', 0x00280120, 'US'],
  ['PixelPaddingRangeLimit', 0x00280121, 'US'],
  ['QualityControlImage', 0x00280300, 'CS'],
  ['BurnedInAnnotation', 0x00280301, 'CS'],
  ['RecognizableVisualFeatures', 0x00280302, 'CS'],
  ['WindowCenter', 0x00281050, 'DS'],
  ['WindowWidth', 0x00281051, 'DS'],
  ['RescaleIntercept', 0x00281052, 'DS'],
  ['RescaleSlope', 0x00281053, 'DS'],
  ['RescaleType', 0x00281054, 'LO'],
  ['WindowCenterWidthExplanation', 0x00281055, 'LO'],
  ['VOILUTFunction', 0x00281056, 'CS'],
  ['RedPaletteColorLookupTableDescriptor', 0x00281101, 'US'],
  ['GreenPaletteColorLookupTableDescriptor', 0x00281102, 'US'],
  ['BluePaletteColorLookupTableDescriptor', 0x00281103, 'US'],
  ['RedPaletteColorLookupTableData', 0x00281201, 'OW'],
  ['GreenPaletteColorLookupTableData', 0x00281202, 'OW'],
  ['BluePaletteColorLookupTableData', 0x00281203, 'OW'],
  ['LossyImageCompression', 0x00282110, 'CS'],
  ['LossyImageCompressionRatio', 0x00282112, 'DS'],
  ['LossyImageCompressionMethod', 0x00282114, 'CS'],
  ['LUTExplanation', 0x00283003, 'LO'],
  ['PixelMeasuresSequence', 0x00289110, 'SQ'],
  ['FrameVOILUTSequence', 0x00289132, 'SQ'],
  ['PixelValueTransformationSequence', 0x00289145, 'SQ'],
  ['MeasurementUnitsCodeSequence', 0x004008ea, 'SQ'],
  ['RealWorldValueMappingSequence', 0x00409096, 'SQ'],
  ['LUTLabel', 0x00409210, 'SH'],
  ['RealWorldValueLastValueMapped', 0x00409211, 'US'],
  ['RealWorldValueFirstValueMapped', 0x00409216, 'US'],
  ['RealWorldValueIntercept', 0x00409224, 'FD'],
  ['RealWorldValueSlope', 0x00409225, 'FD'],
  ['PurposeOfReferenceCodeSequence', 0x0040a170, 'SQ'],
  ['PresentationLUTShape', 0x20500020, 'CS'],
  ['SharedFunctionalGroupsSequence', 0x52009229, 'SQ'],
  ['PerFrameFunctionalGroupsSequence', 0x52009230, 'SQ'],
  ['FloatPixelData', 0x7fe00008, 'OF'],
  ['DoubleFloatPixelData', 0x7fe00009, 'OD'],
  ['PixelData', 0x7fe00010, 'OW'],
];

// UIDs of kinds of things (SOP classes, transfer syntaxes, coding schemes, context groups):
// they identify no one, and changing them would break the meaning of the instance.
const CLASS_UIDS: readonly Row[] = [
  ['ReferencedSOPClassUIDInFile', 0x00041510, 'UI'],
  ['ReferencedTransferSyntaxUIDInFile', 0x00041512, 'UI'],
  ['RelatedGeneralSOPClassUID', 0x0008001a, 'UI'],
  ['OriginalSpecializedSOPClassUID', 0x0008001b, 'UI'],
  ['CodingSchemeUID', 0x0008010c, 'UI'],
  ['ContextGroupExtensionCreatorUID', 0x0008010d, 'UI'],
  ['ContextUID', 0x00080117, 'UI'],
  ['MappingResourceUID', 0x00080118, 'UI'],
  ['ReferencedSOPClassUID', 0x00081150, 'UI'],
];

// Written by de-identification itself (PS3.15 E.1.1 and PS3.3 C.12.1): any incoming value is
// dropped, so that an earlier tool's method text cannot survive or contradict ours.
const MARKERS: readonly Row[] = [
  ['PatientIdentityRemoved', 0x00120062, 'CS'],
  ['DeidentificationMethod', 0x00120063, 'LO'],
  ['DeidentificationMethodCodeSequence', 0x00120064, 'SQ'],
  ['LongitudinalTemporalInformationModified', 0x00280303, 'CS'],
];

const byTag = new Map<number, DeidAttribute>();
const byKeyword = new Map<string, DeidAttribute>();

for (const [rows, disposition] of [
  [KEEP, 'keep'],
  [CLASS_UIDS, 'class-uid'],
  [MARKERS, 'marker'],
] as const) {
  for (const [keyword, tag, vr] of rows) {
    const attribute: DeidAttribute = { keyword, tag, vr, disposition };
    byTag.set(tag, attribute);
    byKeyword.set(keyword, attribute);
  }
}

/** The dictionary entry of a tag, or undefined when it is not one of these attributes. */
export function deidAttributeFor(tag: number): DeidAttribute | undefined {
  return byTag.get(tag);
}

/** The tag of a keyword this dictionary holds; throws for a keyword it lacks (a code bug). */
export function deidTag(keyword: string): number {
  const attribute = byKeyword.get(keyword);
  if (attribute === undefined) {
    throw new CtbankError('INTERNAL', `the deid dictionary lacks ${keyword}`, { keyword });
  }
  return attribute.tag;
}

/** Every attribute of this dictionary, for tests. */
export function deidAttributes(): DeidAttribute[] {
  return [...byTag.values()];
}
