/**
 * Parses a whole DICOM file, every element at every depth, in any transfer syntax, into the
 * model of dataset.ts: the Part 10 preamble and meta group when present (PS3.10 section 7),
 * files that start straight with a data set, deflated data sets (PS3.5 A.5) and big-endian
 * ones, whose numbers are turned little endian so that the model has one byte order.
 */
import { inflateRawSync } from 'node:zlib';
import { CtbankError, messageOf } from '../errors.js';
import { trimPadding } from './character-set.js';
import type { DicomElement, DicomFile } from './dataset.js';
import { datasetEncodingOf, vrFromBytes, type DatasetEncoding } from './dataset-encoding.js';
import { DatasetReader } from './dataset-reader.js';
import { implicitVr } from './dictionary.js';
import { sniffRawDataSet } from './sniff.js';
import { TAGS } from './tags.js';
import { IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';

const PREFIX_OFFSET = 128;
const DATA_AFTER_PREFIX = PREFIX_OFFSET + 4;
const META_GROUP = 0x0002;

// A deflated data set may not grow past this (bytes): a small file must not exhaust memory.
const MAX_INFLATED_LENGTH = 1 << 30;

/** Parses a DICOM file into its meta group and data set; `file` names it in errors. */
export function parseDicomFile(bytes: Uint8Array, file: string): DicomFile {
  if (bytes.length === 0) {
    throw new CtbankError('EMPTY_FILE', `${file}: the file is empty`, { file });
  }

  const reader = new DatasetReader(bytes, file);
  const prefixed = hasPart10Prefix(bytes);
  const metaStart = prefixed ? DATA_AFTER_PREFIX : 0;
  if (!prefixed && sniffRawDataSet(bytes) === undefined) {
    throw new CtbankError('NOT_DICOM', `${file}: no DICM prefix and no data set at byte 0`, {
      file,
    });
  }

  const meta = startsMetaGroup(bytes, metaStart) ? reader.readMeta(metaStart) : [];
  const bodyStart = meta.length > 0 ? reader.position : metaStart;
  const transferSyntaxUid = declaredSyntax(meta) ?? inferredSyntax(bytes, bodyStart);
  const encoding = datasetEncodingOf(transferSyntaxUid);

  if (encoding.deflated) {
    const body = inflate(bytes.subarray(bodyStart), file, bodyStart);
    const bodyReader = new DatasetReader(body, file, ' in the inflated data set');
    const dataset = bodyReader.readDataset(0, encodingSeen(body, 0, encoding));
    return { meta: { elements: meta }, dataset, transferSyntaxUid };
  }

  const dataset = reader.readDataset(bodyStart, encodingSeen(bytes, bodyStart, encoding));
  return { meta: { elements: meta }, dataset, transferSyntaxUid };
}

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= DATA_AFTER_PREFIX &&
    bytes[PREFIX_OFFSET] === 0x44 && // D
    bytes[PREFIX_OFFSET + 1] === 0x49 && // I
    bytes[PREFIX_OFFSET + 2] === 0x43 && // C
    bytes[PREFIX_OFFSET + 3] === 0x4d // M
  );
}

function startsMetaGroup(bytes: Uint8Array, at: number): boolean {
  return at + 8 <= bytes.length && readU16(bytes, at) === META_GROUP;
}

function declaredSyntax(meta: readonly DicomElement[]): string | undefined {
  const element = meta.find((candidate) => candidate.tag === TAGS.TransferSyntaxUID.tag);
  if (element?.value === undefined) return undefined;

  // UIDs are padded with NUL; some writers pad with a space (PS3.5 9.1).
  const text = trimPadding(Buffer.from(element.value).toString('latin1'));
  return text.length > 0 ? text : undefined;
}

// A meta group without (0002,0010): the encoding the data set's first bytes show, else the
// default transfer syntax of DICOM, Implicit VR Little Endian (PS3.5 section 10.1).
function inferredSyntax(bytes: Uint8Array, bodyStart: number): string {
  return sniffRawDataSet(bytes.subarray(bodyStart)) ?? IMPLICIT_VR_LITTLE_ENDIAN;
}

/**
 * The encoding the data set's first element shows, when it contradicts the transfer syntax:
 * some writers label an implicit VR data set explicit (or the reverse). A little-endian data
 * set whose first element has no valid VR where an explicit one would have it is implicit; one
 * whose first element spells its dictionary VR there is explicit.
 */
function encodingSeen(bytes: Uint8Array, at: number, declared: DatasetEncoding): DatasetEncoding {
  if (!declared.littleEndian || at + 8 > bytes.length) return declared;

  const written = vrFromBytes(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
  if (declared.explicitVr && written === undefined) return { ...declared, explicitVr: false };

  const tag = readU16(bytes, at) * 0x10000 + readU16(bytes, at + 2);
  if (!declared.explicitVr && written !== undefined && written === implicitVr(tag)) {
    return { ...declared, explicitVr: true };
  }
  return declared;
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function inflate(deflated: Uint8Array, file: string, offset: number): Uint8Array {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_INFLATED_LENGTH });
  } catch (thrown) {
    // zlib says Z_BUF_ERROR when the stream stops before its end.
    const truncated = thrown instanceof Error && 'code' in thrown && thrown.code === 'Z_BUF_ERROR';
    throw new CtbankError(
      truncated ? 'TRUNCATED' : 'MALFORMED_ELEMENT',
      `${file}: the deflated data set cannot be inflated (${messageOf(thrown)})`,
      { file, offset },
      thrown,
    );
  }
}
