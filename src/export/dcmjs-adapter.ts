/**
 * The one place dcmjs (untyped) is called for writing: a data set given by keyword, as dcmjs
 * "naturalizes" it, encoded as a Part 10 file in Explicit VR Little Endian; and read back the
 * same way for tests. Tag numbers for AT values come from dcmjs's dictionary by keyword.
 */
import { createRequire } from 'node:module';
import { CtbankError } from '../errors.js';
import {
  CTBANK_IMPLEMENTATION_CLASS_UID,
  EXPLICIT_VR_LITTLE_ENDIAN,
} from '../dicom/part10-writer.js';

/** A value as dcmjs names it: text, numbers, sequence items or OB/OW bytes. */
export type NaturalValue =
  | string
  | number
  | readonly (string | number)[]
  | readonly NaturalDataset[]
  | readonly ArrayBuffer[];

/** A data set by PS3.6 keyword; `_vrMap` gives VRs the dictionary leaves open (Pixel Data OB). */
export interface NaturalDataset {
  readonly [keyword: string]: NaturalValue | Readonly<Record<string, string>> | undefined;
}

interface DcmjsData {
  readonly DicomMetaDictionary: {
    readonly nameMap: Readonly<Record<string, { readonly tag: string } | undefined>>;
    denaturalizeDataset(dataset: NaturalDataset): object;
    naturalizeDataset(dataset: object): Record<string, unknown>;
  };
  readonly DicomDict: new (meta: object) => { dict: object; write(): ArrayBuffer };
  readonly DicomMessage: { readFile(buffer: ArrayBuffer): { dict: object } };
}

let loaded: DcmjsData | undefined;

// dcmjs ships no types: its surface is checked once here and described by DcmjsData.
function dcmjsData(): DcmjsData {
  if (loaded !== undefined) return loaded;
  const module = createRequire(import.meta.url)('dcmjs') as { data?: Partial<DcmjsData> };
  const data = module.data;
  if (
    data?.DicomMetaDictionary === undefined ||
    data.DicomDict === undefined ||
    data.DicomMessage === undefined
  ) {
    throw new CtbankError('INTERNAL', 'dcmjs no longer exposes data.DicomMetaDictionary/DicomDict');
  }
  loaded = data as DcmjsData;
  return loaded;
}

/** The tag of a keyword as (group << 16) | element, for Attribute Tag (AT) values. */
export function tagOf(keyword: string): number {
  const entry = dcmjsData().DicomMetaDictionary.nameMap[keyword];
  const match = entry === undefined ? null : /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/i.exec(entry.tag);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new CtbankError('INTERNAL', `dcmjs's dictionary has no tag for ${keyword}`);
  }
  return Number.parseInt(match[1] + match[2], 16);
}

/** Encodes the data set as a Part 10 file; SOPClassUID and SOPInstanceUID fill the file meta. */
export function encodeNaturalPart10(dataset: NaturalDataset): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjsData();
  const meta: NaturalDataset = {
    FileMetaInformationVersion: [Uint8Array.of(0, 1).buffer],
    MediaStorageSOPClassUID: textOf(dataset, 'SOPClassUID'),
    MediaStorageSOPInstanceUID: textOf(dataset, 'SOPInstanceUID'),
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: CTBANK_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'CTBANK_0_1',
  };

  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write());
}

/** Reads a Part 10 file into keyword form (values unchecked: for tests and inspection). */
export function decodeNaturalPart10(bytes: Uint8Array): Record<string, unknown> {
  const { DicomMetaDictionary, DicomMessage } = dcmjsData();
  const copy = bytes.slice().buffer;
  return DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(copy).dict);
}

function textOf(dataset: NaturalDataset, keyword: string): string {
  const value = dataset[keyword];
  if (typeof value !== 'string') {
    throw new CtbankError('UNWRITABLE', `the data set has no ${keyword}`, { keyword });
  }
  return value;
}
