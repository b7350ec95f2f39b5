/**
 * The one list of stable error and rejection codes, and the base error class that carries them.
 * Codes are part of the public contract (ingest reports, JSON output, the README): never reuse
 * or rename one; add new ones at the end of their group.
 */

/** Every code ctbank can report, with its one-line meaning for the README and reports. */
export const ERROR_CODES = {
  // Input files (ingest).
  NOT_DICOM: 'not a DICOM file (no DICM prefix and no recognisable dataset at offset 0)',
  EMPTY_FILE: 'the file is empty',
  TRUNCATED: 'the file ends inside an element or before its declared length',
  MALFORMED_ELEMENT: 'an element length or value representation cannot be parsed',
  INVALID_UID: 'a Study, Series or SOP Instance UID is missing or not a valid DICOM UID',
  UID_CONFLICT: 'the same SOP Instance UID arrived with different content; both are kept aside',
  READ_FAILED: 'the file could not be read from disk',
  PIXEL_DATA_UNSUPPORTED:
    'the pixels are in a form ctbank does not decode (JPEG baseline, colour or odd bit depth)',
  UNWRITABLE: 'the data set cannot be written in the asked transfer syntax or shape',
  PIXEL_DECODE_FAILED:
    'the pixel data is damaged or does not match its header: the codec could not decode a frame',
  // Archives.
  ARCHIVE_ENCRYPTED:
    'the archive or an entry is password-protected; ctbank does not guess passwords',
  ARCHIVE_CORRUPT: 'the archive is damaged or not readable by the archive library',
  ARCHIVE_PATH_ESCAPE: 'an archive entry path is absolute or climbs out of its folder: blocked',
  ARCHIVE_TOO_LARGE: 'the archive expands beyond the configured ratio or absolute size: blocked',
  ARCHIVE_TIMEOUT: 'the extractor did not finish within the configured time limit: stopped',
  ARCHIVE_MULTIVOLUME: 'a multi-volume archive whose other parts are missing or unsupported',
  ARCHIVE_NESTING: 'archives nested deeper than the configured depth are not opened',
  ARCHIVE_ENTRY_SKIPPED: 'a link, device or other entry that is not a regular file',
  ARCHIVE_EMPTY: 'the archive holds no files (only folders, or nothing the extractor can list)',
  // Workspace, catalog and usage.
  USAGE: 'the command line is not valid',
  WORKSPACE: 'the workspace cannot be created or opened',
  CATALOG: 'the catalog database failed',
  STAGE_FAILED: 'a stage failed for a study',
  INTERNAL: 'an unexpected internal error',
  OCR_FAILED: 'the text recogniser (tesseract.js) could not start or read an image',
  // Reading, adjudication and clinical data.
  FORM_INVALID: 'the reading form definition is not valid, or its version changed content',
  READ_INVALID: 'the answers do not fit the reading form (unknown finding, value or range)',
  READER_UNKNOWN: 'no reader of that name is registered, or not with the role needed',
  STUDY_UNKNOWN: 'no de-identified study with that Study Instance UID is in the catalog',
  NOT_ASSIGNED: 'the study is not assigned to this reader',
  READ_HIDDEN: "another reader's answers stay hidden until this reader has submitted",
  READ_SUBMITTED: 'a submitted read cannot be edited; a correction supersedes it',
  ADJUDICATION_OWN_READ: 'a reader cannot adjudicate a study they read',
  ADJUDICATION_NOT_OPEN: 'there is no open adjudication item for that study and finding',
  CLINICAL_INVALID: 'a clinical row is not valid (unknown patient, value or term)',
} as const;

/** A stable code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Where an error happened: the file, the UID and the tag keyword involved, when known. */
export interface ErrorPlace {
  readonly file?: string;
  readonly sopInstanceUid?: string;
  readonly keyword?: string;
  readonly offset?: number;
}

/** Base class of every error ctbank throws on purpose: a stable code plus the place. */
export class CtbankError extends Error {
  readonly code: ErrorCode;
  readonly place: ErrorPlace;

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CtbankError';
    this.code = code;
    this.place = place;
  }
}

/** True when the value is a ctbank error with the given code. */
export function hasCode(error: unknown, code: ErrorCode): error is CtbankError {
  return error instanceof CtbankError && error.code === code;
}

/** Turns anything thrown (libraries throw strings) into a message. */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;

  // dicom-parser throws `{ exception, dataSet }` objects around its own string messages.
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown) {
    return messageOf(thrown.exception);
  }
  return String(thrown);
}
