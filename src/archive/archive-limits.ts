/**
 * The safety limits applied to every archive, and their defaults. The defaults were measured
 * against the libarchive RAR corpus in ../shared/data/rar: every legitimate archive there passes,
 * and the hostile ones that pass are stopped by the extractor itself.
 */

/** Limits that stop an archive from expanding, running or nesting out of proportion. */
export interface ArchiveLimits {
  /** Declared (and then actual) unpacked bytes over packed bytes on disk, for a whole archive. */
  readonly maxExpansionRatio: number;
  /** Unpacked bytes of one archive, in total (bytes). */
  readonly maxExpandedBytes: number;
  /** Time the extractor may spend on one archive, not counting time waiting for the reader (ms). */
  readonly timeoutMs: number;
  /** Unpacked bytes of one entry; each entry is held in memory once (bytes). */
  readonly maxEntryBytes: number;
  /** Archives inside archives: 0 = none, 1 = a ZIP inside a RAR but no deeper. */
  readonly maxNestingDepth: number;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Why these numbers:
 * - maxExpansionRatio 2000: the highest legitimate ratio in the corpus is 1368:1
 *   (test_read_format_rar_ppmd_lzss_conversion.rar: 241,647,978 B of repetitive text from
 *   176,700 B; the same file over four volumes is 1277:1, multi_lzss_blocks 1015:1), while CT in
 *   DICOM packs at 1-4:1. 2000 keeps a margin over the corpus and still stops classic bombs,
 *   whose ratios run to 10^4-10^6:1 (the truncated test_read_large_splitted_rar_aa declares
 *   6041:1 and is stopped).
 * - maxExpandedBytes 32 GiB: one patient's archive holds one or a few CT series (P001: 38 MB; a
 *   0.625 mm chest CT of 600 slices is ~300 MB), so 32 GiB fits a whole multi-patient hand-over
 *   while a bomb is stopped before it fills a disk.
 * - maxEntryBytes 512 MiB: the largest legitimate corpus entry is 241,647,978 B; a CT slice is
 *   ~0.5 MB and an enhanced multi-frame CT of 1000 frames of 512x512x16 bit is 500 MiB.
 * - timeoutMs 5 min: no corpus archive needs 0.5 s; P001.rar (38 MB stored) takes ~0.15 s and
 *   the 241 MB PPMd file ~0.5 s, so 5 min covers a 32 GiB archive at ~110 MB/s, and a hostile
 *   archive that hangs the extractor costs at most that long.
 * - maxNestingDepth 1: hand-overs wrap per-patient RARs in one ZIP (or a ZIP in a RAR), which
 *   needs one level; deeper nesting is the shape of recursive bombs such as 42.zip.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxExpansionRatio: 2000,
  maxExpandedBytes: 32 * GIB,
  timeoutMs: 5 * 60 * 1000,
  maxEntryBytes: 512 * MIB,
  maxNestingDepth: 1,
};

/** Fills the limits the caller left out with the defaults. */
export function resolveLimits(partial: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...partial };
}
