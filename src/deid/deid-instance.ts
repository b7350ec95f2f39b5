/**
 * The work of de-identifying one original instance, pure CPU on bytes so that it can run on a
 * worker thread: read the original blob, screen it for burned-in text, de-identify it, write
 * the Part 10 file, check the pixels, audit the written bytes, and store the blob in the
 * public zone. The catalog is left to the caller, which gets the rows to write back.
 */
import type { DicomDataset, DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { TAGS } from '../dicom/tags.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { CtbankError } from '../errors.js';
import { openBlobStore, sha256Hex, type BlobStore } from '../store/blob-store.js';
import { auditDicomFile } from './audit.js';
import { originalIdentifiers, originalsOfFile, type OriginalValue } from './audit-originals.js';
import { screenBurnedInText } from './burned-in-confirm.js';
import {
  deidentify,
  type DeidentifiedInstance,
  type IdentityRecord,
} from './deidentify-dataset.js';
import type { DeidProfile } from './profile.js';
import type { UnknownAttribute } from './deid-report.js';
import { publicRowsOf, type PublicRows } from './public-rows.js';
import { ResolvedPseudonyms } from './resolved-pseudonyms.js';
import { quarantineReason } from './quarantine.js';

/** One original instance to de-identify, with everything resolved that needs the catalog. */
export interface InstanceTask {
  readonly sha256: string;
  readonly sourcePath: string;
  /** Roots of the private zone (read) and public zone (written) blob stores. */
  readonly privateRoot: string;
  readonly publicRoot: string;
  readonly profile: DeidProfile;
  /** The workspace secret (a Buffer arrives on a worker thread as a plain Uint8Array). */
  readonly secret: Uint8Array;
  /** Pseudonyms of the study's patients, keyed by trimmed original Patient ID. */
  readonly pseudonyms: Readonly<Record<string, string>>;
  /** Pseudonyms of withdrawn patients: their instances are held back, never stored. */
  readonly withdrawn: readonly string[];
  /** True once OCR has read the slice's flagged blocks and found no words. */
  readonly ocrCleared: boolean;
  /** Clean Pixel Data: the slice's stored values with its burned-in text blanked. */
  readonly cleanedPixelData?: Uint8Array;
}

/** What became of one instance. */
export type InstanceResult =
  | { readonly status: 'quarantined'; readonly reason: string; readonly detail: string }
  /** The pixel screen flagged the slice: OCR (on the caller's thread) must confirm. */
  | { readonly status: 'needs-ocr' }
  /** The Patient ID was not among the task's pseudonyms: resolve it and submit again. */
  | { readonly status: 'needs-pseudonym'; readonly patientId: string }
  | {
      readonly status: 'published';
      /** The public blob, already stored. */
      readonly sha256: string;
      readonly identity: IdentityRecord;
      readonly rows: PublicRows;
      /** The instance's original identifying values, for the private mapping. */
      readonly originals: readonly OriginalValue[];
      /** Attributes neither the table nor ctbank's dictionary knows, and what was done. */
      readonly unknownAttributes: readonly UnknownAttribute[];
    };

// One store per root and thread: opening creates folders, and each store stages its own files.
// Reads are synchronous: the thread running an instance waits for its blob either way.
const stores = new Map<string, BlobStore>();

function storeAt(root: string): BlobStore {
  let store = stores.get(root);
  if (store === undefined) {
    store = openBlobStore(root, { synchronousReads: true });
    stores.set(root, store);
  }
  return store;
}

/** De-identifies one instance and stores its public blob, or says why it is held back. */
export async function deidentifyInstance(task: InstanceTask): Promise<InstanceResult> {
  const bytes = await storeAt(task.privateRoot).read(task.sha256);
  const { profile, sourcePath } = task;
  const file = withCleanedPixels(parseDicomFile(bytes, sourcePath), task.cleanedPixelData);
  const unwanted = quarantineReason(file.dataset, profile.expectedModalities);
  if (unwanted !== undefined) return { status: 'quarantined', ...unwanted };
  if (!task.ocrCleared) {
    const screen = await screenBurnedInText(bytes, file, sourcePath);
    if (screen.status === 'flagged') return { status: 'needs-ocr' };
    if (screen.status === 'unscreenable') {
      return { status: 'quarantined', reason: 'unscreenable-pixels', detail: screen.detail };
    }
  }

  const secret = Buffer.from(task.secret.buffer, task.secret.byteOffset, task.secret.byteLength);
  const pseudonyms = new ResolvedPseudonyms(task.pseudonyms);
  const pixelDataCleaned = task.cleanedPixelData !== undefined;
  const outcome = await deidentify(file, { profile, secret, pseudonyms, pixelDataCleaned });
  if (outcome.status === 'quarantined') {
    return { status: 'quarantined', reason: outcome.reason, detail: outcome.detail };
  }
  if (pseudonyms.missing !== undefined) {
    return { status: 'needs-pseudonym', patientId: pseudonyms.missing };
  }

  const output = writeDicomFile(outcome.file);
  checkPixelDataUnchanged(file, outcome.file, sourcePath);
  const originals = [
    ...originalsOfFile(file, profile),
    { value: outcome.identity.originalPatientId, kind: 'id' as const },
  ];
  const leaks = auditOutput(originals, outcome, output, sourcePath, profile);
  if (leaks !== undefined) return { status: 'quarantined', reason: 'audit-failed', detail: leaks };

  const { pseudonym } = outcome.identity;
  if (task.withdrawn.includes(pseudonym)) {
    return {
      status: 'quarantined',
      reason: 'withdrawn',
      detail: `patient ${pseudonym} was withdrawn`,
    };
  }
  const sha256 = sha256Hex(output);
  // The blob first, the rows after (the caller's transaction): a row never points at nothing.
  await storeAt(task.publicRoot).put(sha256, output);
  const rows = publicRowsOf(outcome.file, sha256, output.length);
  const { identity, unknownAttributes } = outcome;
  return { status: 'published', sha256, identity, rows, originals, unknownAttributes };
}

// The written bytes are audited against the instance's own original values before they may
// reach the public zone: a finding holds the instance back, with the findings masked.
function auditOutput(
  originals: readonly OriginalValue[],
  outcome: DeidentifiedInstance,
  output: Uint8Array,
  sourcePath: string,
  profile: DeidProfile,
): string | undefined {
  const findings = auditDicomFile(output, sourcePath, {
    profile,
    originals: originalIdentifiers(originals),
    expectedPseudonyms: new Set([outcome.identity.pseudonym]),
  });
  if (findings.length === 0) return undefined;

  return findings
    .map((finding) => `${finding.keyword} ${finding.tag} ${finding.rule} ${finding.value}`)
    .join('; ');
}

// Clean Pixel Data replaces the native Pixel Data value; every other element stays as parsed.
function withCleanedPixels(file: DicomFile, pixelData: Uint8Array | undefined): DicomFile {
  if (pixelData === undefined) return file;

  const elements = file.dataset.elements.map((element) =>
    element.tag === TAGS.PixelData.tag ? { ...element, value: pixelData } : element,
  );
  return { ...file, dataset: { ...file.dataset, elements } };
}

// The engine hands untouched elements on as the same objects, so Pixel Data is normally the
// very same buffer; otherwise the bytes are compared (memcmp, far cheaper than hashing).
function checkPixelDataUnchanged(before: DicomFile, after: DicomFile, sourcePath: string): void {
  const was = pixelData(before.dataset);
  const is = pixelData(after.dataset);
  if (was === is || samePixels(was, is)) return;

  throw new CtbankError('INTERNAL', `${sourcePath}: de-identification changed Pixel Data`, {
    file: sourcePath,
    keyword: 'PixelData',
  });
}

type PixelElement = DicomDataset['elements'][number] | undefined;

function pixelData(dataset: DicomDataset): PixelElement {
  return dataset.elements.find((element) => element.tag === TAGS.PixelData.tag);
}

function samePixels(a: PixelElement, b: PixelElement): boolean {
  const same = (x: Uint8Array | undefined, y: Uint8Array | undefined): boolean =>
    x === undefined || y === undefined ? x === y : Buffer.compare(x, y) === 0;
  const fragmentsA = a?.fragments ?? [];
  const fragmentsB = b?.fragments ?? [];

  return (
    same(a?.value, b?.value) &&
    fragmentsA.length === fragmentsB.length &&
    fragmentsA.every((fragment, index) => same(fragment, fragmentsB[index]))
  );
}
