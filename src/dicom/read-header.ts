/**
 * Reads the header of one DICOM instance: the data set up to Pixel Data, in any transfer syntax,
 * with or without the Part 10 preamble (PS3.10 section 7). The parsing itself is dicom-parser's;
 * this adapter adds what ingest needs around it: sniffing files without a preamble or without a
 * transfer syntax, decoding text by character set, checking that Pixel Data is complete, and
 * turning the library's thrown strings into typed errors.
 */
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { CtbankError, messageOf } from '../errors.js';
import { decodeText, encodingOf, trimPadding } from './character-set.js';
import { sniffRawDataSet, metaGroupEnd } from './sniff.js';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS, TAGS, parserKey, type Keyword } from './tags.js';

/** The keywords ingest indexes; every one is read as text (numbers stay in their DS/IS form). */
export const INDEXED_KEYWORDS = [
  'SOPClassUID',
  'SOPInstanceUID',
  'StudyInstanceUID',
  'SeriesInstanceUID',
  'FrameOfReferenceUID',
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'PatientAge',
  'StudyDate',
  'StudyTime',
  'SeriesDate',
  'AccessionNumber',
  'ReferringPhysicianName',
  'InstitutionName',
  'StudyDescription',
  'StudyID',
  'Modality',
  'SeriesNumber',
  'SeriesDescription',
  'BodyPartExamined',
  'Manufacturer',
  'ManufacturerModelName',
  'ImageType',
  'InstanceNumber',
  'AcquisitionNumber',
  'SliceThickness',
  'SliceLocation',
  'ImagePositionPatient',
  'ImageOrientationPatient',
  'PixelSpacing',
  'NumberOfFrames',
  'Rows',
  'Columns',
  'BitsAllocated',
] as const satisfies readonly Keyword[];

/** A keyword ingest indexes. */
export type IndexedKeyword = (typeof INDEXED_KEYWORDS)[number];

/** What ingest needs from one instance's header. */
export interface InstanceHeader {
  readonly transferSyntaxUid: string;
  /** True when the file had the 128-byte preamble and `DICM` prefix. */
  readonly hasPreamble: boolean;
  /** True when the transfer syntax was missing and had to be inferred from the bytes. */
  readonly transferSyntaxInferred: boolean;
  readonly isDicomdir: boolean;
  /** For a DICOMDIR: the files its directory records reference, with `/` separators. */
  readonly referencedFileIds: readonly string[];
  readonly hasPixelData: boolean;
  /** Indexed attribute values as text; absent or empty elements are left out. */
  readonly values: Partial<Record<IndexedKeyword, string>>;
}

const PIXEL_DATA = parserKey('PixelData');
const NUMERIC_US: ReadonlySet<Keyword> = new Set(['Rows', 'Columns', 'BitsAllocated']);
const TEXT_VRS = new Set(['PN', 'LO', 'SH', 'LT', 'ST', 'UT']);
const PART10_PREFIX_OFFSET = 128;

/** Parses the header of a DICOM file; `file` names it in errors. */
export function readHeader(bytes: Uint8Array, file: string): InstanceHeader {
  if (bytes.length === 0)
    throw new CtbankError('EMPTY_FILE', `${file}: the file is empty`, { file });

  const hasPreamble = hasPart10Prefix(bytes);
  const parsed = parse(bytes, hasPreamble, file);
  const dataSet = parsed.dataSet;
  checkPixelDataComplete(dataSet, file);

  const mediaClass = dataSet.string(parserKey('MediaStorageSOPClassUID'));
  const isDicomdir = mediaClass === MEDIA_STORAGE_DIRECTORY_SOP_CLASS;
  return {
    transferSyntaxUid: parsed.transferSyntaxUid,
    hasPreamble,
    transferSyntaxInferred: parsed.inferred,
    isDicomdir,
    referencedFileIds: isDicomdir ? referencedFileIds(dataSet) : [],
    hasPixelData: dataSet.elements[PIXEL_DATA] !== undefined,
    values: indexedValues(dataSet),
  };
}

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PART10_PREFIX_OFFSET + 4 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

interface Parsed {
  dataSet: DataSet;
  transferSyntaxUid: string;
  inferred: boolean;
}

function parse(bytes: Uint8Array, hasPreamble: boolean, file: string): Parsed {
  if (!hasPreamble) {
    // No preamble: the data set (or the meta group) starts at byte 0; guess its encoding.
    const guessed = sniffRawDataSet(bytes);
    if (guessed === undefined) {
      throw new CtbankError(
        'NOT_DICOM',
        `${file}: not DICOM (no DICM prefix at byte 128 and no data set at byte 0)`,
        { file },
      );
    }
    return { dataSet: runParser(bytes, file, guessed), transferSyntaxUid: guessed, inferred: true };
  }

  const metaEnd = metaGroupEnd(bytes, PART10_PREFIX_OFFSET + 4);
  const declared = metaEnd === undefined ? undefined : readMetaTransferSyntax(bytes, file);
  if (declared !== undefined) {
    return { dataSet: runParser(bytes, file), transferSyntaxUid: declared, inferred: false };
  }

  // The meta group lacks (0002,0010): parse what follows it with an inferred syntax.
  const body = bytes.subarray(metaEnd ?? PART10_PREFIX_OFFSET + 4);
  const guessed = sniffRawDataSet(body);
  if (guessed === undefined) {
    throw new CtbankError(
      'MALFORMED_ELEMENT',
      `${file}: no transfer syntax and no readable data set`,
      {
        file,
        keyword: 'TransferSyntaxUID',
      },
    );
  }
  return { dataSet: runParser(body, file, guessed), transferSyntaxUid: guessed, inferred: true };
}

function readMetaTransferSyntax(bytes: Uint8Array, file: string): string | undefined {
  try {
    const meta = dicomParser.readPart10Header(bytes);
    return meta.string(parserKey('TransferSyntaxUID'))?.trim() || undefined;
  } catch (thrown) {
    throw classify(thrown, file);
  }
}

function runParser(bytes: Uint8Array, file: string, transferSyntaxUid?: string): DataSet {
  try {
    return dicomParser.parseDicom(bytes, {
      untilTag: PIXEL_DATA,
      inflater: inflateDeflated,
      ...(transferSyntaxUid === undefined ? {} : { TransferSyntaxUID: transferSyntaxUid }),
    });
  } catch (thrown) {
    throw classify(thrown, file);
  }
}

// Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the meta group is raw deflate.
function inflateDeflated(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position));
  whole.set(inflated, position);
  return whole;
}

const OVERRUN = /overrun|greater than or equal to|maxPosition|past the end|eof|beyond/i;

function classify(thrown: unknown, file: string): CtbankError {
  const message = messageOf(thrown);
  if (OVERRUN.test(message)) {
    return new CtbankError(
      'TRUNCATED',
      `${file}: an element runs past the end of the file`,
      { file },
      thrown,
    );
  }
  return new CtbankError('MALFORMED_ELEMENT', `${file}: ${message}`, { file }, thrown);
}

function checkPixelDataComplete(dataSet: DataSet, file: string): void {
  const pixelData = dataSet.elements[PIXEL_DATA];
  if (pixelData === undefined) return;

  const end = pixelData.hadUndefinedLength
    ? encapsulatedEnd(dataSet.byteArray, pixelData)
    : pixelData.dataOffset + pixelData.length;
  if (end === undefined || end > dataSet.byteArray.length) {
    throw new CtbankError(
      'TRUNCATED',
      `${file}: the file ends inside Pixel Data ` +
        `(${dataSet.byteArray.length} bytes, needs ${end ?? 'more'})`,
      { file, keyword: 'PixelData', offset: pixelData.dataOffset },
    );
  }
}

// Walks the items of encapsulated Pixel Data (PS3.5 A.4) to its Sequence Delimitation Item.
function encapsulatedEnd(bytes: Uint8Array, pixelData: Element): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = pixelData.dataOffset;

  while (position + 8 <= bytes.length) {
    const group = view.getUint16(position, true);
    const element = view.getUint16(position + 2, true);
    const length = view.getUint32(position + 4, true);
    if (group !== 0xfffe) return undefined;
    if (element === 0xe0dd) return position + 8;
    position += 8 + length;
  }
  return undefined;
}

// Referenced File ID (0004,1500) is a path whose components are the values (PS3.10 8.5).
function referencedFileIds(dataSet: DataSet): string[] {
  const records = dataSet.elements[parserKey('DirectoryRecordSequence')]?.items ?? [];
  const ids = records.map((record) => record.dataSet?.string(parserKey('ReferencedFileID')));
  return ids
    .filter((id): id is string => id !== undefined && id !== '')
    .map((id) => id.split('\\').join('/'));
}

function indexedValues(dataSet: DataSet): Partial<Record<IndexedKeyword, string>> {
  const encoding = encodingOf(dataSet.string(parserKey('SpecificCharacterSet')));
  const values: Partial<Record<IndexedKeyword, string>> = {};

  for (const keyword of INDEXED_KEYWORDS) {
    const value = readValue(dataSet, keyword, encoding);
    if (value !== undefined && value.length > 0) values[keyword] = value;
  }
  return values;
}

function readValue(dataSet: DataSet, keyword: Keyword, encoding: string): string | undefined {
  const key = parserKey(keyword);
  const element = dataSet.elements[key];
  if (element === undefined || element.length === 0) return undefined;

  if (NUMERIC_US.has(keyword)) return dataSet.uint16(key)?.toString();
  if (TEXT_VRS.has(TAGS[keyword].vr)) {
    const raw = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
    return decodeText(raw, encoding);
  }

  const text = dataSet.string(key);
  // UIDs are padded with a NUL to an even length (PS3.5 section 9.1).
  return text === undefined ? undefined : trimPadding(text).trim();
}
