/**
 * Examines one input file: hash it, read its header, check its UIDs, and store the original in
 * the private zone. Runs on the main thread for small batches and in worker threads for large
 * ones, so its input and output are plain serialisable values.
 */
import { readFileSync } from 'node:fs';
import { readHeader, type IndexedKeyword } from '../dicom/read-header.js';
import { isValidUid } from '../dicom/uid.js';
import { CtbankError, messageOf, type ErrorCode } from '../errors.js';
import { openBlobStore, sha256Hex, type BlobStore } from '../store/blob-store.js';

/** One file to examine: on disk (read here) or already in memory (an archive entry). */
export interface ExamineTask {
  readonly path: string;
  readonly diskPath?: string;
  readonly bytes?: Uint8Array;
  /** Root of the private blob store the original goes to. */
  readonly storeRoot: string;
  /** When true, invalid UIDs do not reject the file (ingest gives it new ones). */
  readonly repairUids: boolean;
}

/** A DICOM instance, hashed and stored. */
export interface ExaminedInstance {
  readonly kind: 'instance';
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly storedNew: boolean;
  readonly transferSyntaxUid: string;
  readonly hasPreamble: boolean;
  readonly values: Partial<Record<IndexedKeyword, string>>;
  /** The UID keywords whose values are missing or invalid (only when repair is on). */
  readonly invalidUids: readonly UidKeyword[];
}

/** A file that will not enter the catalog. */
export interface ExaminedRejection {
  readonly kind: 'rejected';
  readonly path: string;
  readonly code: ErrorCode;
  readonly reason: string;
  readonly sha256?: string;
  readonly sopInstanceUid?: string;
}

/** A DICOMDIR: not an instance, but a list of the files that should be beside it. */
export interface ExaminedDicomdir {
  readonly kind: 'dicomdir';
  readonly path: string;
  readonly referencedFileIds: readonly string[];
}

export type Examined = ExaminedInstance | ExaminedRejection | ExaminedDicomdir;

/** The UIDs an instance needs to have a place in the catalog. */
export const REQUIRED_UIDS = ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const;
export type UidKeyword = (typeof REQUIRED_UIDS)[number];

const stores = new Map<string, BlobStore>();

/** Examines one file; never throws for problems in the file itself. */
export async function examineFile(task: ExamineTask): Promise<Examined> {
  const bytes = load(task);
  if (!(bytes instanceof Uint8Array)) return bytes;

  try {
    return await examineBytes(task, bytes);
  } catch (thrown) {
    // Reasons are plain: the report row names the file beside them.
    const reason = messageOf(thrown).replace(`${task.path}: `, '');
    const code = thrown instanceof CtbankError ? thrown.code : 'MALFORMED_ELEMENT';
    return reject(task.path, code, reason);
  }
}

function load(task: ExamineTask): Uint8Array | ExaminedRejection {
  if (task.bytes !== undefined) return task.bytes;
  if (task.diskPath === undefined) return reject(task.path, 'READ_FAILED', 'no data');

  try {
    // Synchronous on purpose: this runs on a worker thread, and readFileSync is about twice as
    // fast as the promise-based readFile for DICOM-sized files on Node 20.
    return readFileSync(task.diskPath);
  } catch (thrown) {
    return reject(task.path, 'READ_FAILED', messageOf(thrown));
  }
}

async function examineBytes(task: ExamineTask, bytes: Uint8Array): Promise<Examined> {
  const header = readHeader(bytes, task.path);
  const sha256 = sha256Hex(bytes);
  if (header.isDicomdir) {
    return { kind: 'dicomdir', path: task.path, referencedFileIds: header.referencedFileIds };
  }

  const invalidUids = REQUIRED_UIDS.filter((keyword) => !isValidUid(header.values[keyword]));
  const sopInstanceUid = header.values.SOPInstanceUID;
  if (invalidUids.length > 0 && !task.repairUids) {
    const invalid = describeInvalid(invalidUids, header.values);
    const reason = `${invalid}; --repair-uids gives it new UIDs`;
    return { ...reject(task.path, 'INVALID_UID', reason), sha256, ...optional(sopInstanceUid) };
  }
  if (header.values.SOPClassUID === undefined) {
    return { ...reject(task.path, 'MALFORMED_ELEMENT', 'no SOP Class UID'), sha256 };
  }

  const storedNew = await storeFor(task.storeRoot).put(sha256, bytes);
  return {
    kind: 'instance',
    path: task.path,
    sha256,
    size: bytes.length,
    storedNew,
    transferSyntaxUid: header.transferSyntaxUid,
    hasPreamble: header.hasPreamble,
    values: header.values,
    invalidUids,
  };
}

function describeInvalid(
  keywords: readonly UidKeyword[],
  values: Partial<Record<IndexedKeyword, string>>,
): string {
  return keywords
    .map((keyword) => {
      const value = values[keyword];
      return value === undefined
        ? `${keyword} is missing`
        : `${keyword} "${value}" is not a valid UID`;
    })
    .join(', ');
}

function storeFor(root: string): BlobStore {
  let store = stores.get(root);
  if (store === undefined) {
    store = openBlobStore(root);
    stores.set(root, store);
  }
  return store;
}

function optional(sopInstanceUid: string | undefined): { sopInstanceUid?: string } {
  return sopInstanceUid === undefined ? {} : { sopInstanceUid };
}

function reject(path: string, code: ErrorCode, reason: string): ExaminedRejection {
  return { kind: 'rejected', path, code, reason };
}
