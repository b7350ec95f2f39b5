/**
 * DICOMDIRs as hints: a DICOMDIR lists the files of a DICOM medium (PS3.10 section 8), so a
 * file it lists that never arrived means the hand-over is incomplete. The DICOMDIR itself is
 * not stored; the check of each one goes into the ingest report.
 */
import type { ExaminedDicomdir } from './examine-file.js';

/** What one DICOMDIR promised and what was missing. */
export interface DicomdirCheck {
  readonly path: string;
  readonly referencedFiles: number;
  /** Listed files not among the inputs, as paths beside the DICOMDIR. */
  readonly missingFiles: readonly string[];
}

/** Checks each DICOMDIR's file list against the paths this ingest saw. */
export function checkDicomdirs(
  dicomdirs: readonly ExaminedDicomdir[],
  seenPaths: ReadonlySet<string>,
): DicomdirCheck[] {
  // Media file IDs are upper case (PS3.10 8.5) while copies on disk often are not.
  const seen = new Set([...seenPaths].map((seenPath) => seenPath.toLowerCase()));

  return dicomdirs.map((dicomdir) => {
    const folder = dicomdir.path.slice(0, dicomdir.path.lastIndexOf('/') + 1);
    const expected = dicomdir.referencedFileIds.map((id) => folder + id);
    return {
      path: dicomdir.path,
      referencedFiles: expected.length,
      missingFiles: expected.filter((file) => !seen.has(file.toLowerCase())),
    };
  });
}
